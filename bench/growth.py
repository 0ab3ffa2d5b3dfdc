"""Growth bench: how the cost of `affiche extract` grows with the length of one pasted text.

Builds, at run time, texts of 10 kB, 100 kB, 1 MB and 5 MB of varied calls: the texts of
../shared/corpus/announcements-dev.jsonl, shuffled (a new order on each pass) and joined by
blank lines, cut at the size. Each size runs in a fresh subprocess (so its peak memory is its
own): read as standard input is (`affiche.ingest.read_text`), extracted and resolved
(`affiche.pipeline.run`, no time budget), after a warm-up on a short text that loads the
language data and the gazetteer. Prints wall and CPU seconds, milliseconds per kB and the
peak resident memory (ru_maxrss) of each run, the spread of time per kB, and the targets of
issue 15 (1 MB under 10 s and 500 MB; time per kB flat within 2x from 10 kB to 5 MB). In the
same run, the peer: dateparser's `search_dates` (dates only, no places or events) on the
10 kB and 100 kB texts (warm, languages fr, nl, en). A last pair of rows times the worst shape
for one pass: one sentence repeated (one event told thousands of times).

The machine is shared: run it under `nice`; CPU seconds are steadier than wall seconds there.

Usage: python bench/growth.py [--sizes 10k,100k,1M,5M] [--corpus PATH] [--no-peer]
                              [--timeout SECONDS] [--repeated-limit 1M]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "announcements-dev.jsonl"
REFERENCE = "2025-01-13"
PEER_LIMIT = 100_000  # characters: dateparser on more takes minutes

_CHILD = r"""
import datetime as dt, json, resource, sys, time
from zoneinfo import ZoneInfo
from affiche import ingest, pipeline
path, reference, what = sys.argv[1], sys.argv[2], sys.argv[3]
moment = dt.datetime.fromisoformat(reference).replace(tzinfo=ZoneInfo("Europe/Brussels"))
text = open(path, encoding="utf-8").read()
options = pipeline.Options(budget=None)
if what == "affiche":
    warm = ingest.read_text("Rassemblement samedi 18 janvier à 14h, place Flagey à Ixelles.",
                            reference=moment)
    pipeline.run(warm, options)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    document = ingest.read_text(text, reference=moment)
    events = pipeline.run(document, options)
    count = len(events)
else:
    from dateparser.search import search_dates
    search_dates("Rassemblement samedi 18 janvier à 14h.", languages=["fr", "nl", "en"])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    count = len(search_dates(text, languages=["fr", "nl", "en"],
                             settings={"RELATIVE_BASE": moment.replace(tzinfo=None)}) or [])
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"wall": wall, "cpu": cpu, "events": count, "peak_kb": peak,
                  "start_kb": before}))
"""


def parse_size(value: str) -> int:
    """'10k' → 10 000, '1M' → 1 000 000 characters."""
    value = value.strip()
    scale = {"k": 1_000, "K": 1_000, "M": 1_000_000}.get(value[-1:], 1)
    return int(float(value[:-1] if scale != 1 else value) * scale)


def build_text(texts: list[str], size: int, seed: int = 15) -> str:
    """Varied calls joined by blank lines up to `size` characters, a new order on each pass."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        order = texts[:]
        rng.shuffle(order)
        for text in order:
            parts.append(text)
            length += len(text) + 3
            if length >= size:
                break
    return "\n\n\n".join(parts)[:size]


def _repeated(size: int) -> str:
    """One sentence of a call of our own, repeated to `size` characters."""
    sentence = ("Rassemblement samedi 18 janvier à 14h devant le centre fermé, rue de la Loi 16, "
                "1000 Bruxelles. ")
    return (sentence * (size // len(sentence) + 1))[:size]


def measure(text: str, what: str, timeout: float | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its figures as a dict."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as handle:
        handle.write(text)
        handle.flush()
        try:
            done = subprocess.run([sys.executable, "-c", _CHILD, handle.name, REFERENCE, what],
                                  capture_output=True, text=True, check=False, cwd=ROOT,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"timeout": timeout}
    if done.returncode != 0:
        raise SystemExit(f"growth: {what} failed on {len(text)} characters:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Print the growth table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1M,5M")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-peer", action="store_true", help="skip dateparser")
    parser.add_argument("--timeout", type=float, help="give up on a size after this many s")
    parser.add_argument("--repeated-limit", type=parse_size, default=1_000_000,
                        help="also time one sentence repeated, up to this size (0: not)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"growth: {args.corpus}: no such corpus", file=sys.stderr)
        return 2
    texts = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8")
             if line.strip()]
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    print(f"growth of affiche extract on varied calls ({len(texts)} dev texts, shuffled)")
    header = f"{'size':>8} {'events':>7} {'wall s':>8} {'cpu s':>8} {'cpu ms/kB':>10} " \
             f"{'peak MB':>8} {'+MB':>6}"
    rows: list[tuple[int, dict[str, Any]]] = []
    print(f"{'tool':<11}{header}")
    for size in sizes:
        figures = measure(build_text(texts, size), "affiche", args.timeout)
        if "timeout" not in figures:
            rows.append((size, figures))
        print(f"{'affiche':<11}{_row(size, figures)}", flush=True)
    # the worst shape for one pass over the text: one call told again and again (one event
    # with thousands of mentions)
    for size in [s for s in sizes if s <= args.repeated_limit]:
        figures = measure(_repeated(size), "affiche", args.timeout)
        print(f"{'1 call ×n':<11}{_row(size, figures)}", flush=True)
    if not args.no_peer:
        for size in [s for s in sizes if s <= PEER_LIMIT]:
            figures = measure(build_text(texts, size), "peer", args.timeout)
            print(f"{'dateparser':<11}{_row(size, figures)}", flush=True)
    per_kb = [f["cpu"] / (s / 1000) for s, f in rows]
    if len(per_kb) > 1:
        print(f"time per kB (cpu): {min(per_kb) * 1000:.1f}–{max(per_kb) * 1000:.1f} ms, "
              f"spread {max(per_kb) / min(per_kb):.2f}x (target: within 2x)")
    for size, figures in rows:
        if size == 1_000_000:
            print(f"1 MB: {figures['wall']:.1f} s wall, {figures['cpu']:.1f} s cpu, "
                  f"peak {figures['peak_kb'] / 1024:.0f} MB (target: under 10 s and 500 MB)")
    return 0


def _row(size: int, figures: dict[str, Any]) -> str:
    """One line of the table."""
    label = f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1000} kB"
    if "timeout" in figures:
        return f"{label:>8}  still running after {figures['timeout']:g} s: stopped"
    return (f"{label:>8} {figures['events']:>7} {figures['wall']:>8.2f} {figures['cpu']:>8.2f} "
            f"{figures['cpu'] / (size / 1000) * 1000:>10.2f} {figures['peak_kb'] / 1024:>8.0f} "
            f"{(figures['peak_kb'] - figures['start_kb']) / 1024:>6.0f}")


if __name__ == "__main__":
    sys.exit(main())
