"""Web presence, social channels and success stories."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget

from clusterdesk.engagement.forms.recognition import (
    NETWORKS,
    SocialChannelForm,
    SuccessStoryForm,
    WebPresenceForm,
)
from clusterdesk.engagement.models import SocialChannel, SuccessStory, WebPresence
from clusterdesk.engagement.services import recognition
from clusterdesk.lib.errors import DomainError
from clusterdesk.lib.tabular import write_table
from clusterdesk.participants.models import Organisation
from clusterdesk.participants.queries import participant_suggestions
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .common import can_edit, column_label, confirm_delete, form_page, table_download

PAGE_SIZE = 25
SUGGESTIONS_SHOWN = 20
STORY_LIST_FIELDS = ("id", "title", "published_on", *recognition.STORY_POINTS)
# Drafts first, then the latest published, on every database.
STORY_ORDER = (F("published_on").desc(nulls_first=True), "-id")
THRESHOLDS = {
    "e2_stories": recognition.E2_MET_STORIES,
    "e2_months": recognition.E2_MONTHS,
    "e3_days": recognition.E3_RECENT_DAYS,
}


def _overview_url(cluster_slug: str) -> str:
    return reverse("engagement:recognition", kwargs={"cluster_slug": cluster_slug})


def _stories_url(cluster_slug: str) -> str:
    return reverse("engagement:recognition_stories", kwargs={"cluster_slug": cluster_slug})


def _story_url(cluster_slug: str, pk: int) -> str:
    return reverse("engagement:recognition_story", kwargs={"cluster_slug": cluster_slug, "pk": pk})


@role_required(*READ_ROLES)
def recognition_overview(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    today = timezone.localdate()
    cluster = request.cluster
    sites, check = recognition.web_presence(cluster, today=today)
    stories = recognition.stories_count(cluster, today=today)
    return render(
        request,
        "engagement/recognition/overview.html",
        {
            "sites": sites,
            "check": check,
            "channels": SocialChannel.objects.for_cluster(cluster).order_by("network", "url"),
            "stories_count": stories,
            "stories_status": recognition.stories_status(stories),
            "recent_stories": SuccessStory.objects.for_cluster(cluster)
            .only(*STORY_LIST_FIELDS)
            .order_by(*STORY_ORDER)[:5],
            "can_edit": can_edit(request),
            "thresholds": THRESHOLDS,
        },
    )


# --------------------------------------------------------------------------- websites


def _site(request: HttpRequest, pk: int) -> WebPresence:
    return get_object_or_404(WebPresence.objects.for_cluster(request.cluster), pk=pk)


def _page(request: HttpRequest, title: str, **extra: Any) -> dict[str, Any]:
    url = _overview_url(request.cluster.slug)
    return {
        "title": title,
        "crumbs": [(_("Web presence and success stories"), url)],
        "cancel_url": url,
        **extra,
    }


@role_required(*EDIT_ROLES)
def site_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = WebPresenceForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: recognition.web_presence_create(
            cluster=request.cluster, actor=request.user, data=form.cleaned_data
        ),
        success=lambda site: _("%(url)s was added.") % {"url": site.url},
        next_url=_overview_url(cluster_slug),
        context=_page(request, _("Add a website")),
    )


@role_required(*EDIT_ROLES)
def site_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    site = _site(request, pk)
    form = WebPresenceForm(request.POST or None, instance=site)
    return form_page(
        request,
        form,
        save=lambda: recognition.web_presence_update(
            site=_site(request, pk), actor=request.user, data=form.cleaned_data
        ),
        success=_("The changes were saved."),
        next_url=_overview_url(cluster_slug),
        context=_page(request, _("Edit %(name)s") % {"name": site.url}),
    )


@role_required(*EDIT_ROLES)
def site_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    site = _site(request, pk)
    return confirm_delete(
        request,
        site,
        delete=lambda: recognition.web_presence_delete(site=site, actor=request.user),
        success=_("%(name)s was deleted.") % {"name": site},
        next_url=_overview_url(cluster_slug),
    )


# --------------------------------------------------------------------------- social channels


@role_required(*EDIT_ROLES)
def channel_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = SocialChannelForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: recognition.social_channel_create(
            cluster=request.cluster, actor=request.user, data=form.cleaned_data
        ),
        success=lambda channel: _("%(name)s was added.") % {"name": channel.network},
        next_url=_overview_url(cluster_slug),
        context=_page(request, _("Add a social channel"), networks=NETWORKS),
        template="engagement/recognition/channel_form.html",
    )


@role_required(*EDIT_ROLES)
def channel_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    channel = get_object_or_404(SocialChannel.objects.for_cluster(request.cluster), pk=pk)
    return confirm_delete(
        request,
        channel,
        delete=lambda: recognition.social_channel_delete(channel=channel, actor=request.user),
        success=_("%(name)s was deleted.") % {"name": channel},
        next_url=_overview_url(cluster_slug),
    )


# --------------------------------------------------------------------------- success stories


@role_required(*READ_ROLES)
def story_list(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    cluster = request.cluster
    today = timezone.localdate()
    stories = (
        SuccessStory.objects.for_cluster(cluster)
        .only(*STORY_LIST_FIELDS)
        .annotate(participant_count=Count("participants"))
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Organisation.objects.for_cluster(cluster).only("id", "name"),
            )
        )
        .order_by(*STORY_ORDER)
    )
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    count = recognition.stories_count(cluster, today=today)
    return render(
        request,
        "engagement/recognition/story_list.html",
        {
            "page": page,
            "stories_count": count,
            "stories_status": recognition.stories_status(count),
            "can_edit": can_edit(request),
            "thresholds": THRESHOLDS,
        },
    )


@role_required(*READ_ROLES)
def story_export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    """Every story, drafts first, with its participants and the guide's four points."""
    return table_download(
        request, file_format, "success-stories", lambda: _story_table(request, file_format)
    )


def _story_table(request: HttpRequest, file_format: str) -> bytes:
    cluster = request.cluster
    stories = (
        SuccessStory.objects.for_cluster(cluster)
        .only(*STORY_LIST_FIELDS)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Organisation.objects.for_cluster(cluster)
                .only("id", "name")
                .order_by("name_key", "id"),
            )
        )
        .order_by(*STORY_ORDER)
    )
    headers = [
        column_label(SuccessStory, "title"),
        column_label(SuccessStory, "published_on"),
        column_label(SuccessStory, "participants"),
        str(capfirst(_("complete"))),
        *(column_label(SuccessStory, point) for point in recognition.STORY_POINTS),
    ]
    yes, no = _("yes"), _("no")
    rows = [
        [
            story.title,
            story.published_on or "",
            "; ".join(organisation.name for organisation in story.participants.all()),
            yes if story.is_complete else no,
            *(getattr(story, point) for point in recognition.STORY_POINTS),
        ]
        for story in stories
    ]
    return write_table(headers, rows, file_format)


def _story(request: HttpRequest, pk: int) -> SuccessStory:
    return get_object_or_404(SuccessStory.objects.for_cluster(request.cluster), pk=pk)


@role_required(*READ_ROLES)
def story_detail(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    story = _story(request, pk)
    return render(
        request,
        "engagement/recognition/story_detail.html",
        {
            "story": story,
            "participants": story.participants.order_by("name").only("id", "name"),
            "can_edit": can_edit(request),
        },
    )


def _story_form(
    request: HttpRequest,
    form: SuccessStoryForm,
    story: SuccessStory | None,
    *,
    save: Callable[[], SuccessStory],
    success: str | Callable[[SuccessStory], str],
) -> HttpResponse:
    """The story's add or edit page; once saved, the story's page."""
    cancel = (
        _story_url(request.cluster.slug, story.pk) if story else _stories_url(request.cluster.slug)
    )
    return form_page(
        request,
        form,
        save=save,
        success=success,
        next_url=lambda saved: _story_url(request.cluster.slug, saved.pk),
        context={
            "title": _("Edit %(name)s") % {"name": story.title}
            if story
            else _("Add a success story"),
            "crumbs": [(_("Success stories"), _stories_url(request.cluster.slug))],
            "chosen": form.chosen_participants(),
            "cancel_url": cancel,
        },
        template="engagement/recognition/story_form.html",
    )


@role_required(*EDIT_ROLES)
def story_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = SuccessStoryForm(request.POST or None, cluster=request.cluster)
    return _story_form(
        request,
        form,
        None,
        save=lambda: recognition.success_story_create(
            cluster=request.cluster,
            actor=request.user,
            data=form.cleaned_data,
            participants=form.involved(),
        ),
        success=lambda story: _("%(title)s was added.") % {"title": story.title},
    )


@role_required(*EDIT_ROLES)
def story_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    story = _story(request, pk)
    form = SuccessStoryForm(request.POST or None, cluster=request.cluster, instance=story)
    return _story_form(
        request,
        form,
        story,
        save=lambda: recognition.success_story_update(
            story=_story(request, pk),
            actor=request.user,
            data=form.cleaned_data,
            participants=form.involved(),
        ),
        success=_("The changes were saved."),
    )


@role_required(*EDIT_ROLES)
def story_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    story = _story(request, pk)
    return confirm_delete(
        request,
        story,
        delete=lambda: recognition.success_story_delete(story=story, actor=request.user),
        success=_("%(name)s was deleted.") % {"name": story},
        next_url=_stories_url(cluster_slug),
    )


@role_required(*EDIT_ROLES)
def story_participant_suggestions(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    """The options of the chooser's list as the person types (htmx)."""
    text = request.GET.get("add_participant", "")
    return render(
        request,
        "engagement/recognition/_participant_options.html",
        {"suggestions": participant_suggestions(request.cluster, text, limit=SUGGESTIONS_SHOWN)},
    )


@role_required(*EDIT_ROLES)
def story_participant_add(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    """One more ticked participant in the chooser (htmx), or why the name was not found."""
    name = request.GET.get("add_participant", "").strip()
    chosen = set(request.GET.getlist("participants"))
    try:
        if not name:
            raise DomainError(_("Type the name of a participant first."))
        organisation = recognition.participant_by_name(request.cluster, name)
        if str(organisation.pk) in chosen:
            raise DomainError(_("%(name)s is already in the list.") % {"name": organisation.name})
    except DomainError as error:
        response = render(
            request, "engagement/recognition/_participant_status.html", {"error": error.message}
        )
        return reswap(retarget(response, "#add-participant-status"), "outerHTML")
    return render(
        request,
        "engagement/recognition/_participant_chosen.html",
        {"organisation": organisation, "announce": True},
    )
