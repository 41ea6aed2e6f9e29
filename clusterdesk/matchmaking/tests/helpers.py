"""A small community of two clusters to recommend partners in."""

from __future__ import annotations

from dataclasses import dataclass

from clusterdesk.participants.models import Category, Organisation, OrganisationSector
from clusterdesk.testing.factories import OrganisationFactory

from ..models import ListingKind, MatchProfile
from .factories import ListingFactory, MatchProfileFactory


def sector(organisation: Organisation, code: str) -> None:
    OrganisationSector.objects.create(organisation=organisation, code=code, division=code[:2])


@dataclass
class Community:
    welder: Organisation  # cluster A, the represented organisation: requests laser welding
    laser: Organisation  # cluster A: offers laser welding
    lab: Organisation  # cluster A, research
    hidden: Organisation  # cluster B, not visible: offers laser welding too
    shown: Organisation  # cluster B, visible: offers laser welding
    shown_profile: MatchProfile


def community(personas) -> Community:  # type: ignore[no-untyped-def]
    a, b = personas.cluster_a, personas.cluster_b
    welder = personas.member_organisation_a
    welder.value_chain_position = "manufacturing"
    welder.save()
    sector(welder, "30.92")
    profile = MatchProfileFactory(
        organisation=welder,
        competences=["bicycle frames", "aluminium"],
        technologies=["tube bending"],
        summary="We build aluminium bicycle frames and look for laser welding.",
    )
    ListingFactory(
        profile=profile,
        kind=ListingKind.TECHNOLOGY_REQUEST,
        title="Laser welding of aluminium bicycle frames",
        text="We look for a partner for fibre laser welding of thin aluminium tubes.",
    )
    laser = OrganisationFactory(cluster=a, name="Beta Laser", value_chain_position="equipment")
    sector(laser, "28.41")
    laser_profile = MatchProfileFactory(organisation=laser, summary="Fibre laser welding cells.")
    ListingFactory(profile=laser_profile, title="Laser welding cells for aluminium frames")
    lab = OrganisationFactory(cluster=a, name="Politecnico Lab", category=Category.RESEARCH)
    MatchProfileFactory(
        organisation=lab,
        competences=["laser welding research", "aluminium alloys"],
        summary="Research on laser welding of aluminium alloys.",
    )
    hidden = OrganisationFactory(cluster=b, name="Gizli Lazer")
    hidden_profile = MatchProfileFactory(
        organisation=hidden, summary="Laser welding of aluminium frames, fibre lasers."
    )
    ListingFactory(profile=hidden_profile, title="Fibre laser welding of aluminium frames")
    shown = OrganisationFactory(cluster=b, name="Açık Lazer", country="TR")
    shown_profile = MatchProfileFactory(
        organisation=shown,
        visible_to_other_clusters=True,
        summary="Laser welding of aluminium bicycle frames with fibre lasers.",
    )
    ListingFactory(profile=shown_profile, title="Laser welding of aluminium bicycle frames")
    return Community(welder, laser, lab, hidden, shown, shown_profile)
