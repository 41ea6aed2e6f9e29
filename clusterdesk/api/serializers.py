"""The API's shapes. Serializers check types only; the registry's rules live in the services,
whose DomainError becomes a 400 in the one error shape (errors.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clusterdesk.participants.models import Category, Commitment, Contact, Organisation
from clusterdesk.participants.queries import SORTS
from clusterdesk.participants.rules import CONTACT_FIELDS, ORGANISATION_FIELDS
from clusterdesk.tenancy.models import Role


class NaceCodesField(serializers.ListField):
    """NACE Rev. 2 codes as a list of strings, read from the (prefetched) sectors."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            child=serializers.CharField(),
            help_text=_('NACE Rev. 2 codes, e.g. ["13.10", "14.13"].'),
            **kwargs,
        )

    def get_attribute(self, instance: Organisation) -> list[str]:
        return sorted(sector.code for sector in instance.sectors.all())


@extend_schema_field(
    {"type": "string", "pattern": "^([A-Z]{2})?$", "example": "IT"},
)
class CountryCodeField(CountryField):
    """A country as its ISO 3166-1 code (documented as such, not as an enum of 250)."""


class OrganisationSerializer(serializers.ModelSerializer):
    country = CountryCodeField(
        required=False, allow_blank=True, help_text=_("ISO 3166-1 alpha-2 code, e.g. IT.")
    )
    nace_codes = NaceCodesField(required=False)
    tags = serializers.ListField(child=serializers.CharField(), required=False)
    technologies = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        model = Organisation
        fields = ["id", *ORGANISATION_FIELDS, "nace_codes", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class RepresentedOrganisationField(serializers.PrimaryKeyRelatedField):
    """An organisation the caller may see: of the view's cluster, and for a member
    representative only their own, so that any other id is the same field error."""

    default_error_messages = {
        "does_not_exist": _("Choose an organisation of this cluster."),
        "incorrect_type": _("Give the organisation's id as a number."),
    }

    def get_queryset(self) -> QuerySet[Organisation]:
        view = self.context["view"]
        return view.represented_only(Organisation.objects.for_cluster(view.cluster), "pk")


class ContactSerializer(serializers.ModelSerializer):
    organisation = RepresentedOrganisationField(queryset=Organisation.objects.none())

    class Meta:
        model = Contact
        fields = ["id", "organisation", *CONTACT_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class OrganisationFilterSerializer(serializers.Serializer):
    """The list's query parameters; the same filters as the registry page."""

    q = serializers.CharField(
        required=False, default="", allow_blank=True, help_text=_("Words to look for.")
    )
    category = serializers.ChoiceField(
        choices=Category.choices, required=False, default="", allow_blank=True
    )
    commitment = serializers.ChoiceField(
        choices=Commitment.choices, required=False, default="", allow_blank=True
    )
    region = serializers.CharField(required=False, default="", allow_blank=True)
    sector = serializers.RegexField(
        r"^\d{2}$",
        required=False,
        default="",
        allow_blank=True,
        help_text=_("A NACE Rev. 2 division, e.g. 13."),
    )
    ordering = serializers.ChoiceField(
        choices=list(SORTS),
        required=False,
        default="",
        allow_blank=True,
        help_text=_("How to sort."),
    )
    sort = serializers.ChoiceField(
        choices=list(SORTS),
        required=False,
        default="",
        allow_blank=True,
        help_text=_("Same as ordering."),
    )


class ContactFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, default="", allow_blank=True, help_text=_("Words to look for.")
    )
    organisation = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Only the contacts of this organisation.")
    )


class MembershipSerializer(serializers.Serializer):
    cluster = serializers.SlugField(source="cluster.slug")
    cluster_name = serializers.CharField(source="cluster.name")
    role = serializers.ChoiceField(choices=Role.choices)
    organisation = serializers.IntegerField(
        source="organisation_id",
        allow_null=True,
        help_text=_("The organisation a member representative speaks for."),
    )


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField()
    full_name = serializers.CharField()
    clusters = MembershipSerializer(many=True)


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("For programs, e.g. not_found, invalid, duplicate."))
    message = serializers.CharField(help_text=_("For people."))
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Field name → messages, when the error is about fields."),
    )


class ErrorSerializer(serializers.Serializer):
    """Every error of the API has this shape."""

    error = ErrorDetailSerializer()
