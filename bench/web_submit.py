"""The submit path's speed: time from a paste (or an upload) to the pre-filled form.

Starts `affiche serve` on a free loopback port with a temporary SQLite agenda, then, over HTTP
like a browser: for every text of the dev corpus (../shared/corpus/announcements-dev.jsonl),
POST /submit with the pasted text and wait for the review page; then upload a generated
2-megapixel flyer photo a few times (OCR). Prints p50/p95/max beside the in-process extraction
time of the same texts, so the web's own share is visible. Targets (printed, not asserted):
p95 < 300 ms for text, < 8 s for the photo.

No peer pre-fills a submitted call (Gancio and Mobilizon ask people to type every field), so
there is no peer figure to print beside these.

    nice -n 10 .venv/bin/python bench/web_submit.py [--photos 3] [--limit N]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "announcements-dev.jsonl"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
TEXT_TARGET, PHOTO_TARGET = 0.300, 8.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def _server(folder: str):
    port = _free_port()
    env = {**os.environ, "AFFICHE_SUBMIT_LIMIT": "1000000", "AFFICHE_SECRET_KEY": "bench-" * 8}
    process = subprocess.Popen(
        [sys.executable, "-m", "affiche", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--database", f"sqlite:///{folder}/bench.db"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), .2):
                break
            time.sleep(.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def _records(limit: int | None) -> list[dict]:
    lines = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    return lines[:limit] if limit else lines


def _token(http: httpx.Client) -> str:
    page = http.get("/submit")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def _flyer() -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.new("RGB", (1732, 1155), (252, 250, 244))  # 2.0 megapixels
    draw = ImageDraw.Draw(picture)
    lines = [("GRANDE MARCHE POUR LE CLIMAT", 84), ("Dimanche 23 février 2025 à 13h", 70),
             ("Départ : Gare du Nord, Bruxelles", 60), ("Arrivée : Parc du Cinquantenaire", 60),
             ("Vélos et poussettes bienvenus", 52), ("info@climat-exemple.org", 48)]
    y = 70
    for text, size in lines:
        draw.text((80, y), text, fill=(25, 25, 25), font=ImageFont.truetype(FONT, size))
        y += int(size * 1.75)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=88)
    return out.getvalue()


def _summary(name: str, values: list[float], target: float) -> str:
    values = sorted(values)
    p50 = statistics.median(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    verdict = "meets" if p95 < target else "misses"
    return (f"{name:<34} n={len(values):>4}  p50 {p50 * 1000:8.1f} ms  p95 {p95 * 1000:8.1f} ms"
            f"  max {values[-1] * 1000:8.1f} ms  ({verdict} the p95 target {target * 1000:.0f} ms)")


def main() -> int:
    """Run the bench and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=3, help="photo uploads to time")
    parser.add_argument("--limit", type=int, help="only the first N corpus texts")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"bench/web_submit.py: {CORPUS} is missing (../shared beside the clone)")
        return 2
    from affiche import pipeline

    records = _records(args.limit)
    inprocess, web = [], []
    with tempfile.TemporaryDirectory() as folder, _server(folder) as base, \
            httpx.Client(base_url=base, timeout=120) as http:
        token = _token(http)
        for record in records:
            reference = (record.get("reference") or "")[:10]
            started = time.perf_counter()
            pipeline.extract_text(record["text"], reference=None if not reference else
                                  dt.datetime.fromisoformat(reference + "T00:00:00+01:00"))
            inprocess.append(time.perf_counter() - started)
            started = time.perf_counter()
            answer = http.post("/submit", data={"csrf": token, "action": "extract",
                                                "text": record["text"], "reference": reference})
            web.append(time.perf_counter() - started)
            if answer.status_code != 200:
                print(f"  {record.get('id')}: HTTP {answer.status_code}")
        photos = []
        if args.photos:
            flyer = _flyer()
            for _ in range(args.photos):
                started = time.perf_counter()
                answer = http.post("/submit", data={"csrf": token, "action": "extract"},
                                   files={"file": ("flyer.jpg", flyer, "image/jpeg")})
                photos.append(time.perf_counter() - started)
                if answer.status_code != 200:
                    print(f"  photo: HTTP {answer.status_code}")
    print(f"submit path, {len(records)} dev-corpus texts, affiche serve on loopback "
          f"({os.cpu_count()} cores)")
    print(_summary("paste → pre-filled form (HTTP)", web, TEXT_TARGET))
    print(_summary("  of which extraction in process", inprocess, TEXT_TARGET))
    if photos:
        print(_summary("2 MP flyer photo → form (OCR)", photos, PHOTO_TARGET))
    print("peers: none pre-fill a submission (Gancio, Mobilizon: typed by hand); no figure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
