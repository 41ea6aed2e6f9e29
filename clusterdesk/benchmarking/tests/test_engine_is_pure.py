"""The engine is pure computation: it imports no Django, so a fresh interpreter without any
settings can import every module of it and assess a cluster on the default framework."""

from __future__ import annotations

from clusterdesk.testing.pure import run_without_django

SCRIPT = """
import json, pkgutil, importlib, sys
from datetime import date, timedelta

import clusterdesk.benchmarking.engine as engine

for module in pkgutil.walk_packages(engine.__path__, engine.__name__ + "."):
    importlib.import_module(module.name)

as_of = date(2026, 6, 15)
people = tuple(
    engine.ParticipantFact(number, f"P{number}", "industry_sme", True, as_of - timedelta(days=1))
    for number in range(20)
)
facts = engine.ClusterFacts(as_of=as_of, participants=people, contacts_recorded=True)
framework = engine.default_framework()
assessment = engine.assess(framework, facts)
data = engine.assessment_to_dict(assessment)
print(json.dumps({
    "django": sorted(name for name in sys.modules if name.startswith("django")),
    "engine_modules": sorted(name for name in sys.modules if name.startswith(engine.__name__)),
    "indicators": len(assessment.indicators),
    "b4": assessment.indicator("B4").status,
    "version": data["framework_version"],
    "round_trip": engine.assessment_from_dict(json.loads(json.dumps(data))) == assessment,
    "roadmap": [item.indicator for item in engine.roadmap(framework, assessment)][:3],
    "quartiles": list(engine.quartiles([1, 2, 3, 4, 5], minimum=5).__dict__.values()),
}))
"""


def run_engine_alone() -> dict:
    return run_without_django(SCRIPT)


def test_the_engine_imports_no_django_and_assesses_on_the_default_framework():
    report = run_engine_alone()
    assert report["django"] == []
    assert "clusterdesk.benchmarking.engine.computations.structure" in report["engine_modules"]
    assert report["indicators"] == 23
    assert report["b4"] == "excellent"
    assert report["version"] == "2026.1"
    assert report["round_trip"] is True
    assert report["roadmap"] == ["A5", "B1", "B2"]  # unknown, effort 1: in id order
    assert report["quartiles"] == [5, 2.0, 3.0, 4.0]
