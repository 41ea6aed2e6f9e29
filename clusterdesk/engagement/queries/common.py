"""Building blocks shared by the engagement figures: the participants the shares are taken
of, the ledger rows of a period, scalar counts and the quarter labels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from clusterdesk.engagement.models import Involvement, InvolvementRole, PersonalContact
from clusterdesk.lib.periods import Period
from clusterdesk.participants.models import Category, Commitment, Organisation
from clusterdesk.tenancy.models import Cluster

# The SPEC's "actively involved": at least two days of active involvement in the period.
ACTIVE_DAYS = Decimal("2")

# --------------------------------------------------------------------------- periods


def quarter_label(quarter: Period) -> str:
    return _("Q%(quarter)s %(year)s") % {
        "quarter": (quarter.first.month - 1) // 3 + 1,
        "year": quarter.first.year,
    }


# --------------------------------------------------------------------------- building blocks


def current_participants(cluster: Cluster) -> QuerySet[Organisation]:
    """The participants the shares are taken of: every organisation except former ones."""
    return Organisation.objects.for_cluster(cluster).exclude(commitment=Commitment.FORMER)


def _contacts_in(cluster: Cluster, period: Period) -> QuerySet[PersonalContact]:
    """Contacts in the period of the organisation of the outer query (for ``Exists``)."""
    return PersonalContact.objects.for_cluster(cluster).filter(
        organisation=OuterRef("pk"), date__range=period.range
    )


def _former_ids(cluster: Cluster) -> QuerySet[Organisation]:
    """The former participants' ids. Ledger rows are filtered with ``NOT IN`` this short list,
    built once per query, rather than joined to the wide participant table row by row (the
    join cost SQLite some 60 ms more for the 40,000 active involvements of a year)."""
    return (
        Organisation.objects.for_cluster(cluster)
        .filter(commitment=Commitment.FORMER)
        .order_by()
        .values("pk")
    )


def _active_involvements(cluster: Cluster, period: Period) -> QuerySet[Involvement]:
    """Current participants' active involvements in activities starting in the period."""
    return (
        Involvement.objects.for_cluster(cluster)
        .filter(role=InvolvementRole.ACTIVE, starts_on__range=period.range)
        .exclude(organisation__in=_former_ids(cluster))
        .order_by()
    )


def _active_days_by_organisation(
    cluster: Cluster, period: Period, min_days: Decimal
) -> QuerySet[Involvement]:
    """One row per current participant with at least ``min_days`` of active involvement in
    the period: ``organisation``, ``active_days`` and ``is_sme``."""
    smes = (
        Organisation.objects.for_cluster(cluster)
        .filter(category=Category.INDUSTRY_SME)
        .order_by()
        .values("pk")
    )
    return (
        _active_involvements(cluster, period)
        .values("organisation")
        .annotate(
            active_days=Sum("days"),
            is_sme=Count("pk", filter=Q(organisation__in=smes)),
        )
        .filter(active_days__gte=min_days)
    )


def _count(queryset: QuerySet) -> Subquery:
    """``(SELECT COUNT(*) …)`` of the rows of a queryset, as a scalar sub-query: each one a
    range count answered from an index alone (``COUNT(*)``, not ``COUNT(id)``, lets
    PostgreSQL skip the table), much cheaper than a filtered count evaluated on every row."""
    return Subquery(
        queryset.order_by()
        .annotate(rows=Func(template="COUNT(*)", output_field=IntegerField()))
        .values("rows")
    )


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _last_contact_on(cluster: Cluster, today: date) -> Subquery:
    return Subquery(
        PersonalContact.objects.for_cluster(cluster)
        .filter(organisation=OuterRef("pk"), date__lte=today)
        .order_by("-date")
        .values("date")[:1]
    )
