"""The matchmaking index: the profiles, their active offers and requests, one text index over
all of their texts, and the structured facts as arrays.

Rows of the text index: first one per profile (in the order given), then one per active offer
or request, grouped by owner. Expired ones are kept on their profile but not indexed: they are
never matched. ``MatchIndex.save`` writes a folder (JSON, NumPy and SciPy files; nothing is
pickled) that ``MatchIndex.load`` reads back, so that a query does not rebuild anything.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .profiles import Listing, Profile, check_profiles
from .relations import category_code, kind_code, position_code
from .similarity import Progress, TextIndex, get_engine, load_text_index, save_text_index

FORMAT = 1


class NotInIndex(LookupError):
    """The participant or the offer or request is not in the index."""


@dataclass
class MatchIndex:
    profiles: tuple[Profile, ...]
    text: TextIndex
    listings: tuple[Listing, ...]
    """The active offers and requests, by owner (text row ``len(profiles) + position``)."""
    listing_owner: np.ndarray  # int32: the owner's profile row, per listing
    listing_kind: np.ndarray  # int8: code of the kind (relations.kind_code)
    owner_start: np.ndarray  # int32: per profile row, its first listing position
    owner_stop: np.ndarray  # int32: … and one past its last
    category: np.ndarray  # int8 per profile row (relations.category_code)
    position: np.ndarray  # int8 per profile row (relations.position_code)
    cluster: np.ndarray  # int64 per profile row
    ids: np.ndarray  # int64 per profile row: the participant's id
    divisions: np.ndarray  # bool, profile rows × 100: its NACE divisions

    def __post_init__(self) -> None:
        self.row_of = {profile.id: row for row, profile in enumerate(self.profiles)}
        self.listing_position = {listing.id: pos for pos, listing in enumerate(self.listings)}
        self.owner_of_listing = {
            listing.id: row
            for row, profile in enumerate(self.profiles)
            for listing in profile.listings
        }
        owners = np.flatnonzero(self.owner_stop > self.owner_start)
        self.owners_with_listings = owners
        self.owner_starts = self.owner_start[owners]

    @property
    def engine(self) -> str:
        return self.text.engine

    @property
    def size(self) -> int:
        return len(self.profiles)

    def profile_row(self, participant_id: int) -> int:
        try:
            return self.row_of[participant_id]
        except KeyError:
            raise NotInIndex(f"Participant {participant_id} is not in the index.") from None

    def listing_row(self, position: int) -> int:
        """The text row of the listing at ``position``."""
        return len(self.profiles) + position

    def listings_of(self, row: int) -> range:
        return range(int(self.owner_start[row]), int(self.owner_stop[row]))

    def best_per_owner(self, values: np.ndarray) -> np.ndarray:
        """Per profile row, the highest of ``values`` (one per listing) among its listings; 0
        for a profile without listings."""
        best = np.zeros(len(self.profiles), dtype=values.dtype)
        if len(self.owners_with_listings):
            best[self.owners_with_listings] = np.maximum.reduceat(values, self.owner_starts)
        return best

    def save(self, directory: Path | str) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "profiles.json").write_text(
            json.dumps(
                {"format": FORMAT, "profiles": [asdict(profile) for profile in self.profiles]},
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        save_text_index(self.text, directory / "text")

    @classmethod
    def load(cls, directory: Path | str) -> MatchIndex:
        directory = Path(directory)
        data = json.loads((directory / "profiles.json").read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{directory} holds an index of another format; rebuild it.")
        profiles = tuple(_profile_from_dict(item) for item in data["profiles"])
        return _assemble(profiles, load_text_index(directory / "text"))


def build_index(
    profiles: Sequence[Profile], engine: str | None = None, progress: Progress | None = None
) -> MatchIndex:
    """Index ``profiles`` with the text engine called ``engine`` (the default engine when
    None: ``semantic`` if installed, else ``tfidf``). Raises ``MatchingInputError`` for
    profiles it cannot work with and ``EngineUnavailable`` for an engine not installed."""
    profiles = tuple(profiles)
    check_profiles(profiles)
    text_engine = get_engine(engine)
    listings = _active_listings(profiles)
    texts = [profile.document for profile in profiles] + [listing.document for listing in listings]
    return _assemble(profiles, text_engine.fit(texts, progress=progress))


def _active_listings(profiles: Sequence[Profile]) -> list[Listing]:
    return [
        listing
        for profile in profiles
        for listing in sorted(profile.active_listings, key=lambda listing: listing.id)
    ]


def _assemble(profiles: tuple[Profile, ...], text: TextIndex) -> MatchIndex:
    listings = _active_listings(profiles)
    counts = np.array([len(profile.active_listings) for profile in profiles], dtype=np.int32)
    stops = np.cumsum(counts, dtype=np.int32)
    divisions = np.zeros((len(profiles), 100), dtype=bool)
    for row, profile in enumerate(profiles):
        for division in profile.divisions:
            divisions[row, int(division)] = True
    if text.size != len(profiles) + len(listings):
        raise ValueError("The text index does not belong to these profiles; rebuild it.")
    return MatchIndex(
        profiles=profiles,
        text=text,
        listings=tuple(listings),
        listing_owner=np.repeat(np.arange(len(profiles), dtype=np.int32), counts),
        listing_kind=np.array([kind_code(listing.kind) for listing in listings], dtype=np.int8),
        owner_start=stops - counts,
        owner_stop=stops,
        category=np.array([category_code(profile.category) for profile in profiles], np.int8),
        position=np.array(
            [position_code(profile.value_chain_position) for profile in profiles], np.int8
        ),
        cluster=np.array([profile.cluster_id for profile in profiles], dtype=np.int64),
        ids=np.array([profile.id for profile in profiles], dtype=np.int64),
        divisions=divisions,
    )


def _profile_from_dict(item: dict) -> Profile:
    tuples = ("sectors", "competences", "technologies", "markets", "languages")
    fields = {key: tuple(value) if key in tuples else value for key, value in item.items()}
    fields["listings"] = tuple(Listing(**listing) for listing in item["listings"])
    return Profile(**fields)
