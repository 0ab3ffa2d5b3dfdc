"""Throughput of `affiche batch` on Dask: 1 and 2 workers against a plain in-process loop.

Makes N documents by repeating the dev corpus (../shared/corpus/announcements-dev.jsonl) with
varied ids, then times, on the same JSON Lines file:
  - a plain loop in this process (the same partitions and Parquet writing, without Dask),
  - `affiche.batch.run` on a local cluster of 1 worker, then of 2 workers,
and prints documents/s, the 2-worker speed-up (target >= 1.8x), the Dask overhead with one
worker (target within 15 %), each worker's peak memory (target < 400 MB) and whether the
output row counts are exact. Printed, never asserted. The machine load (1-minute average) is
printed before and after, since other programs share the cores.

    .venv/bin/python bench/batch.py [--documents 20000] [--partition-size 100]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from affiche import pipeline
from affiche.batch import Config, connect, run
from affiche.batch.output import ParquetSink
from affiche.batch.sources import Scan, partitions, scan
from affiche.batch.work import Preload, Task, cpu_seconds, peak_memory, run_partition

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "announcements-dev.jsonl"


def make_documents(path: Path, count: int) -> int:
    """Write `count` Contract 2 lines cycling through the dev corpus; the corpus size."""
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            base = records[number % len(records)]
            line = {"id": f"{base['id']}#{number // len(records):04d}", "text": base["text"]}
            for key in ("reference", "lang"):
                if base.get(key):
                    line[key] = base[key]
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(records)


def _boilerplate(kilobytes: int) -> tuple[str, str]:
    """Navigation and footer of about `kilobytes` KB, as pages of real sites carry."""
    if kilobytes <= 0:
        return "<a href='/'>Accueil</a> <a href='/agenda'>Agenda</a>", "© collectif"
    links = "".join(f"<li><a href='/rubrique/{n}'>Rubrique {n} du site</a></li>"
                    for n in range(kilobytes * 8))
    notes = "".join(f"<p>Mentions légales, partenaires et archives du mois {n}.</p>"
                    for n in range(kilobytes * 4))
    return f"<ul>{links}</ul>", notes


def make_warc(path: Path, count: int, padding_kb: int = 0) -> None:
    """A gzip WARC of `count` HTML pages made of the dev corpus texts (one <p> a paragraph)."""
    import html
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    nav, footer = _boilerplate(padding_kb)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number in range(count):
            base = records[number % len(records)]
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in base["text"].split("\n")
                                 if p.strip())
            title = html.escape(base["text"].split("\n", 1)[0][:80])
            page = (f"<!doctype html><html><head><title>{title}</title></head><body><nav>"
                    f"{nav}</nav><article>{paragraphs}</article><footer>{footer}</footer>"
                    f"</body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://example.org/{base['id']}/{number}", "response",
                payload=io.BytesIO(page.encode("utf-8")), http_headers=headers)
            writer.write_record(record)


def warc_rate(path: Path) -> tuple[float, int, float]:
    """HTML pages of a WARC file read by the worker code in this process: (seconds, pages,
    CPU seconds)."""
    Preload().setup()
    started, cpu = time.perf_counter(), time.process_time()
    units = tuple(scan([str(path)], Scan(), whole_warc=True))
    result = run_partition(Task(units, "parquet", pipeline.Options()))
    return time.perf_counter() - started, result.documents, time.process_time() - cpu


def plain_loop(source: Path, out: Path, size: int) -> tuple[float, int, float]:
    """The same partitions and Parquet output, run in this process: (seconds, documents,
    CPU seconds)."""
    Preload().setup()
    started = time.perf_counter()
    cpu = time.process_time()
    sink = ParquetSink(out, resume=False)
    documents = 0
    try:
        for part in partitions(scan([str(source)], Scan()), size, 1):
            result = run_partition(Task(tuple(part), "parquet", pipeline.Options()))
            sink.write(result.payload)
            documents += result.documents
    finally:
        sink.close()
    return time.perf_counter() - started, documents, time.process_time() - cpu


def on_dask(source: Path, out: Path, workers: int, size: int) -> dict[str, float]:
    """One run on a local cluster of `workers`: start-up, processing time, peak memory."""
    began = time.perf_counter()
    with connect(None, workers) as client:
        client.wait_for_workers(workers)
        client.register_plugin(Preload(), name=Preload.name)  # tables loaded, as in plain_loop
        ready = time.perf_counter()
        cpu_before = client.run(cpu_seconds)
        config = Config(workers=workers, partition_size=size, progress=False, overwrite=True)
        outcome = run([str(source)], out, config, client=client)
        processed = time.perf_counter()
        peaks = client.run(peak_memory)
        cpu_after = client.run(cpu_seconds)
    cpu = sum(cpu_after[w] - cpu_before.get(w, 0.0) for w in cpu_after)
    return {"cpu": cpu, "startup": ready - began, "seconds": processed - ready,
            "total": time.perf_counter() - began, "documents": outcome.counts.documents,
            "events": outcome.counts.events, "errors": outcome.counts.errors,
            "peak_mb": max(peaks.values()) / 2**20}


def row_keys(path: Path) -> set[tuple[str, int | None]]:
    """The (document id, event index) pairs of an output."""
    table = pq.read_table(path, columns=["doc_id", "event_index"])
    return set(zip(table.column("doc_id").to_pylist(), table.column("event_index").to_pylist(),
                   strict=True))


def main() -> int:
    """Run the bench and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--partition-size", type=int, default=100)
    parser.add_argument("--page-padding-kb", type=int, default=0,
                        help="navigation and footer added to each WARC page (KB)")
    parser.add_argument("--pages", type=int, default=None,
                        help="HTML pages in the WARC (default: documents / 10, 100 to 2000)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"bench/batch.py: {CORPUS} not found (../shared beside the clone)", file=sys.stderr)
        return 2
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="affiche-bench-batch-") as folder:
        root = Path(folder)
        source = root / "documents.jsonl"
        corpus = make_documents(source, args.documents)
        print(f"{args.documents} documents from {corpus} of the dev corpus, partitions of "
              f"{args.partition_size}; {os.cpu_count()} cores, load average "
              f"{load_before[0]:.2f} (1 min) {load_before[1]:.2f} (5 min)")
        plain_s, plain_docs, plain_cpu = plain_loop(source, root / "plain.parquet",
                                                    args.partition_size)
        plain_rows = row_keys(root / "plain.parquet")
        print(f"  plain loop, in process : {plain_docs / plain_s:7.1f} docs/s "
              f"({plain_s:.1f} s, {len(plain_rows)} rows; "
              f"{plain_docs / plain_cpu:.1f} docs per CPU second)")
        results = {}
        for workers in (1, 2):
            out = root / f"dask{workers}.parquet"
            result = on_dask(source, out, workers, args.partition_size)
            results[workers] = result
            exact = row_keys(out) == plain_rows and pq.ParquetFile(out).metadata.num_rows == len(
                plain_rows)
            print(f"  dask, {workers} worker{'s' if workers > 1 else ' '}       : "
                  f"{result['documents'] / result['seconds']:7.1f} docs/s "
                  f"({result['seconds']:.1f} s after a {result['startup']:.1f} s cluster start; "
                  f"{result['events']} events, {result['errors']} errors; "
                  f"{result['documents'] / result['cpu']:.1f} docs per worker CPU second), "
                  f"peak memory per "
                  f"worker {result['peak_mb']:.0f} MB, rows "
                  f"{'exact' if exact else 'DIFFER from the plain loop'}")
        one, two = results[1], results[2]
        speedup = (two["documents"] / two["seconds"]) / (one["documents"] / one["seconds"])
        overhead = one["seconds"] / plain_s - 1
        overhead_total = one["total"] / plain_s - 1
        peak = max(one["peak_mb"], two["peak_mb"])
        print(f"  speed-up 2 vs 1 worker : {speedup:.2f}x  (target >= 1.8x)")
        print(f"  dask overhead, 1 worker: {overhead * 100:+.1f} % of the plain loop, "
              f"{overhead_total * 100:+.1f} % counting the cluster start  (target within 15 %)")
        print(f"  peak memory per worker : {peak:.0f} MB  (target < 400 MB)")
        pages = args.pages or max(100, min(2000, args.documents // 10))
        make_warc(root / "pages.warc.gz", pages, args.page_padding_kb)
        size = (root / "pages.warc.gz").stat().st_size
        warc_s, warc_pages, warc_cpu = warc_rate(root / "pages.warc.gz")
        print(f"  HTML pages from a WARC : {warc_pages / warc_s:7.1f} pages/s in process "
              f"({warc_pages} pages, +{args.page_padding_kb} KB of navigation each, "
              f"{size / 2**20:.1f} MB gzip; {warc_pages / warc_cpu:.1f} per CPU second, "
              f"{warc_cpu / warc_pages * 1000:.1f} ms a page)")
        print(f"  per-core rate          : {plain_docs / plain_s:.1f} documents/s wall, "
              f"{plain_docs / plain_cpu:.1f} per CPU second")
        print(f"  CPU per document       : {plain_cpu / plain_docs * 1000:.1f} ms in process, "
              f"{one['cpu'] / one['documents'] * 1000:.1f} ms (1 worker), "
              f"{two['cpu'] / two['documents'] * 1000:.1f} ms (2 workers)")
    load_after = os.getloadavg()
    print(f"load average after: {load_after[0]:.2f} (1 min) {load_after[1]:.2f} (5 min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
