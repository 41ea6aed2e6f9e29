"""What every part of the demo ledger is drawn from: the cluster's table, the registry, the
reference day and one seeded random source, the two 12-month periods before that day, and each
participant's propensity to draw the team's attention. `activities` and `contacts` each add
their part to a `LedgerDraw`; `plan` runs them in a fixed order, so that the random source is
drawn from in the same sequence every time.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from clusterdesk.lib.periods import Period, last_12_months
from clusterdesk.participants.models import Category, Commitment

from .dates import working_days
from .ledger import LedgerPlan, Participant


@dataclass
class Window:
    """One of the two 12-month periods of the ledger, with who is actively involved in it and
    the active days each participant has so far."""

    period: Period
    active_set: set[int]
    active_days: dict[int, Decimal] = field(default_factory=dict)


class LedgerDraw:
    def __init__(
        self,
        table: dict[str, Any],
        participants: Sequence[Participant],
        reference_date: date,
        team: dict[str, str],
    ) -> None:
        self.table = table
        self.participants = participants
        self.today = reference_date
        self.team = team
        self.rng = random.Random(table["seed"])
        self.plan = LedgerPlan(reference_date)
        recent = last_12_months(reference_date)
        earlier = last_12_months(recent.day_before)
        self.periods = (earlier, recent)
        self.current = [i for i, p in enumerate(participants) if p.commitment != Commitment.FORMER]
        self.represented = [i for i, p in enumerate(participants) if p.represented]
        self.propensity = [self._propensity(p) for p in participants]

    # Who -----------------------------------------------------------------------------------

    def _propensity(self, participant: Participant) -> float:
        """How much of the team's attention an organisation draws: committed members, support
        bodies and bigger firms more, with a personal factor that stays across the years."""
        base = {Commitment.COMMITTED: 5.0, Commitment.FORMER: 0.3}.get(participant.commitment, 1.0)
        if participant.category == Category.INDUSTRY_SME:
            employees = participant.employees
            kind = 0.6 if employees < 10 else 1.0 if employees < 50 else 1.4
        else:
            kind = {
                Category.INDUSTRY_LARGE: 1.6,
                Category.RESEARCH: 1.8,
                Category.INTERMEDIARY: 1.8,
                Category.EDUCATION: 1.5,
                Category.PUBLIC_BODY: 1.4,
            }.get(participant.category, 0.8)
        return base * kind * self.rng.lognormvariate(0, 0.5)

    def _sample(self, candidates: Sequence[int], weights: Sequence[float], k: int) -> list[int]:
        """``k`` of the candidates drawn without replacement, each by its weight."""
        keyed = sorted(
            candidates, key=lambda i: self.rng.random() ** (1 / weights[i]), reverse=True
        )
        return keyed[:k]

    def _active_set(self, share: float, *, include_former: bool) -> set[int]:
        eligible = list(range(len(self.participants))) if include_former else self.current
        chosen = [i for i in self.represented if i in eligible]
        target = round(share * len(self.current))
        others = [i for i in eligible if i not in chosen]
        return set(chosen + self._sample(others, self.propensity, target - len(chosen)))

    def _eligible(self, window: Window) -> list[int]:
        if window.period == self.periods[-1]:
            return self.current
        return list(range(len(self.participants)))

    # When ----------------------------------------------------------------------------------

    def _window_of(self, windows: list[Window], day: date) -> Window:
        return windows[1] if day >= windows[1].period.first else windows[0]

    def _day_in(self, first: date, last: date, *, span: int = 1) -> date:
        """A working day from ``first`` to ``last`` on which an activity of ``span`` days can
        start and end by ``last``, away from August and the holidays when possible."""
        last = min(last, self.today) - timedelta(days=span - 1)
        return self.rng.choice(working_days(first, last) or (first,))
