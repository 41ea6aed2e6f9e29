"""Each cluster's stored matchmaking index: what goes in it, where it lives, when it is stale.

The index of a cluster holds its own participants' profiles (with their active offers and
requests) and the profiles other clusters made visible. It is built by the engine named in
``settings.MATCHMAKING_ENGINE`` and saved in a folder of its own per build,
``MATCHMAKING_INDEX_DIR/<cluster id>/<token>``, so that two builds (or two test runs on two
databases) never write into the same folder. ``MatchIndexState`` says which folder is the
cluster's, and whether a change made it stale:

- a change of a profile or an offer or request of the cluster marks the cluster's index stale;
- a change of a profile visible to other clusters (or one that stops being visible) marks
  every cluster's index stale, with one UPDATE, and queues a rebuild of each;
- a change in the registry (name, category, sectors, value-chain position) is seen by
  comparing the participants' ``updated_at`` with the build's time.

A page that finds the index stale rebuilds it at once when it is small, else it uses the last
one and the rebuild runs in the background (``tasks.match_index_build_task``); a change of a
visible profile queues the rebuild of every cluster's index, and a rebuild queued more than
``REQUEUE_AFTER`` ago and still not run is queued again. Meanwhile the older index is used
without the participants of other clusters that stopped being visible (``IndexAnswer.allowed``).
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from clusterdesk.participants.models import Organisation, OrganisationSector
from clusterdesk.tenancy.models import Cluster

from . import engine
from .models import Listing, MatchIndexState, MatchProfile

log = logging.getLogger(__name__)

SYNCHRONOUS_LIMITS = {"tfidf": 2_000, "semantic": 100}
"""Up to this many profiles a page rebuilds a stale index itself (a second or two with TF-IDF;
embeddings take about a second per 30 texts on a CPU); above it the page shows the last index
and the rebuild runs in the background."""
CACHE_SIZE = 8
REQUEUE_AFTER = timedelta(minutes=10)
"""A stale index whose rebuild was queued longer ago than this (the task was lost) is queued
again by the next page that reads it."""

_cache: OrderedDict[str, engine.MatchIndex] = OrderedDict()
_cache_lock = threading.Lock()


def engine_name() -> str:
    """The engine the settings ask for ("auto": the best one installed)."""
    name = settings.MATCHMAKING_ENGINE
    return engine.default_engine_name() if name == "auto" else name


# --------------------------------------------------------------------------- what goes in


def indexed_profiles(cluster: Cluster) -> Q:
    """The profiles a cluster's index holds: its own and those visible to other clusters."""
    return Q(cluster=cluster) | Q(visible_to_other_clusters=True)


def engine_profiles(cluster: Cluster, *, as_of: date | None = None) -> list[engine.Profile]:
    """The engine's profiles of the cluster's index, in three queries whatever their number
    (profiles with their organisations, their active listings, their sectors)."""
    day = as_of or timezone.localdate()
    rows = (
        MatchProfile.objects.filter(indexed_profiles(cluster))
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "listings",
                queryset=Listing.objects.active_on(day).order_by("id"),
                to_attr="active_listings",
            ),
            Prefetch(
                "organisation__sectors",
                queryset=OrganisationSector.objects.only("id", "organisation_id", "code"),
            ),
        )
        .order_by("cluster_id", "organisation__name", "organisation_id")
    )
    return [engine_profile(row) for row in rows]


def engine_profile(row: MatchProfile) -> engine.Profile:
    organisation = row.organisation
    listings = getattr(row, "active_listings", None)
    if listings is None:
        listings = list(row.listings.active_on(timezone.localdate()).order_by("id"))
    return engine.Profile(
        id=organisation.pk,
        cluster_id=organisation.cluster_id,
        name=organisation.name,
        category=organisation.category,
        sectors=tuple(sector.code for sector in organisation.sectors.all()),
        value_chain_position=organisation.value_chain_position or "",
        competences=tuple(row.competences or ()),
        technologies=tuple(row.technologies or ()),
        markets=tuple(row.markets or ()),
        languages=tuple(row.languages or ()),
        description=row.summary,
        listings=tuple(
            engine.Listing(id=item.pk, kind=item.kind, title=item.title, text=item.text)
            for item in listings
        ),
    )


# --------------------------------------------------------------------------- stale or not


def index_mark_stale(cluster: Cluster | int, *, everywhere: bool = False) -> None:
    """The cluster's index (every cluster's with ``everywhere``) no longer matches the
    profiles; once the change is committed a rebuild is queued for the cluster and, with
    ``everywhere``, for every other cluster that has an index: a profile that stopped being
    visible must leave them all (and their folders on disk)."""
    cluster_id = cluster if isinstance(cluster, int) else cluster.pk
    states = (
        MatchIndexState.objects.all()
        if everywhere
        else MatchIndexState.objects.filter(cluster_id=cluster_id)
    )
    states.update(stale=True, queued_at=timezone.now())
    transaction.on_commit(lambda: _enqueue_builds(cluster_id, everywhere=everywhere))


def _enqueue_builds(cluster_id: int, *, everywhere: bool) -> None:
    """Queue one rebuild for the cluster and, with ``everywhere``, one for each other cluster
    that has an index; a failure to queue one does not stop the others (a page rebuilds a
    small index itself, and re-queues a large one whose task was lost)."""
    from .tasks import match_index_build_task

    cluster_ids = [cluster_id]
    if everywhere:
        cluster_ids += sorted(
            set(
                MatchIndexState.objects.exclude(cluster_id=cluster_id).values_list(
                    "cluster_id", flat=True
                )
            )
        )
    for pk in cluster_ids:
        try:
            match_index_build_task.enqueue(pk)
        except Exception:
            log.exception("Could not queue the rebuild of the matchmaking index %s", pk)


def rebuild_lost(state: MatchIndexState, *, now: datetime | None = None) -> bool:
    """A stale index whose rebuild was never queued, or queued so long ago that the task
    must have been lost."""
    if not state.stale:
        return False
    if state.queued_at is None:
        return True
    return (now or timezone.now()) - state.queued_at > REQUEUE_AFTER


def index_is_current(cluster: Cluster, state: MatchIndexState | None) -> bool:
    if state is None or state.stale or state.built_at is None or state.engine != engine_name():
        return False
    if state.profiles and not (Path(state.folder).is_dir()):
        return False
    # The registry's side of a profile (name, category, sectors) changed since the build.
    return not (
        Organisation.objects.filter(match_profile__isnull=False, updated_at__gt=state.built_at)
        .filter(Q(cluster=cluster) | Q(match_profile__visible_to_other_clusters=True))
        .exists()
    )


# --------------------------------------------------------------------------- build and load


def _cluster_folder(cluster_id: int) -> Path:
    return Path(settings.MATCHMAKING_INDEX_DIR) / str(cluster_id)


def index_build(*, cluster: Cluster) -> MatchIndexState:
    """Build the cluster's index now, save it in a new folder, and make it the cluster's;
    the previous folder is removed."""
    name = engine_name()
    started = time.perf_counter()
    state, _created = MatchIndexState.objects.get_or_create(cluster=cluster)
    previous = state.folder
    # From here on, a change marks the index stale again (and queues another build): this
    # build may not have read it.
    MatchIndexState.objects.filter(pk=state.pk).update(stale=False, queued_at=None)
    built_at = timezone.now()
    profiles = engine_profiles(cluster)
    folder = ""
    if profiles:
        index = engine.build_index(profiles, engine=name)
        path = _cluster_folder(cluster.pk) / uuid.uuid4().hex
        index.save(path)
        folder = str(path)
        _remember(folder, index)
    MatchIndexState.objects.filter(pk=state.pk).update(
        engine=name,
        folder=folder,
        profiles=len(profiles),
        other_clusters_profiles=sum(1 for item in profiles if item.cluster_id != cluster.pk),
        built_at=built_at,
        seconds=time.perf_counter() - started,
    )
    state.refresh_from_db()
    if previous and previous != folder:
        _forget(previous)
        shutil.rmtree(previous, ignore_errors=True)
    return state


def _remember(folder: str, index: engine.MatchIndex) -> None:
    with _cache_lock:
        _cache[folder] = index
        _cache.move_to_end(folder)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def _forget(folder: str) -> None:
    with _cache_lock:
        _cache.pop(folder, None)


def index_load(folder: str) -> engine.MatchIndex:
    with _cache_lock:
        index = _cache.get(folder)
        if index is not None:
            _cache.move_to_end(folder)
            return index
    index = engine.MatchIndex.load(folder)
    _remember(folder, index)
    return index


@dataclass(frozen=True)
class IndexAnswer:
    index: engine.MatchIndex | None
    state: MatchIndexState | None
    refreshing: bool = False
    """True when the index shown is an older one while a new one is being built."""
    withheld: frozenset[int] = frozenset()
    """Participants of other clusters in that older index whose profile is no longer visible:
    never to be recommended (``allowed``)."""

    def allowed(self, candidates: set[int] | frozenset[int] | None) -> frozenset[int] | None:
        """The engine's ``candidates`` filter without the withheld participants."""
        if not self.withheld:
            return frozenset(candidates) if candidates is not None else None
        if candidates is None and self.index is not None:
            candidates = {profile.id for profile in self.index.profiles}
        return frozenset(candidates or ()) - self.withheld


def synchronous_limit() -> int:
    return SYNCHRONOUS_LIMITS.get(engine_name(), SYNCHRONOUS_LIMITS["semantic"])


def index_for(cluster: Cluster, *, rebuild_limit: int | None = None) -> IndexAnswer:
    """The cluster's current index: rebuilt here when missing or stale and small, else the last
    one (None when there is none yet) while the background build runs, with the participants
    of other clusters that stopped being visible since it was built withheld."""
    state = MatchIndexState.objects.filter(cluster=cluster).first()
    if not index_is_current(cluster, state):
        size = MatchProfile.objects.filter(indexed_profiles(cluster)).count()
        limit = synchronous_limit() if rebuild_limit is None else rebuild_limit
        if size <= limit:
            state = index_build(cluster=cluster)
        else:
            if state is None:  # the first build of a large cluster: queued once
                state = MatchIndexState.objects.create(cluster=cluster, stale=True)
                index_mark_stale(cluster)
            elif not state.stale or rebuild_lost(state):
                # a registry change nobody queued a rebuild for, or a rebuild queued long ago
                # and never run
                index_mark_stale(cluster)
            index = _safe_load(state)
            return IndexAnswer(index, state, refreshing=True, withheld=_withheld(cluster, index))
    assert state is not None
    if not state.folder:
        return IndexAnswer(None, state)
    index = _safe_load(state)
    if index is None:  # the folder went away: build again
        state = index_build(cluster=cluster)
        index = index_load(state.folder) if state.folder else None
    return IndexAnswer(index, state)


def _withheld(cluster: Cluster, index: engine.MatchIndex | None) -> frozenset[int]:
    """Other clusters' participants in an older index whose profile is no longer visible."""
    if index is None:
        return frozenset()
    others = {profile.id for profile in index.profiles if profile.cluster_id != cluster.pk}
    if not others:
        return frozenset()
    visible = set(
        MatchProfile.objects.filter(visible_to_other_clusters=True)
        .exclude(cluster=cluster)
        .values_list("organisation_id", flat=True)
    )
    return frozenset(others - visible)


def index_being_prepared(cluster: Cluster) -> bool:
    """The cluster has no index yet and its first one is being built in the background."""
    state = MatchIndexState.objects.filter(cluster=cluster).only("folder", "stale").first()
    return state is not None and not state.folder and state.stale


def _safe_load(state: MatchIndexState) -> engine.MatchIndex | None:
    if not state.folder:
        return None
    try:
        return index_load(state.folder)
    except (OSError, ValueError):
        log.warning("The matchmaking index in %s could not be read", state.folder)
        return None
