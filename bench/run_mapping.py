"""The cluster mapping engine's benchmark (issue 6), with a pandas comparison.

    python bench/run_mapping.py                      # everything (part of `make bench`)
    python bench/run_mapping.py --data /tmp/cbp      # keep the generated files there, reuse them
    python bench/run_mapping.py --repeats 1 --pandas-ten skip

Generates with bench/mapping_synthetic.py a County Business Patterns-like data set at the real
scale — 3,221 counties × 978 NAICS industries, 3,150,138 rows a year, a quarter of the cells
withheld with a size class — for one year and for ten, as Parquet files in a temporary
directory (or ``--data``), then runs each case in a fresh Python process, so that its peak
memory is its own:

- engine, one year and ten years: ``pl.scan_parquet`` of the file → ``compute`` → the full
  ``MappingResult`` (counties, states, metro areas and the nation; 67 clusters; flags, stars,
  growth, cluster strength), the file read a year at a time;
- engine, one year and ten years, the file first read whole into a DataFrame
  (``load_table``, as the Django task reads an upload): for information;
- pandas (bench/mapping_pandas.py), one year; and ten years unless it exceeds
  ``--pandas-minutes`` or ``--pandas-memory-gb`` (it is then stopped and the output says so).

Peak memory is the process's ``VmHWM`` (Linux hands a child its parent's ``ru_maxrss``).

Times are wall-clock from reading the files to the finished result, inside the process
(interpreter and imports not counted); the best of ``--repeats`` runs for the engine and the
one-year pandas case (each run its own process), one run for ten years of pandas. The same run
checks that pandas and the engine agree on the one-year case: LQ to 1e-9 relative, flags and
stars identical. The full record goes to bench/out/mapping.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGETS = {"engine_one_year": 3.0, "engine_ten_years": 20.0}
MEMORY_TARGET_MB = 2048
CHECKED = [
    "qualifying",
    "significant",
    "strong",
    "strong10",
    "large_enough",
    "size_star",
    "specialisation_star",
    "focus_star",
    "stars",
]
CLOSE = ["employment", "lq", "lq_total"]


# ---------------------------------------------------------------- the cases, in the child


def peak_mb() -> float:
    """This process's peak resident memory. ``ru_maxrss`` would do, but Linux hands a child
    its parent's peak across fork and exec; ``VmHWM`` is the process's own image's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def engine_case(files: dict[str, str], *, years: str, whole: bool, keep: str | None) -> dict:
    import polars as pl

    from clusterdesk.mapping.engine import (
        MappingInput,
        compute,
        load_table,
        naics2012_classification,
    )

    path = files["one_year" if years == "one" else "all_years"]
    started = time.perf_counter()
    if whole:
        employment: pl.DataFrame | pl.LazyFrame = load_table(path, "statistics.parquet")
    else:
        employment = pl.scan_parquet(path)
    data = MappingInput(
        employment=employment,
        classification=naics2012_classification(),
        regions=pl.read_parquet(files["regions"]),
        reference=files["reference"],
    )
    stages: dict[str, float] = {}
    result = compute(
        data,
        progress=lambda stage, share: stages.setdefault(stage, time.perf_counter() - started),
    )
    seconds = time.perf_counter() - started
    rows_in = pl.scan_parquet(path).select(pl.len()).collect().item()
    if keep:
        result.clusters.select("year", "region_code", "cluster_code", *CLOSE, *CHECKED).join(
            result.regions.select("year", "region_code", "cluster_strength"),
            on=["year", "region_code"],
        ).write_parquet(keep)
    return {
        "seconds": seconds,
        "stages": {stage: round(at, 3) for stage, at in stages.items()},
        "rows_in": rows_in,
        "rows_out": result.clusters.height,
        "regions_out": result.regions.height,
        "warnings": len(result.report.warnings),
    }


def pandas_case(files: dict[str, str], *, years: str, keep: str | None) -> dict:
    import pandas as pd
    import polars as pl

    from bench import mapping_pandas
    from clusterdesk.mapping.engine import NAICS2012_CLASSIFICATION

    path = files["one_year" if years == "one" else "all_years"]
    started = time.perf_counter()
    employment = mapping_pandas.read(path)
    regions = mapping_pandas.read(files["regions"])
    classification = mapping_pandas.read_classification(NAICS2012_CLASSIFICATION)
    read = time.perf_counter() - started
    result = mapping_pandas.map_clusters(employment, classification, regions, files["reference"])
    seconds = time.perf_counter() - started
    rows_in = len(employment)
    if keep:
        table = result.clusters.merge(
            result.regions[["year", "region_code", "cluster_strength"]],
            on=["year", "region_code"],
        )
        columns = ["year", "region_code", "cluster_code", *CLOSE, *CHECKED, "cluster_strength"]
        pl.DataFrame(
            {
                name: table[name].astype(object).where(table[name].notna(), None).tolist()
                for name in columns
            }
        ).write_parquet(keep)
    return {
        "seconds": seconds,
        "reading_seconds": read,
        "rows_in": rows_in,
        "rows_out": len(result.clusters),
        "regions_out": len(result.regions),
        "pandas": pd.__version__,
    }


def worker(arguments: argparse.Namespace) -> None:
    files = json.loads(arguments.files)
    case = arguments.worker
    if case.startswith("engine"):
        _, years, reading = case.split("-")
        record = engine_case(files, years=years, whole=reading == "whole", keep=arguments.keep)
    else:
        _, years = case.split("-")
        record = pandas_case(files, years=years, keep=arguments.keep)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    record.update(peak_mb=peak_mb(), cpu_seconds=usage.ru_utime + usage.ru_stime)
    print("RESULT " + json.dumps(record))


# ---------------------------------------------------------------- the parent


def run_case(
    case: str,
    files: dict[str, Any],
    *,
    keep: Path | None = None,
    minutes: float | None = None,
    memory_gb: float | None = None,
) -> dict:
    """One run of a case in a fresh process; stopped (and said so) past the limits."""
    command = [
        sys.executable,
        __file__,
        "--worker",
        case,
        "--files",
        json.dumps({key: str(value) for key, value in files.items()}),
    ]
    if keep:
        command += ["--keep", str(keep)]
    load = os.getloadavg()[0]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    stopped: list[str] = []
    largest = [0.0]

    def watch() -> None:
        started = time.monotonic()
        while process.poll() is None:
            rss = resident_mb(process.pid)
            largest[0] = max(largest[0], rss)
            if memory_gb and rss > memory_gb * 1024:
                stopped.append(f"stopped at {rss / 1024:.1f} GB of memory")
            elif minutes and time.monotonic() - started > minutes * 60:
                stopped.append(f"stopped after {minutes:g} minutes")
            if stopped:
                process.kill()
                return
            time.sleep(0.25)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.monotonic()
    output, _ = process.communicate()
    watcher.join()
    elapsed = time.monotonic() - started
    if stopped:
        return {"stopped": stopped[0], "elapsed": elapsed, "largest_mb": largest[0], "load": load}
    if process.returncode != 0:
        raise SystemExit(f"{case} failed (exit {process.returncode})")
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    return {**json.loads(line.removeprefix("RESULT ")), "load": load}


def resident_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def available_gb() -> float:
    """The memory the system can still give (MemAvailable), so as not to starve the others."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024 / 1024
    return float("inf")


def best_of(runs: list[dict]) -> dict:
    finished = [run for run in runs if "seconds" in run]
    if not finished:
        return runs[0]
    best = min(finished, key=lambda run: run["seconds"])
    return {
        **best,
        "runs": len(finished),
        "all_seconds": [round(run["seconds"], 3) for run in finished],
        "peak_mb": max(run["peak_mb"] for run in finished),
    }


def compare(engine_path: Path, pandas_path: Path) -> dict:
    """Whether pandas and the engine give the same figures for every region × cluster."""
    import polars as pl

    keys = ["year", "region_code", "cluster_code"]
    engine = pl.read_parquet(engine_path)
    other = pl.read_parquet(pandas_path).with_columns(
        pl.col("year").cast(engine.schema["year"]),
        *(pl.col(name).cast(engine.schema[name]) for name in [*CHECKED, *CLOSE]),
        pl.col("cluster_strength").cast(pl.Float64),
    )
    joined = engine.join(other, on=keys, how="full", suffix="_pandas", coalesce=True)
    report: dict[str, Any] = {
        "rows_engine": engine.height,
        "rows_pandas": other.height,
        "rows_matched": joined.drop_nulls(["lq_total", "lq_total_pandas"]).height,
    }
    mismatches: dict[str, int] = {}
    worst: dict[str, float] = {}
    for name in [*CLOSE, "cluster_strength"]:
        a, b = pl.col(name), pl.col(f"{name}_pandas")
        error = ((a - b).abs() / pl.max_horizontal(a.abs(), b.abs())).fill_nan(0.0)
        differs = (a.is_null() != b.is_null()) | (error > 1e-9).fill_null(False)
        mismatches[name] = joined.select(differs.sum()).item()
        worst[name] = joined.select(error.max()).item() or 0.0
    for name in CHECKED:
        a, b = pl.col(name), pl.col(f"{name}_pandas")
        mismatches[name] = joined.select(a.eq_missing(b).not_().sum()).item()
    report["mismatches"] = mismatches
    report["largest_relative_error"] = worst
    report["same"] = not any(mismatches.values()) and engine.height == other.height
    report["flags_counted"] = {
        name: joined.select(pl.col(name).cast(pl.Int64).sum()).item() for name in CHECKED
    }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, help="directory for the generated files (reused)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each cheap case")
    parser.add_argument("--pandas-ten", choices=["try", "skip"], default="try")
    parser.add_argument("--pandas-minutes", type=float, default=10.0)
    parser.add_argument(
        "--pandas-memory-gb",
        type=float,
        default=16.0,
        help="stop pandas past this (or past the memory available less 2 GB, if less)",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    parser.add_argument("--keep", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        worker(arguments)
        return

    from bench.mapping_synthetic import describe

    with tempfile.TemporaryDirectory(prefix="clusterdesk-mapping-") as scratch:
        directory = arguments.data or Path(scratch)
        started = time.perf_counter()
        files = existing(directory)
        if files is None:  # in its own process: this one stays small
            generator = ROOT / "bench" / "mapping_synthetic.py"
            subprocess.run(
                [sys.executable, str(generator), "--out", str(directory)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            files = existing(directory)
            assert files is not None
        generated = time.perf_counter() - started
        data = describe(files)
        paths = {
            "one_year": files.one_year,
            "all_years": files.all_years,
            "regions": files.regions,
            "reference": files.reference,
        }
        print(
            f"data: {data['rows']:,} rows a year ({data['rows_all_years']:,} for "
            f"{len(files.years)} years), regions {data['regions_by_type']}, "
            f"{data['withheld_share']:.1%} withheld, {data['zero_share']:.1%} zero "
            f"({generated:.0f} s to {'find' if arguments.data else 'generate'})"
        )
        repeats = arguments.repeats
        cases: dict[str, dict] = {}
        plan = [
            ("engine-one-scan", repeats),
            ("engine-ten-scan", repeats),
            ("engine-one-whole", repeats),
            ("engine-ten-whole", 1),
            ("pandas-one", max(1, min(repeats, 2))),
        ]
        engine_keep, pandas_keep = (
            Path(scratch) / "engine.parquet",
            Path(scratch) / "pandas.parquet",
        )
        for case, runs in plan:
            keep = {"engine-one-scan": engine_keep, "pandas-one": pandas_keep}.get(case)
            cases[case] = best_of([run_case(case, paths, keep=keep) for _ in range(runs)])
            show(case, cases[case])
        if arguments.pandas_ten == "try":
            limit = min(arguments.pandas_memory_gb, available_gb() - 2)
            cases["pandas-ten"] = best_of(
                [run_case("pandas-ten", paths, minutes=arguments.pandas_minutes, memory_gb=limit)]
            )
            cases["pandas-ten"]["memory_limit_gb"] = round(limit, 1)
            show("pandas-ten", cases["pandas-ten"])
        check = compare(engine_keep, pandas_keep)
        summary = summarise(cases, check)
        OUT.mkdir(parents=True, exist_ok=True)
        record = {"data": data, "cases": cases, "check": check, "summary": summary}
        (OUT / "mapping.json").write_text(json.dumps(record, indent=2, default=str))
        print(f"(full figures in {OUT / 'mapping.json'})")


def existing(directory: Path):
    """The files of an earlier run in ``directory``, if they are all there."""
    from bench.mapping_synthetic import FIRST_YEAR, LAST_YEAR, NATION, SyntheticFiles

    one = directory / f"cbp_{LAST_YEAR}.parquet"
    every = directory / f"cbp_{FIRST_YEAR}_{LAST_YEAR}.parquet"
    regions = directory / "regions.parquet"
    if not (one.exists() and every.exists() and regions.exists()):
        return None
    import polars as pl

    return SyntheticFiles(
        one_year=one,
        all_years=every,
        regions=regions,
        reference=NATION,
        years=tuple(range(FIRST_YEAR, LAST_YEAR + 1)),
        rows_per_year=pl.scan_parquet(one).select(pl.len()).collect().item(),
        counties=pl.scan_parquet(one).select(pl.col("region_code").n_unique()).collect().item(),
        industries=pl.scan_parquet(one).select(pl.col("industry_code").n_unique()).collect().item(),
    )


def show(case: str, run: dict) -> None:
    if "stopped" in run:
        print(
            f"  {case:<18} did not finish: {run['stopped']} "
            f"(largest resident memory {run['largest_mb'] / 1024:.1f} GB)"
        )
        return
    runs = run.get("runs", 1)
    times = f"best of {runs}: {run['all_seconds']}" if runs > 1 else "1 run"
    extra = f", reading {run['reading_seconds']:.2f} s of it" if "reading_seconds" in run else ""
    print(
        f"  {case:<18} {run['seconds']:7.2f} s ({times}{extra})  cpu {run['cpu_seconds']:.1f} s"
        f"  peak {run['peak_mb']:,.0f} MB  rows in {run['rows_in']:,} out {run['rows_out']:,}"
        f"  load {run['load']:.1f}"
    )
    if "stages" in run:
        stages = ", ".join(f"{name} {at:.2f} s" for name, at in run["stages"].items())
        print(f"  {'':<18} stages begin at {stages}")


def summarise(cases: dict[str, dict], check: dict) -> dict:
    one, ten = cases["engine-one-scan"], cases["engine-ten-scan"]
    summary: dict[str, Any] = {
        "engine_one_year_seconds": round(one["seconds"], 2),
        "engine_ten_years_seconds": round(ten["seconds"], 2),
        "engine_one_year_peak_mb": round(one["peak_mb"]),
        "engine_ten_years_peak_mb": round(ten["peak_mb"]),
        "targets_met": {
            "one_year_under_3_s": one["seconds"] < TARGETS["engine_one_year"],
            "ten_years_under_20_s": ten["seconds"] < TARGETS["engine_ten_years"],
            "memory_under_2_gb": max(one["peak_mb"], ten["peak_mb"]) < MEMORY_TARGET_MB,
        },
        "pandas_same_results": check["same"],
    }
    pandas_one = cases["pandas-one"]
    summary["pandas_one_year_ratio"] = round(pandas_one["seconds"] / one["seconds"], 1)
    pandas_ten = cases.get("pandas-ten")
    if pandas_ten and "seconds" in pandas_ten:
        summary["pandas_ten_years_ratio"] = round(pandas_ten["seconds"] / ten["seconds"], 1)
    elif pandas_ten:
        summary["pandas_ten_years"] = pandas_ten["stopped"]
    print("\ncheck (one year, pandas against the engine):")
    print(
        f"  {check['rows_matched']:,} region × cluster rows in both "
        f"(engine {check['rows_engine']:,}, pandas {check['rows_pandas']:,}); "
        f"mismatches: {check['mismatches']}"
    )
    print(f"  largest relative error: {check['largest_relative_error']}")
    print(f"  flags and stars counted (engine): {check['flags_counted']}")
    print(f"  same results: {'yes' if check['same'] else 'NO'}")
    print("\nsummary:")
    for key, value in summary.items():
        print(f"  {key}: {value}")
    return summary


if __name__ == "__main__":
    main()
