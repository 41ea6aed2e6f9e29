"""The mapping engine is pure computation: a fresh interpreter without Django settings imports
every module of it and maps a tiny table, and no ``django`` module is ever loaded."""

from __future__ import annotations

from clusterdesk.testing.pure import run_without_django

SCRIPT = """
import importlib, json, pkgutil, sys

import polars as pl

import clusterdesk.mapping.engine as engine

for module in pkgutil.walk_packages(engine.__path__, engine.__name__ + "."):
    importlib.import_module(module.name)

employment = pl.DataFrame({
    "region_code": ["01", "01", "02", "02", "US", "US", "US"],
    "industry_code": ["336411", "722511", "336411", "722511", "336411", "541511", "722511"],
    "year": [2016] * 7,
    "employment": [300.0, 700.0, 0.0, 900.0, 1000.0, 3000.0, 9000.0],
    "employment_flag": [None, None, "B", None, None, None, None],
})
regions = pl.DataFrame({
    "region_code": ["01", "02", "US"],
    "region_name": ["Alabama", "Alaska", "United States"],
    "region_type": ["state", "state", "nation"],
    "parent_code": ["US", "US", None],
})
data = engine.MappingInput(
    employment=employment,
    classification=engine.naics2012_classification(),
    regions=regions,
    reference="US",
    year=2016,
)
result = engine.compute(data)
aerospace = result.clusters.filter(
    (pl.col("region_code") == "01") & (pl.col("cluster_code") == "1")
).row(0, named=True)
print(json.dumps({
    "django": sorted(name for name in sys.modules if name.split(".")[0] == "django"),
    "engine_modules": sorted(name for name in sys.modules if name.startswith(engine.__name__)),
    "rows": result.clusters.height,
    "lq": aerospace["lq"],
    "alaska": result.clusters.filter(
        (pl.col("region_code") == "02") & (pl.col("cluster_code") == "1")
    ).get_column("employment").item(),
    "report_ok": engine.validate(data).ok,
}))
"""


def test_the_engine_imports_no_django_and_maps_a_tiny_table():
    report = run_without_django(SCRIPT)
    assert report["django"] == []
    assert "clusterdesk.mapping.engine.compute" in report["engine_modules"]
    assert "clusterdesk.mapping.engine.validation" in report["engine_modules"]
    assert report["rows"] == 3 * 67
    # all of Alabama's traded employment is aerospace; a quarter of the nation's
    assert report["lq"] == 4.0
    assert report["alaska"] == 60.0  # size class B
    assert report["report_ok"] is True
