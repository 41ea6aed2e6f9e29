"""The cluster's facts as of a date, read from the registry and the ledger for the engine.

A fixed number of queries (about twenty) whatever the cluster's size: per-participant figures
come from grouped queries and index-backed sub-queries, never from a query per row. Dated
records count only up to ``as_of``, so an assessment can be recomputed for an earlier day; the
registry's commitment and categories are as they are today (the registry keeps no history).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, Subquery, Sum

from clusterdesk.engagement.models import (
    Activity,
    BudgetLine,
    FundingCommitment,
    Involvement,
    InvolvementRole,
    PersonalContact,
    PlanAction,
    PlanActionStatus,
    SuccessStory,
    WebPresence,
)
from clusterdesk.engagement.models.organisation import PRIVATE_SOURCES, StrategyDocument
from clusterdesk.engagement.queries.common import _last_contact_on, current_participants
from clusterdesk.engagement.services.activities.groups import working_groups_with_activity
from clusterdesk.engagement.services.governance import governance_checklist
from clusterdesk.engagement.services.team import staff_with_training_days
from clusterdesk.lib.periods import Period
from clusterdesk.participants.models import Commitment
from clusterdesk.services.models import CORE_AREAS, Delivery, ServiceAreaLink
from clusterdesk.surveys.queries import last_satisfaction_survey_closed
from clusterdesk.tenancy.models import Cluster

from .engine import (
    ActivityFact,
    Answer,
    BudgetLineFact,
    ClusterFacts,
    CommitmentFact,
    DeliveryFact,
    GovernancePoint,
    ParticipantFact,
    PlanActionFact,
    SiteFact,
    StaffFact,
    StoryFact,
    StrategyFact,
    SurveyFact,
    Windows,
    WorkingGroupFact,
)
from .models import Answer as AnswerRecord

ZERO = Decimal(0)


# Ids per query when a list of ids is sent to the database (far under SQLite's limit).
ID_CHUNK = 5_000


def _in_international_activities(cluster: Cluster, period: Period) -> set[int]:
    """Participants involved in an international activity of the period. The few activities
    are read first and their involvements then looked up by activity: the planners otherwise
    scan the period's every involvement (50 ms at 20,000 participants, not 5)."""
    activities = list(
        Activity.objects.for_cluster(cluster)
        .filter(starts_on__range=period.range, is_international=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    involved: set[int] = set()
    for start in range(0, len(activities), ID_CHUNK):
        # The ids are this cluster's activities (read through ``for_cluster`` above). Adding
        # the cluster here again makes SQLite take the cluster's index and scan 70 times longer.
        involved.update(
            Involvement.objects.filter(activity_id__in=activities[start : start + ID_CHUNK])
            .order_by()
            .values_list("organisation", flat=True)
            .distinct()
        )
    return involved


def _participants(cluster: Cluster, windows: Windows) -> tuple[ParticipantFact, ...]:
    period = windows.last_12_months
    active_days = dict(
        Involvement.objects.for_cluster(cluster)
        .filter(role=InvolvementRole.ACTIVE, starts_on__range=period.range)
        .order_by()
        .values("organisation")
        .annotate(days=Sum("days"))
        .values_list("organisation", "days")
    )
    international = _in_international_activities(cluster, period)
    rows = (
        current_participants(cluster)
        .annotate(last_contact_on=_last_contact_on(cluster, windows.as_of))
        .order_by("name", "pk")
        .values_list("pk", "name", "category", "commitment", "last_contact_on")
    )
    return tuple(
        ParticipantFact(
            id=pk,
            name=name,
            category=category,
            committed=commitment == Commitment.COMMITTED,
            last_contact_on=last_contact_on,
            active_days=active_days.get(pk) or ZERO,
            international=pk in international,
        )
        for pk, name, category, commitment, last_contact_on in rows
    )


def _recorded(cluster: Cluster, as_of: date) -> tuple[bool, bool]:
    row = (
        Cluster.objects.filter(pk=cluster.pk)
        .annotate(
            has_contacts=Exists(
                PersonalContact.objects.for_cluster(cluster).filter(date__lte=as_of)
            ),
            has_activities=Exists(
                Activity.objects.for_cluster(cluster).filter(starts_on__lte=as_of)
            ),
        )
        .values_list("has_contacts", "has_activities")
        .get()
    )
    return bool(row[0]), bool(row[1])


def _staff(cluster: Cluster, as_of: date) -> tuple[StaffFact, ...]:
    return tuple(
        StaffFact(
            id=member.pk,
            name=member.full_name,
            post=member.post,
            fte=member.fte,
            started_on=member.started_on,
            ended_on=member.ended_on,
            has_job_description=bool(member.job_description),
            training_days=member.training_days or ZERO,
        )
        for member in staff_with_training_days(cluster, as_of).filter(started_on__lte=as_of)
    )


def _governance(cluster: Cluster, as_of: date) -> tuple[GovernancePoint, ...]:
    items = governance_checklist(cluster, as_of)
    if all(item.met is None for item in items):
        return ()  # nothing recorded at all: one gap, not six
    return tuple(
        GovernancePoint(key=item.key, label=str(item.label), met=item.met, detail=str(item.detail))
        for item in items
    )


def _working_groups(cluster: Cluster, as_of: date) -> tuple[WorkingGroupFact, ...]:
    return tuple(
        WorkingGroupFact(group.pk, group.name, group.member_count, group.last_meeting_on)
        for group in working_groups_with_activity(cluster, as_of)
        .filter(Q(started_on__isnull=True) | Q(started_on__lte=as_of))
        .select_related(None)
    )


def _answers(cluster: Cluster, as_of: date) -> dict[str, Answer]:
    latest: dict[str, Answer] = {}
    for record in (
        AnswerRecord.objects.for_cluster(cluster)
        .filter(answered_on__lte=as_of)
        .select_related("answered_by")
        .order_by("question", "-answered_on", "-id")
    ):
        if record.question in latest:
            continue
        by = record.answered_by
        latest[record.question] = Answer(
            id=record.pk,
            question=record.question,
            value=record.value,
            answered_on=record.answered_on,
            answered_by=(by.full_name or by.email) if by else "",
            has_document=bool(record.document),
        )
    return latest


def _deliveries(cluster: Cluster, as_of: date) -> tuple[dict[int, DeliveryFact], bool]:
    """The latest delivery of each of the four service areas of D4 (one query: per service
    of those areas, its latest delivery by the (service, day) index), and whether the log
    holds any delivery by then (one more)."""
    latest = (
        Delivery.objects.for_cluster(cluster)
        .filter(service=OuterRef("service_id"), delivered_on__lte=as_of)
        .order_by("-delivered_on", "-id")
    )
    found: dict[int, DeliveryFact] = {}
    for area, name, delivery_id, delivered_on in (
        ServiceAreaLink.objects.filter(service__cluster=cluster, area__in=CORE_AREAS)
        .annotate(
            delivery_id=Subquery(latest.values("id")[:1]),
            delivered_on=Subquery(latest.values("delivered_on")[:1]),
        )
        .filter(delivery_id__isnull=False)
        .values_list("area", "service__name", "delivery_id", "delivered_on")
    ):
        known = found.get(area)
        if known is None or (delivered_on, delivery_id) > (known.delivered_on, known.id):
            found[area] = DeliveryFact(delivery_id, area, name, delivered_on)
    recorded = bool(found) or (
        Delivery.objects.for_cluster(cluster).filter(delivered_on__lte=as_of).exists()
    )
    return found, recorded


def _satisfaction_survey(cluster: Cluster, as_of: date) -> SurveyFact | None:
    survey = last_satisfaction_survey_closed(cluster, as_of=as_of)
    if survey is None:
        return None
    return SurveyFact(survey.pk, str(survey), survey.closed_day)


def _story_complete(*texts: str) -> bool:
    return all(text.strip() for text in texts)


def cluster_facts(cluster: Cluster, *, as_of: date) -> ClusterFacts:
    windows = Windows.of(as_of)
    contacts_recorded, activities_recorded = _recorded(cluster, as_of)
    deliveries, deliveries_recorded = _deliveries(cluster, as_of)
    return ClusterFacts(
        as_of=as_of,
        founded_on=cluster.founded_on,
        local_languages=tuple(cluster.local_languages or ()),
        target_languages=tuple(cluster.target_market_languages or ()),
        participants=_participants(cluster, windows),
        contacts_recorded=contacts_recorded,
        activities_recorded=activities_recorded,
        staff=_staff(cluster, as_of),
        governance=_governance(cluster, as_of),
        working_groups=_working_groups(cluster, as_of),
        budget_lines=tuple(
            BudgetLineFact(
                line.pk,
                line.year,
                line.source,
                line.source,
                line.actual,
                line.source in PRIVATE_SOURCES,
            )
            for line in BudgetLine.objects.for_cluster(cluster).filter(year__lte=as_of.year)
        ),
        # Every commitment, those starting after as_of included: one that starts the day after
        # a running one ends continues the cover (C1), as the finance page counts it.
        commitments=tuple(
            CommitmentFact(pk, funder, starts_on, runs_to)
            for pk, funder, starts_on, runs_to in FundingCommitment.objects.for_cluster(
                cluster
            ).values_list("pk", "funder", "starts_on", "runs_to")
        ),
        # A strategy adopted by then but updated since was, on that day, as adopted: the
        # ledger keeps only the latest update, so the adoption is the last known one.
        strategies=tuple(
            StrategyFact(pk, title, updated_on if updated_on <= as_of else adopted_on)
            for pk, title, adopted_on, updated_on in StrategyDocument.objects.for_cluster(cluster)
            .filter(adopted_on__lte=as_of)
            .values_list("pk", "title", "adopted_on", "updated_on")
        ),
        plan_actions=tuple(
            PlanActionFact(
                id=action.pk,
                year=action.year,
                title=action.title,
                measurable=action.is_measurable,
                has_target=action.target_value is not None,
                achieved=action.target_achieved,
                cancelled=action.status == PlanActionStatus.CANCELLED,
            )
            for action in PlanAction.objects.for_cluster(cluster).filter(
                year__in=(as_of.year, as_of.year - 1)
            )
        ),
        activities=tuple(
            ActivityFact(pk, title, kind, starts_on, international)
            for pk, title, kind, starts_on, international in Activity.objects.for_cluster(cluster)
            .filter(starts_on__range=(windows.activities_from, as_of))
            .order_by("starts_on", "pk")
            .values_list("pk", "title", "kind", "starts_on", "is_international")
        ),
        stories=tuple(
            StoryFact(pk, title, published_on, _story_complete(*points))
            for pk, title, published_on, *points in SuccessStory.objects.for_cluster(cluster)
            .filter(Q(published_on__isnull=True) | Q(published_on__lte=as_of))
            .values_list(
                "pk",
                "title",
                "published_on",
                "complexity",
                "impact_on_participants",
                "objectives_achieved",
                "sustainability",
            )
        ),
        sites=tuple(
            SiteFact(pk, url, tuple(languages or ()), updated, bool(contact))
            for pk, url, languages, updated, contact in WebPresence.objects.for_cluster(
                cluster
            ).values_list("pk", "url", "languages", "last_updated_on", "contact_page_url")
        ),
        answers=_answers(cluster, as_of),
        deliveries=deliveries,
        deliveries_recorded=deliveries_recorded,
        satisfaction_survey=_satisfaction_survey(cluster, as_of),
    )
