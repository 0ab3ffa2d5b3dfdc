"""Agenda web bench: latency and throughput of the public routes with many published events.

Builds a SQLite agenda of `--events` published events (default 10,000; generated, kept in
bench/out/ and reused while the count matches, `--fresh` rebuilds), starts `affiche serve` in a
subprocess on a free loopback port, and loads each route from this second process with
`--concurrency` threads (httpx, keep-alive, gzip accepted as calendar apps do) for `--seconds`
(default 30) per route: the home page, an event page (a different event each request), the full
ICS feed, the JSON feed of 20 events (Gancio's figure) and the full JSON feed. Prints p50/p95
latency, requests/s, errors and response sizes beside Gancio's figures from
../shared/notes/peers.md, and the agenda's targets. Nothing is asserted.

Usage: python bench/web.py [--events N] [--seconds S] [--concurrency C] [--fresh]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from affiche.model import Contact, Event, MeetingPoint, Place, Transport  # noqa: E402

OUT = ROOT / "bench" / "out"
ZONE = ZoneInfo("Europe/Brussels")
TOWNS = [("Bruxelles", "1000", 50.8467, 4.3525), ("Gent", "9000", 51.0543, 3.7174),
         ("Liège", "4000", 50.6326, 5.5797), ("Antwerpen", "2000", 51.2194, 4.4025),
         ("Namur", "5000", 50.4674, 4.8718), ("Leuven", "3000", 50.8798, 4.7005),
         ("Charleroi", "6000", 50.4108, 4.4446), ("Brugge", "8000", 51.2093, 3.2247),
         ("Mons", "7000", 50.4542, 3.9567), ("Hasselt", "3500", 50.9307, 5.3325)]
KINDS = ["rally", "demonstration", "march", "vigil", "meeting", "assembly", "concert",
         "workshop", "screening", "party", "strike", "action"]
WORDS = ["climat", "logement", "solidarité", "vrede", "school", "housing", "transport", "zorg",
         "justice", "migration", "santé", "cultuur", "fietsen", "women", "pensioenen"]
# Gancio 1.21, 10,000 events, concurrency 8 (../shared/notes/peers.md); 1,000 where 10,000 is
# not given. (p50 ms, p95 ms, req/s, size)
GANCIO = {
    "home": ("10,000", "25,402", "–", "0.3", "3.6 MB"),
    "event": ("10,000", "9,086", "–", "0.9", "3.0 MB"),
    "ics": ("10,000", "19,600", "–", "–", "– (1.5 MB at 1,000)"),
    "json20": ("1,000", "44", "65", "180", "7 kB"),
    "json": ("–", "–", "–", "–", "–"),
}


def make_event(number: int, rng: random.Random, today: dt.date) -> Event:
    """One varied published event: a town, a kind, a start within the next year."""
    town, postcode, lat, lon = TOWNS[number % len(TOWNS)]
    day = today + dt.timedelta(days=1 + rng.randrange(365))
    start = dt.datetime(day.year, day.month, day.day, rng.choice([10, 14, 18, 19, 20]),
                        rng.choice([0, 30]), tzinfo=ZONE)
    kind = KINDS[number % len(KINDS)]
    subject = " ".join(rng.sample(WORDS, 2))
    event = Event(
        title=f"{kind.capitalize()} {subject} #{number}", kind=kind, start=start,
        end=start + dt.timedelta(hours=2), timezone="Europe/Brussels",
        place=Place(name=f"Place {number % 97}", street=f"Rue {number % 53} {number % 120 + 1}",
                    postcode=postcode, locality=town, country="BE",
                    lat=lat + rng.uniform(-0.02, 0.02), lon=lon + rng.uniform(-0.02, 0.02),
                    precision="address"),
        language=["fr", "nl", "en"][number % 3], organisers=[f"Collectif {number % 41}"],
        contacts=[Contact("email", f"contact{number % 41}@example.org")],
        description=f"Appel {number}: {subject}. " * 3,
    )
    if number % 2:
        event.meeting_points.append(MeetingPoint(role="group_departure",
                                                 time=start - dt.timedelta(minutes=45),
                                                 place=Place(name=f"Gare de {town}",
                                                             locality=town)))
        event.transport.append(Transport(mode="train", origin="Bruxelles-Midi",
                                         destination=town, departs=start - dt.timedelta(hours=1)))
    return event


def build(path: Path, count: int, fresh: bool) -> list[str]:
    """The agenda database of `count` published events (reused when already built)."""
    from affiche.store import Filters, Store

    marker = path.with_suffix(".count")
    if fresh or not path.exists() or marker.read_text().strip() != f"{count} {dt.date.today()}":
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
        started = time.perf_counter()
        store = Store(f"sqlite:///{path}")
        rng = random.Random(7)
        today = dt.date.today()
        for number in range(count):
            store.add(make_event(number, rng, today), status="published", actor="bench")
        store.close()
        marker.write_text(f"{count} {dt.date.today()}")
        print(f"built {count} events in {time.perf_counter() - started:.0f} s ({path})")
    store = Store(f"sqlite:///{path}")
    items, total = store.list(Filters(), limit=500)
    store.close()
    print(f"agenda: {total} upcoming published events")
    return [item.slug for item in items]


def load(base: str, paths: list[str], seconds: float, concurrency: int) -> dict[str, Any]:
    """Requests from `concurrency` threads for `seconds`; latencies, errors and sizes."""
    import httpx

    latencies: list[float] = []
    sizes: list[int] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60, headers={"Accept-Encoding": "gzip"}) as c:
            while time.perf_counter() < stop:
                path = rng.choice(paths)
                begin = time.perf_counter()
                try:
                    # The bytes as sent, not decompressed: the load process must not be the
                    # bottleneck (a calendar app inflates its feed once, not 200 times a second).
                    with c.stream("GET", path) as answer:
                        size = sum(len(chunk) for chunk in answer.iter_raw())
                        ok = answer.status_code == 200
                except httpx.HTTPError:
                    ok, size = False, 0
                took = time.perf_counter() - begin
                with lock:
                    latencies.append(took)
                    sizes.append(size if ok else 0)
                    if not ok:
                        errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"n": len(latencies), "rps": len(latencies) / elapsed, "errors": errors[0],
            "p50": 1000 * statistics.median(latencies) if latencies else float("nan"),
            "p95": 1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else
            float("nan"),
            "size": statistics.median(sizes) if sizes else 0}


def _size(value: float) -> str:
    return f"{value / 1e6:.1f} MB" if value >= 1e6 else f"{value / 1e3:.1f} kB"


def main(argv: list[str] | None = None) -> int:
    """Build, serve, load each route, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--fresh", action="store_true", help="rebuild the agenda database")
    parser.add_argument("--routes", help="comma-separated subset: home,event,ics,json20,json")
    args = parser.parse_args(argv)
    import httpx

    from tests.browser.agenda_server import serve

    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / f"web-{args.events}.db"
    slugs = build(database, args.events, args.fresh)
    routes = [("home", "home page /", ["/"]),
              ("event", "event page", [f"/events/{slug}" for slug in slugs]),
              ("ics", "full ICS feed", ["/events.ics"]),
              ("json20", "JSON, 20 events", ["/events.json?limit=20"]),
              ("json", "full JSON feed", ["/events.json"])]
    if args.routes:
        wanted = set(args.routes.split(","))
        routes = [route for route in routes if route[0] in wanted]
    print(f"load: {args.concurrency} threads, {args.seconds:.0f} s per route, loopback, "
          f"keep-alive, gzip accepted; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    with serve(f"sqlite:///{database}") as base:
        cold = {}
        with httpx.Client(base_url=base, timeout=120, headers={"Accept-Encoding": "gzip"}) as c:
            for key, _, paths in routes:
                begin = time.perf_counter()
                answer = c.get(paths[0])
                cold[key] = (1000 * (time.perf_counter() - begin), answer.status_code,
                             len(answer.content))
        results = {key: load(base, paths, args.seconds, args.concurrency)
                   for key, _, paths in routes}
    header = (f"{'route':<17} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6} "
              f"{'size':>9} {'first':>9} | Gancio 1.21: {'events':>6} {'p50 ms':>7} "
              f"{'p95 ms':>6} {'req/s':>5}  size")
    print(header)
    print("-" * len(header))
    for key, label, _ in routes:
        r = results[key]
        first, _, raw = cold[key]
        g = GANCIO[key]
        print(f"{label:<17} {r['rps']:>7.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['errors']:>6} "
              f"{_size(r['size']):>9} {first:>7.0f}ms | {g[0]:>19} {g[1]:>7} {g[2]:>6} "
              f"{g[3]:>5}  {g[4]}")
    print(f"(size: the body sent, gzip where it helps; first: the first request, before the "
          f"feed cache; uncompressed full ICS {_size(cold['ics'][2])})")
    print("targets (issue 11, 10,000 events): p95 < 50 ms for pages and < 300 ms for the full "
          "ICS feed at >= 200 req/s, zero errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
