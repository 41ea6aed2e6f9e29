"""Serializer pieces every ledger endpoint shares: ids of records of the caller's cluster, a
stored document shown read-only, and errors named as the services name them.

A related id is looked up among the view's cluster's records only, so an id of another
cluster is the same field error as an id that does not exist: the API never tells that a
record exists elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from clusterdesk.engagement.models import PersonalContact, StaffMember, WorkingGroup
from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import Membership, User

# --------------------------------------------------------------------------- related ids


class ClusterRecordField(serializers.PrimaryKeyRelatedField):
    """A record of the view's cluster, given by its id."""

    model: type[Model]
    default_error_messages = {
        "does_not_exist": _("Choose a record of this cluster."),
        "incorrect_type": _("Give the id as a number."),
    }

    def __init__(self, **kwargs: Any) -> None:
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", self.model.objects.none())  # see get_queryset
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        return self.model.objects.for_cluster(self.context["view"].cluster)  # type: ignore[attr-defined]


class OrganisationField(ClusterRecordField):
    model = Organisation
    default_error_messages = {"does_not_exist": _("Choose an organisation of this cluster.")}


class PersonField(ClusterRecordField):
    """A person of the cluster's registry (a participants' contact)."""

    model = Contact
    default_error_messages = {"does_not_exist": _("Choose a person of this cluster's registry.")}


class WorkingGroupField(ClusterRecordField):
    model = WorkingGroup
    default_error_messages = {"does_not_exist": _("Choose a working group of this cluster.")}


class StaffMemberField(ClusterRecordField):
    model = StaffMember
    default_error_messages = {"does_not_exist": _("Choose a staff member of this cluster.")}


class PersonalContactField(ClusterRecordField):
    model = PersonalContact
    default_error_messages = {"does_not_exist": _("Choose a personal contact of this cluster.")}


class UserField(ClusterRecordField):
    """A user account with a membership of the cluster. Whether they may be named (on the
    team, say) is the services' rule; this only keeps other clusters' people out."""

    model = User
    default_error_messages = {"does_not_exist": _("Choose a person of this cluster.")}

    def get_queryset(self) -> QuerySet[User]:
        members = Membership.objects.for_cluster(self.context["view"].cluster).values("user_id")
        return User.objects.filter(pk__in=members)


class ContactStaffField(UserField):
    """Staff of a personal contact: someone of the cluster, or someone already on the contact
    who has since left (the services keep them too)."""

    def get_queryset(self) -> QuerySet[User]:
        contact = self.root.instance
        if not isinstance(contact, PersonalContact):
            return super().get_queryset()
        members = Membership.objects.for_cluster(contact.cluster).values("user_id")
        return User.objects.filter(Q(pk__in=members) | Q(personal_contacts=contact)).distinct()


# --------------------------------------------------------------------------- documents


STORED_DOCUMENT_SCHEMA = {
    "type": "object",
    "nullable": True,
    "readOnly": True,
    "description": "A stored document; null when there is none. Uploaded on the pages.",
    "properties": {
        "name": {"type": "string", "description": "The file's name."},
        "url": {
            "type": "string",
            "format": "uri",
            "nullable": True,
            "description": "Where the cluster's pages serve it to signed-in people; null if "
            "no page does.",
        },
    },
    "required": ["name", "url"],
}


@extend_schema_field(STORED_DOCUMENT_SCHEMA)
class DocumentField(serializers.Field):
    """A stored document, read-only: its name and the page address that serves it, or null
    when there is none. Uploads stay on the pages."""

    def __init__(
        self,
        url_name: str | None = None,
        url_kwargs: Callable[[Any], dict[str, Any]] = lambda record: {"pk": record.pk},
        **kwargs: Any,
    ) -> None:
        self.url_name = url_name
        self.url_kwargs = url_kwargs
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance: Any) -> tuple[Any, FieldFile]:
        return instance, getattr(instance, self.source)

    def to_representation(self, value: tuple[Any, FieldFile]) -> dict[str, Any] | None:
        record, document = value
        if not document:
            return None
        return {"name": os.path.basename(document.name), "url": self._url(record)}

    def _url(self, record: Any) -> str | None:
        view, request = self.context.get("view"), self.context.get("request")
        if self.url_name is None or view is None or request is None:
            return None
        try:
            path = reverse(
                f"engagement:{self.url_name}",
                kwargs={"cluster_slug": view.cluster.slug, **self.url_kwargs(record)},
            )
        except NoReverseMatch:
            return None
        return request.build_absolute_uri(path)


# --------------------------------------------------------------------------- errors


def dotted_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested errors as the services name fields: ``involvements.1.days``,
    ``follow_up.due_on``."""
    if isinstance(detail, Mapping):
        errors: dict[str, list[str]] = {}
        for key, value in detail.items():
            if key == api_settings.NON_FIELD_ERRORS_KEY and prefix:
                name = prefix
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            for field_name, messages in dotted_errors(value, name).items():
                errors.setdefault(field_name, []).extend(messages)
        return errors
    if isinstance(detail, list) and any(isinstance(item, Mapping | list) for item in detail):
        errors = {}
        for index, item in enumerate(detail):
            for field_name, messages in dotted_errors(item, f"{prefix}.{index}").items():
                errors.setdefault(field_name, []).extend(messages)
        return errors
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or api_settings.NON_FIELD_ERRORS_KEY: [str(message) for message in messages]}


class LedgerSerializer(serializers.ModelSerializer):
    # A ledger record's shape. It checks types only: the rules are the services'. Nested
    # errors come out under dotted names, like the services' own. (A comment, not a
    # docstring: the schema would give it to every record.)

    def is_valid(self, *, raise_exception: bool = False) -> bool:
        valid = super().is_valid(raise_exception=False)
        if not valid and raise_exception:
            raise serializers.ValidationError(dotted_errors(self.errors))
        return valid


@contextmanager
def fields_renamed(names: Mapping[str, str]) -> Iterator[None]:
    """Name a service's error after the API's field (``follow_up_title`` → ``follow_up.title``)."""
    try:
        yield
    except DomainError as error:
        if error.field in names:
            error.field = names[error.field]
        raise
