"""`affiche batch`: extract many documents on Dask into Parquet or JSON Lines."""

from __future__ import annotations

import click

from affiche.cli import check_timezone, parse_reference
from affiche.errors import InputError

__all__ = ["batch_command"]


def _format_of(fmt: str | None, out: str) -> str:
    """The output format: as given, else from OUT's name (`.jsonl`/`.ndjson`), else Parquet."""
    if fmt:
        return fmt
    return "jsonl" if out.lower().endswith((".jsonl", ".ndjson", ".json")) else "parquet"


def _listed(path: str | None) -> list[str]:
    """The inputs named in a list file, one a line (blank lines and `#` comments skipped)."""
    if path is None:
        return []
    try:
        with open(path, encoding="utf-8") as handle:
            return [line.strip() for line in handle
                    if line.strip() and not line.lstrip().startswith("#")]
    except FileNotFoundError:
        raise InputError(f"--input-list {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"--input-list {path}: cannot be read ({error})") from None


@click.command("batch")
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("--input-list", "input_list", metavar="FILE",
              help="Read more INPUTs from FILE, one a line (a crawl's list of WARC URLs).")
@click.option("--out", "out", required=True, metavar="OUT",
              help="The output file (Parquet, or JSON Lines with --format jsonl).")
@click.option("--format", "fmt", type=click.Choice(("parquet", "jsonl")),
              help="Output format; default: jsonl when OUT ends in .jsonl, else parquet.")
@click.option("--workers", type=int, default=None, metavar="N",
              help="Worker processes of the local cluster; default: the number of cores.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Run on this Dask scheduler's workers instead of a local cluster "
                   "(the workers must see the INPUT paths).")
@click.option("--reference", metavar="DATE",
              help="Reference date (YYYY-MM-DD or ISO datetime) of every document (a JSON "
                   "line's own `reference` still wins); default: each document's own date "
                   "(a file name's, a page's, a WARC capture's), else today.")
@click.option("--lang", type=click.Choice(("fr", "nl", "en")),
              help="Language of every document; default: detected per document.")
@click.option("--timezone", default="Europe/Brussels", show_default=True, metavar="ZONE",
              help="IANA time zone of the events.")
@click.option("--geocoder", type=click.Choice(("offline", "none")), default="offline",
              show_default=True, help="Coordinates from the bundled gazetteer, or none.")
@click.option("--resume", is_flag=True,
              help="Continue OUT: skip the documents it already holds.")
@click.option("--overwrite", is_flag=True, help="Replace OUT if it exists.")
@click.option("--dedupe", is_flag=True,
              help="Merge the same event found in several documents into one row listing "
                   "all its sources.")
@click.option("--into-agenda", "into_agenda", is_flag=True,
              help="Also store the events found as pending events of the agenda.")
@click.option("--database", metavar="URL", default=None,
              help="The agenda's database for --into-agenda; default sqlite:///affiche.db.")
@click.option("--partition-size", type=int, default=100, show_default=True, metavar="N",
              help="Documents per Dask task.")
@click.option("--whole-warc", "whole_warc", is_flag=True,
              help="One task per WARC file, read from end to end by a worker (for a crawl: "
                   "the driver does not read the archives). WARC URLs (s3://…) are always "
                   "read so, through fsspec.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar; default: when standard error is a terminal.")
def batch_command(inputs: tuple[str, ...], input_list: str | None, out: str, fmt: str | None,
                  workers: int | None, scheduler: str | None, reference: str | None,
                  lang: str | None, timezone: str, geocoder: str, resume: bool,
                  overwrite: bool, dedupe: bool, into_agenda: bool, database: str | None,
                  partition_size: int, whole_warc: bool, progress: bool | None) -> None:
    """Extract the events of many documents (directories, text/HTML/PDF/image files, JSON
    Lines {id, text, reference?, lang?}, WARC files) on Dask, into OUT."""
    from affiche import pipeline
    from affiche.batch import Config, run

    timezone = check_timezone(timezone)
    if scheduler and workers is not None:
        raise InputError("--workers starts a local cluster; with --scheduler the cluster's "
                         "own workers are used: give one or the other")
    if database and not into_agenda:
        raise InputError("--database is the agenda's, for --into-agenda; add --into-agenda")
    if resume and overwrite:
        raise InputError("give --resume or --overwrite, not both")
    config = Config(
        fmt=_format_of(fmt, out), scheduler=scheduler,
        reference=parse_reference(reference, timezone),
        options=pipeline.Options(lang=lang, timezone=timezone, geocoder=geocoder),
        resume=resume, overwrite=overwrite, dedupe=dedupe,
        database=(database or "sqlite:///affiche.db") if into_agenda else None,
        partition_size=partition_size, whole_warc=whole_warc, progress=progress,
    )
    if workers is not None:
        config.workers = workers
    outcome = run([*inputs, *_listed(input_list)], out, config)
    click.echo(outcome.summary, err=True)
    if outcome.interrupted:
        raise click.exceptions.Exit(130)
