"""Factories and small helpers for the activity and working-group tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import factory
from django.urls import reverse

from clusterdesk.engagement.models import (
    Activity,
    ActivityKind,
    Involvement,
    InvolvementRole,
    WorkingGroup,
    WorkingGroupOutput,
)
from clusterdesk.testing.factories import ClusterFactory, OrganisationFactory


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup
        skip_postgeneration_save = True

    cluster = factory.SubFactory(ClusterFactory)
    name = factory.Sequence(lambda n: f"Working group {n}")
    theme = "Circular textiles"

    @factory.post_generation
    def members(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.members.set(extracted)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    cluster = factory.SubFactory(ClusterFactory)
    kind = ActivityKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Activity {n}")
    starts_on = date(2026, 3, 10)
    ends_on = factory.SelfAttribute("starts_on")
    place = "Prato"


class InvolvementFactory(factory.django.DjangoModelFactory):
    """An involvement with its activity's start copied, as the services keep it."""

    class Meta:
        model = Involvement

    activity = factory.SubFactory(ActivityFactory)
    cluster = factory.SelfAttribute("activity.cluster")
    organisation = factory.SubFactory(
        OrganisationFactory, cluster=factory.SelfAttribute("..activity.cluster")
    )
    role = InvolvementRole.ACTIVE
    days = Decimal("1")
    starts_on = factory.SelfAttribute("activity.starts_on")


class OutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupOutput

    working_group = factory.SubFactory(WorkingGroupFactory)
    cluster = factory.SelfAttribute("working_group.cluster")
    title = factory.Sequence(lambda n: f"Position paper {n}")
    date = date(2026, 2, 1)


def url(name: str, *args: Any, slug: str = "tfc") -> str:
    return reverse(f"engagement:{name}", args=[slug, *args])


def activity_post(
    *,
    kind: str = ActivityKind.WORKING_GROUP_MEETING,
    title: str = "Circular textiles meeting",
    starts_on: str = "2026-03-10",
    ends_on: str = "2026-03-10",
    rows: list[tuple[Any, str, str]] = (),
    **extra: Any,
) -> dict[str, Any]:
    """The data the activity page posts: its fields and one row per (organisation id, role,
    days); ``None`` as a row leaves a gap where a row was removed."""
    data: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "place": "Prato",
        "description": "",
        "working_group": "",
        "involvements-TOTAL_FORMS": str(len(rows)),
        "involvements-INITIAL_FORMS": "0",
        "involvements-MIN_NUM_FORMS": "0",
        "involvements-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        if row is None:
            continue
        organisation, role, days = row
        data[f"involvements-{index}-organisation"] = str(getattr(organisation, "pk", organisation))
        data[f"involvements-{index}-role"] = role
        data[f"involvements-{index}-days"] = days
    data.update(extra)
    return data
