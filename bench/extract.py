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

Also: predicted events that match no gold event (unmatched), the figures per language
and per tag, and the calibrated confidence per field (bench/calibrate.py: AUROC, reliability
table and flagged shares, cross-validated by document).

Usage: python bench/extract.py [--corpus PATH ...] [--limit N] [--show-errors] [--quick] [--json]
       [--no-calibration]
"""

from __future__ import annotations

import argparse
import importlib.util
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
    etp = efp = efn = 0  # contacts per paired event (each contact on the event it belongs to)
    flags: dict[tuple[bool, bool], int] = {}  # (locality right, ambiguous_place warned)
    count_exact = 0
    invented = no_event_docs = 0
    predicted_total = unmatched = 0
    errors: list[str] = []
    for record, output in zip(records, outputs, strict=True):
        gold, predicted = record["events"], output.get("events") or []
        count_exact += len(gold) == len(predicted)
        if not gold:
            no_event_docs += 1
            invented += bool(predicted)
        pairs = pair(gold, predicted)
        predicted_total += len(predicted)
        paired = {id(guess) for _, guess in pairs if guess is not None}
        lost = [p for p in predicted if id(p) not in paired]
        unmatched += len(lost)
        for guess in lost:
            errors.append(f"{record['id']} unmatched prediction {local_time(guess.get('start'))}"
                          f" {(guess.get('place') or {}).get('locality')!r}")
        for event, guess in pairs:
            total += 1
            for name in FIELDS:
                ok = field_value(event, name) == field_value(guess, name)
                right[name] += ok
                if not ok:
                    errors.append(f"{record['id']} {name}: gold {field_value(event, name)!r} "
                                  f"got {field_value(guess, name)!r}")
            name_lenient += lenient_name(field_value(event, "name"), field_value(guess, "name"))
            if guess is not None:
                ok = field_value(event, "locality") == field_value(guess, "locality")
                warned = any(w.get("code") == "ambiguous_place"
                             for w in guess.get("warnings") or [])
                flags[(ok, warned)] = flags.get((ok, warned), 0) + 1
            own = {norm_contact(c) for c in event.get("contacts") or []}
            got = {norm_contact(c["value"]) for c in (guess or {}).get("contacts") or []}
            etp, efp, efn = etp + len(own & got), efp + len(got - own), efn + len(own - got)
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
    figures["contacts_event_f1"] = 2 * etp / (2 * etp + efp + efn) if etp + efp + efn else 1.0
    figures["place_flags"] = flags
    figures.update({
        "name_lenient": name_lenient / total if total else 0.0,
        "meeting_points": mp_found / mp_total if mp_total else 1.0,
        "contacts_f1": f1, "contacts_p": precision, "contacts_r": recall,
        "count_exact": count_exact / len(records) if records else 0.0,
        "invented": f"{invented}/{no_event_docs}", "events": total, "errors": errors,
        "predicted": predicted_total, "unmatched": unmatched,
        "unmatched_share": unmatched / predicted_total if predicted_total else 0.0,
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


TARGETS = {"start": 0.95, "locality": 0.93, "kind": 0.90, "meeting_points": 0.90,
           "count_exact": 0.85}
MAX_UNMATCHED = 0.05  # share of predicted events that match no gold event
TAGS = ("multi_event", "agenda_page", "programme", "no_event", "past_report", "cancelled",
        "postponed", "bilingual", "decentralised", "route", "meeting_point", "transport",
        "recurring", "label_value_lines", "list_format", "truncated")
SHOWN = ("start", "end", "locality", "postcode", "name", "name_lenient", "meeting_points",
         "contacts_f1", "kind", "count_exact")


def extract_in_process(records: list[dict]) -> list[dict]:
    """Contract 2 outputs of the in-process pipeline (as `affiche extract --jsonl` gives)."""
    sys.path.insert(0, str(ROOT))
    from affiche import pipeline

    options = pipeline.Options()
    return [pipeline.extract_record(json.dumps({k: r[k] for k in ("id", "text", "reference",
                                                                   "lang") if k in r}),
                                    number, None, options)
            for number, r in enumerate(records, 1)]


def read_corpus(paths: list[Path]) -> list[dict]:
    """The labelled records of one or more JSON Lines corpora."""
    records = []
    for path in paths:
        records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip()]
    return records


def breakdown(records: list[dict], outputs: list[dict]) -> dict[str, dict[str, Any]]:
    """Figures per language and per tag (tags of `TAGS` present in the corpus)."""
    groups: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        groups.setdefault(f"lang={record.get('lang')}", []).append(index)
        for tag in record.get("tags") or []:
            if tag in TAGS:
                groups.setdefault(f"tag={tag}", []).append(index)
    return {name: score([records[i] for i in members], [outputs[i] for i in members])
            | {"documents": len(members)}
            for name, members in sorted(groups.items())}


def summary(figures: dict[str, Any]) -> dict[str, float]:
    """The headline figures, as bench/floors.json pins them."""
    keys = ("start", "end", "locality", "postcode", "name", "name_lenient", "meeting_points",
            "contacts_f1", "contacts_event_f1", "kind", "count_exact", "unmatched_share")
    return {k: round(float(figures[k]), 4) for k in keys}


def _row(name: str, fig: dict[str, Any]) -> str:
    """One table row of figures."""
    return " | ".join([name] + [f"{fig[k]:.3f}" for k in SHOWN]
                      + [str(fig["invented"]), f"{fig['unmatched']}/{fig['predicted']}"])


CV = ROOT / "bench" / "cv.json"


def print_cross_validation() -> None:
    """The 5-fold cross-validation by document of fitted weights (bench/fit_weights.py)."""
    if not CV.exists():
        print("\ncross-validation: no fitted weights (run bench/fit_weights.py)")
        return
    print("\ncross-validation of fitted weights (bench/fit_weights.py, 5 folds by document; "
          "goal = mean of start, count exact, locality, contacts per event F1, 1 − unmatched):")
    print("decision | candidates (positive) | hand goal | CV goal of fitted | start hand/CV | "
          "count exact hand/CV | unmatched hand/CV | kept")
    print("--- | --- | --- | --- | --- | --- | --- | ---")
    for name, result in json.loads(CV.read_text(encoding="utf-8")).items():
        hand, cv = result["hand"], result["cross_validated_fitted"]
        print(f"{name} | {result['candidates']} ({result['positives']}) | {hand['goal']:.4f} | "
              f"{cv['goal']:.4f} | {hand['figures']['start']:.3f}/{cv['figures']['start']:.3f}"
              f" | {hand['figures']['count_exact']:.3f}/{cv['figures']['count_exact']:.3f} | "
              f"{hand['figures']['unmatched_share']:.3f}/{cv['figures']['unmatched_share']:.3f}"
              f" | {result['kept']}")


def print_calibration(records: list[dict]) -> None:
    """The calibrated confidence per field (bench/calibrate.py), on these records."""
    spec = importlib.util.spec_from_file_location("bench_calibrate",
                                                  ROOT / "bench" / "calibrate.py")
    assert spec is not None and spec.loader is not None
    calibrate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calibrate)
    rows = calibrate.gather(records, sys.modules[__name__])
    calibrate.print_report(calibrate.report(rows))


def main(argv: list[str] | None = None) -> int:
    """Run both systems and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append",
                        help="a labelled JSON Lines corpus (repeatable; default: the dev corpus)")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--quick", action="store_true",
                        help="figures only: in-process, no baseline, no timings")
    parser.add_argument("--json", action="store_true", help="print the summary figures as JSON")
    parser.add_argument("--no-calibration", action="store_true",
                        help="leave out the calibrated confidence section")
    args = parser.parse_args(argv)
    corpora = args.corpus or [CORPUS]
    for path in corpora:
        if not path.is_file():
            print(f"bench: corpus not found at {path} (clone with ../shared beside the repo)")
            return 2
    records = read_corpus(corpora)
    if args.limit:
        records = records[: args.limit]
    if args.quick or args.json:
        outputs, elapsed = extract_in_process(records), None
    else:
        outputs, elapsed = run_affiche(records)
    ours = score(records, outputs)
    if args.json:
        print(json.dumps(summary(ours), indent=2))
        return 0
    rows = [("affiche", ours)]
    base_elapsed = None
    if not (args.no_baseline or args.quick):
        base_outputs, base_elapsed = run_baseline(records)
        rows.append(("baseline (dateparser + capitalised place)", score(records, base_outputs)))
    print(f"corpus: {', '.join(p.name for p in corpora)}, {len(records)} documents, "
          f"{ours['events']} gold events, {ours['predicted']} predicted")
    header = ("system", "start", "end", "locality", "postcode", "name", "name lenient",
              "meeting pts", "contacts F1", "kind", "count exact", "invented", "unmatched")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for name, fig in rows:
        print(_row(name, fig))
    missed = [k for k, floor in TARGETS.items() if ours[k] < floor]
    if ours["unmatched_share"] > MAX_UNMATCHED:
        missed.append("unmatched")
    print(f"\ntargets (start ≥ 0.95, locality ≥ 0.93, kind ≥ 0.90, meeting pts ≥ 0.90, count "
          f"exact ≥ 0.85, unmatched ≤ 5 %): unmatched {100 * ours['unmatched_share']:.1f} %; "
          + ("all met" if not missed else "missed: " + ", ".join(missed)))
    print("\nper language and tag (affiche):")
    print(" | ".join(("group", "docs") + header[1:]))
    print(" | ".join("---" for _ in range(len(header) + 1)))
    for name, fig in breakdown(records, outputs).items():
        first, rest = _row(name, fig).split(" | ", 1)
        print(f"{first} | {fig['documents']} | {rest}")
    print(f"\naffiche: contacts P {ours['contacts_p']:.3f} R {ours['contacts_r']:.3f}; "
          f"contacts per event F1 (each on its own event) {ours['contacts_event_f1']:.3f}")
    flags = ours["place_flags"]
    wrong = flags.get((False, True), 0) + flags.get((False, False), 0)
    right = flags.get((True, True), 0) + flags.get((True, False), 0)
    print(f"ambiguous_place warnings: on {flags.get((False, True), 0)} of {wrong} wrong "
          f"localities, on {flags.get((True, True), 0)} of {right} right ones")
    if elapsed is not None:
        print(f"affiche extract --jsonl (whole command, incl. start-up): "
              f"{len(records) / elapsed:.1f} documents/s ({elapsed:.2f} s)")
        warm = warm_throughput(records)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"affiche in-process, warm, one core: {warm:.1f} documents/s; "
              f"peak RSS: bench process {peak_mb:.0f} MB, affiche extract --jsonl "
              f"{child_mb:.0f} MB (gazetteer loaded)")
        if ORIGIN.exists():
            single = single_file_seconds()
            print(f"affiche extract {ORIGIN.name} (one file, incl. start-up): best "
                  f"{single[0]:.2f} s, median {single[len(single) // 2]:.2f} s over "
                  f"{len(single)} runs")
    if base_elapsed is not None:
        print(f"baseline: {len(records) / base_elapsed:.1f} documents/s")
    print_cross_validation()
    if not args.no_calibration:
        print_calibration(records)
    if args.show_errors:
        print("\nerrors:")
        for line in ours["errors"]:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
