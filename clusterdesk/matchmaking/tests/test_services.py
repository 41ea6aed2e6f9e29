"""The matchmaking services: profiles, offers and requests, follow-ups, and the plain words
they refuse bad input with."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override

from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import OrganisationFactory

from .. import services
from ..models import FollowUpStage, ListingKind, Match, MatchProfile
from .factories import ListingFactory, MatchFactory
from .helpers import community

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_and_tfidf(settings):
    settings.MATCHMAKING_ENGINE = "tfidf"
    with override("en"):
        yield


def test_a_first_edit_makes_the_profile_with_the_registrys_technologies(personas):
    organisation = personas.member_organisation_a
    organisation.technologies = ["jacquard weaving", "digital fabric design"]
    organisation.save()

    profile = services.profile_save(
        organisation=organisation,
        actor=personas.manager_a,
        data={"competences": "woollens, recycled wool\nluxury fabrics, woollens"},
    )

    assert profile.technologies == ["jacquard weaving", "digital fabric design"]
    assert profile.competences == ["woollens", "recycled wool", "luxury fabrics"]
    assert profile.cluster == personas.cluster_a
    assert AuditEntry.objects.filter(object_type="matchprofile", object_id=profile.pk).exists()


def test_the_value_chain_position_is_written_onto_the_registry_and_audited(personas):
    organisation = personas.member_organisation_a

    services.profile_save(
        organisation=organisation,
        actor=personas.member_a,
        data={},
        value_chain_position="components",
        by_representative=True,
    )

    organisation.refresh_from_db()
    assert organisation.value_chain_position == "components"
    assert AuditEntry.objects.filter(
        object_type="organisation",
        object_id=organisation.pk,
        changes__has_key="value_chain_position",
    ).exists()


def test_it_refuses_a_language_that_is_not_a_two_letter_code(personas):
    with pytest.raises(DomainError) as refused:
        services.profile_save(
            organisation=personas.member_organisation_a,
            actor=personas.manager_a,
            data={"languages": "it, English"},
        )
    assert refused.value.field == "languages"
    assert "“english” is not a two-letter language code" in refused.value.message
    assert not MatchProfile.objects.exists()


def test_it_refuses_an_offer_without_a_title(personas):
    profile = services.profile_save(
        organisation=personas.member_organisation_a, actor=personas.manager_a, data={}
    )
    with pytest.raises(DomainError) as refused:
        services.listing_create(
            profile=profile,
            actor=personas.manager_a,
            data={"kind": ListingKind.BUSINESS_OFFER, "title": "  "},
        )
    assert refused.value.field == "title"
    assert refused.value.message == "Give the offer or request a title."


def test_it_refuses_an_expiry_date_in_the_past(personas):
    profile = services.profile_save(
        organisation=personas.member_organisation_a, actor=personas.manager_a, data={}
    )
    with pytest.raises(DomainError) as refused:
        services.listing_create(
            profile=profile,
            actor=personas.manager_a,
            data={
                "kind": ListingKind.BUSINESS_OFFER,
                "title": "Wool fabrics",
                "expires_on": timezone.localdate() - timedelta(days=1),
            },
        )
    assert refused.value.field == "expires_on"
    assert "The expiry date is in the past" in refused.value.message


def test_it_refuses_a_kind_it_does_not_know(personas):
    profile = services.profile_save(
        organisation=personas.member_organisation_a, actor=personas.manager_a, data={}
    )
    with pytest.raises(DomainError) as refused:
        services.listing_create(
            profile=profile,
            actor=personas.manager_a,
            data={"kind": "barter_offer", "title": "Wool fabrics"},
        )
    assert refused.value.field == "kind"
    assert "Choose what this is" in refused.value.message


def test_withdrawing_keeps_the_offer_as_history_once(personas):
    listing = ListingFactory(profile__organisation=personas.member_organisation_a)

    services.listing_withdraw(listing=listing, actor=personas.manager_a)

    listing.refresh_from_db()
    assert listing.withdrawn_on == timezone.localdate()
    assert not listing.is_active(timezone.localdate())
    with pytest.raises(DomainError, match="already withdrawn"):
        services.listing_withdraw(listing=listing, actor=personas.manager_a)
    with pytest.raises(DomainError, match="stays as history"):
        services.listing_update(listing=listing, actor=personas.manager_a, data={"title": "New"})


def test_a_follow_up_keeps_the_engines_score_and_reasons(personas):
    found = community(personas)

    match = services.match_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        organisation=found.welder,
        partner=found.laser,
    )

    assert match.score > 0
    codes = [reason["code"] for reason in match.reasons]
    assert "offer_meets_request" in codes and "value_chain" in codes


def test_a_participant_is_not_followed_up_with_itself(personas):
    organisation = personas.member_organisation_a
    with pytest.raises(DomainError) as refused:
        services.match_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            organisation=organisation,
            partner=organisation,
        )
    assert refused.value.message == (
        "A participant cannot be followed up with itself: choose another partner."
    )


def test_a_partner_of_another_cluster_must_have_made_its_profile_visible(personas):
    found = community(personas)
    with pytest.raises(DomainError, match="Choose a partner among the recommendations"):
        services.match_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            organisation=found.welder,
            partner=found.hidden,
        )
    match = services.match_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        organisation=found.welder,
        partner=found.shown,
    )
    assert match.partner == found.shown and match.cluster == personas.cluster_a


def test_a_pair_is_followed_up_once_whichever_side_starts(personas):
    match = MatchFactory(organisation__cluster=personas.cluster_a)
    with pytest.raises(DomainError, match="already being followed up"):
        services.match_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            organisation=match.partner,
            partner=match.organisation,
        )
    assert Match.objects.count() == 1


def test_the_stage_is_the_furthest_step_and_a_future_step_is_refused(personas):
    match = MatchFactory(organisation__cluster=personas.cluster_a)
    today = timezone.localdate()

    services.outcome_record(
        match=match,
        actor=personas.manager_a,
        data={"stage": FollowUpStage.MET, "date": today - timedelta(days=10)},
    )
    services.outcome_record(
        match=match,
        actor=personas.manager_a,
        data={"stage": FollowUpStage.CONTACTED, "date": today - timedelta(days=20)},
    )
    match.refresh_from_db()
    assert match.stage == FollowUpStage.MET

    with pytest.raises(DomainError) as refused:
        services.outcome_record(
            match=match,
            actor=personas.manager_a,
            data={"stage": FollowUpStage.CONTRACT, "date": today + timedelta(days=1)},
        )
    assert refused.value.field == "date"
    assert refused.value.message == (
        "The date is in the future: record a step once it has happened."
    )
    match.refresh_from_db()
    assert match.stage == FollowUpStage.MET


def test_an_organisation_of_another_cluster_cannot_be_the_followed_up_side(personas):
    other = OrganisationFactory(cluster=personas.cluster_b)
    with pytest.raises(DomainError, match="Choose a participant of this cluster"):
        services.match_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            organisation=other,
            partner=personas.member_organisation_a,
        )
