"""The JSON shapes of the matchmaking API (see ``api``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clusterdesk.participants.models import ValueChainPosition

from .forms import MODE_CHOICES
from .models import FollowUpStage, Listing, ListingKind, Match, MatchOutcome, MatchProfile
from .reason_texts import reason_sentences

LIST_HELP = _("A list of short texts.")


def inline_choices(choices: list[tuple[str, Any]], **kwargs: Any) -> serializers.ChoiceField:
    """A choice field whose values the schema lists in its description: other apps have
    fields named "kind" or "stage" with other values, and a shared enum name would clash."""

    values = ", ".join(value for value, _label in choices if value)

    @extend_schema_field({"type": "string", "description": f"One of: {values}."})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField(choices=choices, **kwargs)


def _text_list(help_text: Any = LIST_HELP) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, help_text=help_text
    )


class ProfileSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    competences = _text_list()
    technologies = _text_list()
    markets = _text_list(_("Countries (two-letter codes) or regions served."))
    languages = _text_list(_("Two-letter language codes, e.g. it, en."))
    value_chain_position = inline_choices(
        [("", "–"), *ValueChainPosition.choices],
        source="organisation.value_chain_position",
        required=False,
        help_text=_("Kept in the participant registry."),
    )

    class Meta:
        model = MatchProfile
        fields = [
            "organisation",
            "organisation_name",
            "competences",
            "technologies",
            "markets",
            "languages",
            "summary",
            "value_chain_position",
            "visible_to_other_clusters",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


class ListingSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(
        source="profile.organisation_id",
        help_text=_("The participant whose offer or request it is."),
    )
    kind = inline_choices(ListingKind.choices)
    title = serializers.CharField(allow_blank=True, max_length=200)
    active = serializers.SerializerMethodField()

    class Meta:
        model = Listing
        fields = [
            "id",
            "organisation",
            "kind",
            "title",
            "text",
            "expires_on",
            "withdrawn_on",
            "active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "withdrawn_on", "created_at", "updated_at"]

    def get_active(self, listing: Listing) -> bool:
        return listing.is_active(self.context["today"])


class ListingUpdateSerializer(ListingSerializer):
    organisation = serializers.IntegerField(source="profile.organisation_id", read_only=True)


class RecommendationFilterSerializer(serializers.Serializer):
    mode = inline_choices(MODE_CHOICES, required=False, default="any")
    cross_sector = serializers.BooleanField(required=False, default=False)
    other_clusters = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Also other clusters' participants who made their profile visible."),
    )
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=50)


class SuggestionSerializer(serializers.Serializer):
    partner = serializers.IntegerField(source="partner.pk")
    name = serializers.CharField(source="partner.name")
    category = serializers.CharField(source="partner.category")
    country = serializers.CharField(source="partner.country.code")
    cluster = serializers.CharField(
        source="partner.cluster.name", help_text=_("The partner's cluster.")
    )
    other_cluster = serializers.BooleanField()
    score = serializers.FloatField()
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text=_("Why, in the language asked for.")
    )
    listing_id = serializers.IntegerField(allow_null=True)
    partner_listing_id = serializers.IntegerField(allow_null=True)


class OutcomeSerializer(serializers.ModelSerializer):
    stage = inline_choices(FollowUpStage.choices)

    class Meta:
        model = MatchOutcome
        fields = ["id", "stage", "date", "note", "created_at"]
        read_only_fields = ["id", "created_at"]


class MatchSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id")
    partner = serializers.IntegerField(
        source="partner_id",
        help_text=_("A participant of this cluster, or of another one whose profile is visible."),
    )
    partner_name = serializers.SerializerMethodField()
    listing = serializers.IntegerField(source="listing_id", required=False, allow_null=True)
    partner_listing = serializers.IntegerField(
        source="partner_listing_id", required=False, allow_null=True
    )
    reasons = serializers.SerializerMethodField()
    reasons_hidden = serializers.SerializerMethodField(
        help_text=_(
            "True when the partner, of another cluster, no longer shares its profile: its "
            "name, the reasons and its offer or request are then left out."
        )
    )
    stage = inline_choices([("", "–"), *FollowUpStage.choices], read_only=True)
    outcomes = OutcomeSerializer(many=True, read_only=True)

    class Meta:
        model = Match
        fields = [
            "id",
            "organisation",
            "partner",
            "partner_name",
            "listing",
            "partner_listing",
            "score",
            "reasons",
            "reasons_hidden",
            "stage",
            "outcomes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "score", "stage", "created_at", "updated_at"]

    def _shared(self, match: Match) -> bool:
        from .queries import is_shared

        return is_shared(self.context["view"].cluster, match.partner)

    def get_partner_name(self, match: Match) -> str:
        from .queries import shown_name

        return shown_name(self.context["view"].cluster, match.partner)

    def get_reasons(self, match: Match) -> list[str]:
        if not self._shared(match):
            return []
        return reason_sentences(
            match.reasons or [],
            cluster_names={match.partner.cluster_id: match.partner.cluster.name},
        )

    def get_reasons_hidden(self, match: Match) -> bool:
        return not self._shared(match)

    def to_representation(self, match: Match) -> dict[str, Any]:
        data = super().to_representation(match)
        if not self._shared(match):  # the partner's offer or request is not named either
            data["partner_listing"] = None
        return data
