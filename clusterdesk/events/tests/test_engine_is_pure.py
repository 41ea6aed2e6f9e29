"""The scheduling engine is pure computation: a fresh interpreter without Django settings
imports every module of it and schedules a tiny day, and no ``django`` module is ever loaded."""

from __future__ import annotations

from clusterdesk.testing.pure import run_without_django

SCRIPT = """
import importlib, json, pkgutil, sys
from datetime import datetime, timedelta

import clusterdesk.events.engine as engine

for module in pkgutil.walk_packages(engine.__path__, engine.__name__ + "."):
    importlib.import_module(module.name)

nine = datetime(2026, 6, 10, 9, 0)
slots = tuple(
    engine.Slot(n, nine + timedelta(minutes=20 * n), nine + timedelta(minutes=20 * n + 20))
    for n in range(3)
)
day = engine.MeetingDay(
    slots=slots,
    tables=(engine.Table("T1"),),
    participants=tuple(engine.Participant(name) for name in ("a", "b", "c")),
    requests=(
        engine.MeetingRequest(1, "a", "b"),
        engine.MeetingRequest(2, "a", "c"),
        engine.MeetingRequest(3, "b", "c"),
    ),
)
schedule = engine.schedule_meetings(day, engine.SolverSettings(time_limit=5, workers=1))
print(json.dumps({
    "django": sorted(name for name in sys.modules if name.split(".")[0] == "django"),
    "engine_modules": sorted(name for name in sys.modules if name.startswith(engine.__name__)),
    "placed": schedule.report.placed,
    "bound": schedule.report.bound,
    "greedy": engine.schedule_first_free(day).report.placed,
}))
"""


def test_the_engine_imports_no_django_and_schedules_a_tiny_day():
    report = run_without_django(SCRIPT)
    assert report["django"] == []
    assert "clusterdesk.events.engine.cpsat" in report["engine_modules"]
    assert "clusterdesk.events.engine.relaxation" in report["engine_modules"]
    assert report["placed"] == report["bound"] == report["greedy"] == 3
