"""Announcement bench: `affiche extract --jsonl` over ../shared/corpus/announcements-dev.jsonl.

Prints per-field accuracy (start, end, locality, postcode, venue name, meeting-point times,
contacts F1, kind,
event count, invented events on no-event texts) for affiche and, in the same run, for a baseline
that takes dateparser's first future date and the first capitalised place name; then documents
per second (whole command including start-up, and warm in-process), peak memory and the
time of `affiche extract` on the origin example (one file, start-up included).

Scoring: gold and predicted events of a document are paired: same start first, then same day
(each pass preferring the same locality). A field counts as right when the paired prediction has
the same value (text compared case-insensitively, with spaces collapsed); an unpaired gold event
is wrong on every field. Venue name (`place.name`) is also shown leniently: right when one of
gold and predicted contains the other and the shorter has at least 4 letters. Meeting-point
times: a gold time counts as found when a predicted
meeting point or transport departure has it (the corpus labels train departures as meeting
points). Contacts:
micro P/R/F1 over documents, with e-mail obfuscation undone, phones compared by digits, URLs
without scheme, "www." or trailing slash.

Usage: python bench/extract.py [--corpus PATH] [--limit N] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "announcements-dev.jsonl"
FIELDS = ("start", "end", "locality", "postcode", "name", "kind")


def norm(value: Any) -> str | None:
    """Case-folded text with collapsed spaces and typographic apostrophes unified."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).replace("’", "'").casefold()
    return re.sub(r"\s+", " ", text).strip() or None


def local_time(value: str | None) -> str | None:
    """'2025-01-18T14:00:00+01:00' → '2025-01-18T14:00'; a date stays a date."""
    if not value:
        return None
    return value[:16] if "T" in value else value[:10]


def norm_contact(value: str) -> str:
    """A comparable form of a contact: e-mail de-obfuscated, phone digits, bare URL."""
    text = value.strip().casefold()
    text = re.sub(r"\s*[\[({<-]\s*(at|arobase|@)\s*[\])}>-]\s*", "@", text)
    text = re.sub(r"\s*[\[({<-]\s*(dot|point|punt)\s*[\])}>-]\s*", ".", text)
    if "@" in text and " " not in text.strip():
        return text.removeprefix("mailto:")
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 8 and re.fullmatch(r"[\d\s+().\-/]+", text):
        return digits[-9:]
    return re.sub(r"^(https?://)?(www\.)?", "", text).rstrip("/")


def pair(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair gold and predicted events: first those with the same start, then the same day,
    each pass preferring the same locality."""
    free = list(predicted)
    found: dict[int, dict] = {}

    def locality(event: dict) -> str | None:
        return norm((event.get("place") or {}).get("locality"))

    for width in (16, 10):  # same start to the minute, then same day
        for index, event in enumerate(gold):
            if index in found:
                continue
            same = [p for p in free if (local_time(p.get("start")) or "")[:width]
                    == (event["start"] or "")[:width]]
            if same:
                best = max(same, key=lambda p: locality(p) == locality(event))
                free.remove(best)
                found[index] = best
    return [(event, found.get(index)) for index, event in enumerate(gold)]


def field_value(event: dict | None, name: str) -> str | None:
    """One scored field of a gold or predicted event."""
    if event is None:
        return "<missing>"
    if name in ("start", "end"):
        return local_time(event.get(name))
    if name in ("locality", "postcode", "name"):
        return norm((event.get("place") or {}).get(name))
    return norm(event.get(name))


def lenient_name(gold: str | None, got: str | None) -> bool:
    """Same venue name, or one contains the other when the shorter has at least 4 letters."""
    if gold == got:
        return True
    if not gold or not got or gold == "<missing>" or got == "<missing>":
        return False
    shorter = min(gold, got, key=len)
    return sum(ch.isalpha() for ch in shorter) >= 4 and (gold in got or got in gold)


def score(records: list[dict], outputs: list[dict]) -> dict[str, Any]:
    """All figures for one system."""
    right = {f: 0 for f in FIELDS}
    name_lenient = 0
    total = 0
    mp_found = mp_total = 0
    tp = fp = fn = 0
    count_exact = 0
    invented = no_event_docs = 0
    errors: list[str] = []
    for record, output in zip(records, outputs, strict=True):
        gold, predicted = record["events"], output.get("events") or []
        count_exact += len(gold) == len(predicted)
        if not gold:
            no_event_docs += 1
            invented += bool(predicted)
        for event, guess in pair(gold, predicted):
            total += 1
            for name in FIELDS:
                ok = field_value(event, name) == field_value(guess, name)
                right[name] += ok
                if not ok:
                    errors.append(f"{record['id']} {name}: gold {field_value(event, name)!r} "
                                  f"got {field_value(guess, name)!r}")
            name_lenient += lenient_name(field_value(event, "name"), field_value(guess, "name"))
            times = set()
            if guess:
                times |= {local_time(m.get("time")) for m in guess.get("meeting_points") or []}
                times |= {local_time(t.get("departs")) for t in guess.get("transport") or []}
            for point in event.get("meeting_points") or []:
                mp_total += 1
                hit = local_time(point.get("time")) in times
                mp_found += hit
                if not hit:
                    errors.append(f"{record['id']} meeting point {point.get('time')} "
                                  f"{point.get('place')!r} not found")
        gold_contacts = {norm_contact(c) for e in gold for c in e.get("contacts") or []}
        got_contacts = {norm_contact(c["value"])
                        for e in predicted for c in e.get("contacts") or []}
        if gold:
            tp += len(gold_contacts & got_contacts)
            fp += len(got_contacts - gold_contacts)
            fn += len(gold_contacts - got_contacts)
            for missing in gold_contacts - got_contacts:
                errors.append(f"{record['id']} contact missing {missing!r}")
        if len(gold) != len(predicted):
            errors.append(f"{record['id']} count: gold {len(gold)} got {len(predicted)}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures = {name: right[name] / total if total else 0.0 for name in FIELDS}
    figures.update({
        "name_lenient": name_lenient / total if total else 0.0,
        "meeting_points": mp_found / mp_total if mp_total else 1.0,
        "contacts_f1": f1, "contacts_p": precision, "contacts_r": recall,
        "count_exact": count_exact / len(records) if records else 0.0,
        "invented": f"{invented}/{no_event_docs}", "events": total, "errors": errors,
    })
    return figures


def run_affiche(records: list[dict]) -> tuple[list[dict], float]:
    """Outputs of `affiche extract --jsonl -` and the wall time of the whole command."""
    lines = "".join(json.dumps({k: r[k] for k in ("id", "text", "reference", "lang")},
                               ensure_ascii=False) + "\n" for r in records)
    command = [str(ROOT / ".venv" / "bin" / "affiche"), "extract", "--jsonl", "-"]
    if not Path(command[0]).exists():
        command = [sys.executable, "-m", "affiche", "extract", "--jsonl", "-"]
    began = time.perf_counter()
    done = subprocess.run(command, input=lines, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"affiche extract failed ({done.returncode}): {done.stderr.strip()[:500]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()], elapsed


ORIGIN = ROOT.parent / "shared" / "examples" / "obspol-127bis.txt"


def single_file_seconds(runs: int = 5) -> list[float]:
    """Wall times of `affiche extract FILE` on the origin example, start-up included. Python
    may cache its bytecode as it does for users (PYTHONDONTWRITEBYTECODE is dropped); the
    first run warms that cache and the operating system's."""
    command = [str(ROOT / ".venv" / "bin" / "affiche"), "extract", str(ORIGIN)]
    if not Path(command[0]).exists():
        command = [sys.executable, "-m", "affiche", "extract", str(ORIGIN)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for _ in range(runs + 1):
        began = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - began)
    return sorted(times[1:])


def warm_throughput(records: list[dict], rounds: int = 3) -> float:
    """Documents per second in-process, after a warm-up pass (one core)."""
    sys.path.insert(0, str(ROOT))
    from affiche import pipeline

    options = pipeline.Options()
    lines = [json.dumps({k: r[k] for k in ("id", "text", "reference", "lang")}) for r in records]
    for number, line in enumerate(lines, 1):
        pipeline.extract_record(line, number, None, options)
    began = time.perf_counter()
    for _ in range(rounds):
        for number, line in enumerate(lines, 1):
            pipeline.extract_record(line, number, None, options)
    return rounds * len(lines) / (time.perf_counter() - began)


_PLACE_AFTER = re.compile(r"\b(?:à|au|aux|in|te|at|aan|op|en)\s+((?:[A-ZÀ-Ý][\w\-'’]+)"
                          r"(?:[\s\-](?:[A-ZÀ-Ý][\w\-'’]+))*)")


def run_baseline(records: list[dict]) -> tuple[list[dict], float]:
    """dateparser's first future date and the first capitalised place name, one event at most."""
    import datetime as dt

    from dateparser.search import search_dates

    outputs = []
    began = time.perf_counter()
    for record in records:
        reference = dt.datetime.fromisoformat(record["reference"])
        settings = {"RELATIVE_BASE": reference, "PREFER_DATES_FROM": "future"}
        try:
            found = search_dates(record["text"], languages=[record["lang"]], settings=settings)
        except Exception:  # noqa: BLE001 - a baseline failure is a miss, not a bench crash
            found = None
        future = [d for _, d in found or [] if d.date() >= reference.date()]
        if not future:
            outputs.append({"events": []})
            continue
        start = future[0]
        text_start = start.isoformat()[:16] if (start.hour, start.minute) != (0, 0) \
            else start.date().isoformat()
        place = _PLACE_AFTER.search(record["text"])
        outputs.append({"events": [{"start": text_start, "kind": "other",
                                    "place": {"locality": place.group(1) if place else None}}]})
    return outputs, time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    """Run both systems and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"bench: corpus not found at {args.corpus} (clone with ../shared beside the repo)")
        return 2
    records = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    if args.limit:
        records = records[: args.limit]
    outputs, elapsed = run_affiche(records)
    ours = score(records, outputs)
    warm = warm_throughput(records)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [("affiche", ours)]
    base_elapsed = None
    if not args.no_baseline:
        base_outputs, base_elapsed = run_baseline(records)
        rows.append(("baseline (dateparser + capitalised place)", score(records, base_outputs)))
    print(f"corpus: {args.corpus.name}, {len(records)} documents, "
          f"{ours['events']} gold events")
    header = ("system", "start", "end", "locality", "postcode", "name", "name lenient",
              "meeting pts", "contacts F1",
              "kind", "count exact", "invented")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for name, fig in rows:
        print(" | ".join([name] + [f"{fig[k]:.3f}" for k in
                                    ("start", "end", "locality", "postcode", "name",
                                     "name_lenient", "meeting_points",
                                     "contacts_f1", "kind", "count_exact")]
                         + [str(fig["invented"])]))
    print(f"\naffiche: contacts P {ours['contacts_p']:.3f} R {ours['contacts_r']:.3f}")
    print(f"affiche extract --jsonl (whole command, incl. start-up): "
          f"{len(records) / elapsed:.1f} documents/s ({elapsed:.2f} s)")
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"affiche in-process, warm, one core: {warm:.1f} documents/s; "
          f"peak RSS: bench process {peak_mb:.0f} MB, affiche extract --jsonl {child_mb:.0f} MB "
          f"(gazetteer loaded)")
    if ORIGIN.exists():
        single = single_file_seconds()
        print(f"affiche extract {ORIGIN.name} (one file, incl. start-up): best {single[0]:.2f} s, "
              f"median {single[len(single) // 2]:.2f} s over {len(single)} runs")
    if base_elapsed is not None:
        print(f"baseline: {len(records) / base_elapsed:.1f} documents/s")
    if args.show_errors:
        print("\nerrors:")
        for line in ours["errors"]:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
