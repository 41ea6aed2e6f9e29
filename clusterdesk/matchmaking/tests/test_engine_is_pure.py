"""The matchmaking engine is pure computation: a fresh interpreter without Django settings
imports every module of it and recommends partners with the TF-IDF engine, and neither Django
nor torch is ever loaded on that path (``make demo`` stays light)."""

from __future__ import annotations

from clusterdesk.testing.pure import run_without_django

SCRIPT = """
import importlib, json, pkgutil, sys

import clusterdesk.matchmaking.engine as engine

for module in pkgutil.walk_packages(engine.__path__, engine.__name__ + "."):
    importlib.import_module(module.name)

profiles = [
    engine.Profile(1, 1, "Acme", "industry_sme", ("29.10",), "manufacturing",
        description="Electric vehicles with aluminium frames.",
        listings=(engine.Listing(11, "technology_request", "Laser welding of aluminium frames"),)),
    engine.Profile(2, 1, "Beta", "industry_sme", ("28.41",), "equipment",
        description="Laser welding cells.",
        listings=(engine.Listing(21, "technology_offer", "Laser welding cells for aluminium"),)),
    engine.Profile(3, 1, "Gamma", "research", ("72.19",), "research",
        description="Olive oil chemistry."),
]
index = engine.build_index(profiles, engine="tfidf")
found = engine.recommend_for_listing(index, 11)
print(json.dumps({
    "django": sorted(name for name in sys.modules if name.split(".")[0] == "django"),
    "heavy": sorted(
        name for name in sys.modules
        if name.split(".")[0] in ("torch", "sentence_transformers", "transformers")
    ),
    "engine_modules": sorted(name for name in sys.modules if name.startswith(engine.__name__)),
    "first": found[0].participant_id,
    "reason": found[0].reasons[0].code,
}))
"""


def test_the_engine_imports_no_django_and_the_tfidf_path_no_torch():
    report = run_without_django(SCRIPT)
    assert report["django"] == []
    assert report["heavy"] == []
    assert "clusterdesk.matchmaking.engine.semantic" in report["engine_modules"]
    assert "clusterdesk.matchmaking.engine.recommend" in report["engine_modules"]
    assert report["first"] == 2
    assert report["reason"] == "offer_meets_request"
