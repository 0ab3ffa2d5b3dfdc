"""Batch extraction of many documents on Dask: `run(inputs, out, config) -> Outcome`.

`affiche batch INPUT… --out OUT` reads any mix of directories, text/HTML/PDF/image files,
Contract 2 JSON Lines and WARC files, runs `affiche.pipeline` over them in partitions on a Dask
cluster (a local one, or a scheduler's), and streams the events to a Parquet file of a fixed
schema (`schema.SCHEMA`) or to Contract 2 JSON Lines. Modules: `sources` (inputs → units →
partitions), `work` (what a worker does), `output` (the sinks, resume), `dedupe`, `progress`,
`runner` (the driver). See docs/scale.md for running it at crawl scale.
"""

from __future__ import annotations

from affiche.batch.runner import Config, Outcome, connect, run
from affiche.batch.schema import SCHEMA

__all__ = ["Config", "Outcome", "SCHEMA", "connect", "run"]
