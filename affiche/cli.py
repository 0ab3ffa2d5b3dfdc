"""The `affiche` command line.

`main(argv)` is separate from argument parsing so tests call it in-process. Every failure a user
can cause ends as one line on stderr and exit code 2 (click's usage errors do the same); a run
that found nothing still exits 0 and says so on stderr.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import sys
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from affiche import __version__
from affiche.errors import AfficheError, InputError

FORMATS = ("text", "json", "ics", "jsonld", "atom")
LANGS = ("fr", "nl", "en")


def parse_reference(value: str | None, timezone: str) -> dt.datetime | None:
    """Read `--reference`: a date (midnight in `timezone`) or an ISO datetime, else InputError."""
    if value is None:
        return None
    zone = ZoneInfo(timezone)
    text = value.strip()
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime(day.year, day.month, day.day, tzinfo=zone)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"--reference {value!r}: not a date; give YYYY-MM-DD or an ISO datetime"
        ) from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def check_timezone(value: str) -> str:
    """Return `value` if it names an IANA time zone, else raise `InputError`."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"--timezone {value!r}: unknown time zone; give an IANA name such as Europe/Brussels"
        ) from None
    return value


class _Group(click.Group):
    """A click group that turns affiche errors into one line and exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an `AfficheError` becomes `affiche: error: …` and its exit code."""
        try:
            return super().invoke(ctx)
        except AfficheError as error:
            click.echo(f"affiche: error: {error}", err=True)
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            ctx.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="affiche")
def cli() -> None:
    """affiche: turn calls to action into events people can find and join."""


@cli.command("extract")
@click.argument("sources", nargs=-1, metavar="SOURCE...")
@click.option("--reference", metavar="DATE",
              help="Reference date (YYYY-MM-DD or ISO datetime) for relative dates; "
                   "default: the date found in the document, else today.")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the text; default: detected.")
@click.option("--timezone", default="Europe/Brussels", show_default=True,
              help="IANA time zone of the events; an event placed in a country with one "
                   "zone of its own (GB, FR, NL…) takes that country's; one in a country "
                   "of several zones, the zone nearest its place (warning zone_guessed).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output: a summary for people, Contract 1 JSON, iCalendar, schema.org JSON-LD "
                   "or Atom.")
@click.option("--jsonl", "jsonl", metavar="FILE|-",
              help="Batch mode (Contract 2): read JSON Lines {id, text, reference?, lang?} and "
                   "write one {id, events} line per input.")
@click.option("--geocoder", type=click.Choice(("offline", "nominatim", "none")), default="offline",
              show_default=True,
              help="Coordinates: the bundled gazetteer (no network), a Nominatim server, or none.")
@click.option("--nominatim-url", metavar="URL",
              help="Base URL of the Nominatim server for --geocoder nominatim.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write to this file instead of standard output.")
@click.option("--budget", type=click.FloatRange(min=0), default=60.0, show_default=True,
              metavar="SECONDS", help="Time budget per document; 0: no limit.")
@click.option("--explain", is_flag=True,
              help="Per event and field: the chosen candidate, the runners-up and the scored "
                   "decisions that decided (instead of --format).")
def extract_command(sources: tuple[str, ...], reference: str | None, lang: str | None,
                    timezone: str, fmt: str, jsonl: str | None, geocoder: str,
                    nominatim_url: str | None, output: IO[str], budget: float,
                    explain: bool = False) -> None:
    """Extract the events of SOURCE (a text file, a page, a PDF, a flyer photo, a URL, a
    directory, or - for standard input)."""
    from affiche import pipeline

    timezone = check_timezone(timezone)
    ref = parse_reference(reference, timezone)
    if geocoder == "nominatim" and not nominatim_url:
        raise InputError("--geocoder nominatim needs --nominatim-url URL")
    options = pipeline.Options(lang=lang, timezone=timezone, geocoder=geocoder,
                               nominatim_url=nominatim_url, budget=budget or None)
    if jsonl is not None and explain:
        raise InputError("--explain reads SOURCE, not --jsonl")
    if jsonl is not None:
        if sources:
            raise InputError("give either SOURCE or --jsonl, not both")
        _run_jsonl(jsonl, ref, options, output)
        return
    if not sources:
        raise InputError("no SOURCE given; pass a file, a URL, a directory or - for stdin")
    if explain:
        from affiche.extract.cli import explain_sources

        explain_sources(list(sources), ref, options, output)
        return
    _run_sources(list(sources), ref, options, fmt, output)


def _run_sources(sources: list[str], reference: dt.datetime | None, options: Any, fmt: str,
                 output: IO[str]) -> None:
    """Extract each source and print them in one format; bad sources are reported, not fatal."""
    from affiche import pipeline, publish

    results, failures, past = [], 0, {}
    for item in pipeline.read_sources(sources, reference, options.timezone):
        if isinstance(item, AfficheError):
            click.echo(f"affiche: error: {item}", err=True)
            failures += 1
            continue
        try:
            events = pipeline.run(item, options)
        except AfficheError as error:  # over its time budget: the other sources still run
            click.echo(f"affiche: error: {error}", err=True)
            failures += 1
            continue
        if not events:
            past[id(item)] = _say_nothing_to_come(item, options)
        results.append((item, events))
    if fmt in ("json",) and len(results) > 1:
        for document, events in results:
            output.write(publish.to_json(document, events, indent=None) + "\n")
    elif fmt in ("ics", "jsonld", "atom"):
        all_events = [event for _, events in results for event in events]
        if results:
            output.write(publish.render(fmt, results[0][0], all_events))
    else:
        chunks = [publish.render(fmt, document, events, past=past.get(id(document)))
                  for document, events in results]
        if chunks:
            output.write(("\n" if fmt == "text" else "").join(chunks))
    if failures:
        raise click.exceptions.Exit(2)


def _say_nothing_to_come(document: Any, options: Any) -> list[Any]:
    """Say on stderr that a document gave no event, or only past ones (and when); those."""
    from affiche import pipeline
    from affiche.publish.describe import moment_words
    from affiche.publish.text import past_summary

    try:
        past = pipeline.past_events(document, options)
    except AfficheError:
        past = []  # over the time budget: no event found is still true
    if not past:
        click.echo(f"affiche: {document.source}: no event found", err=True)
        return past
    days = "; ".join(moment_words(e.start, e.timezone) for e in past[:3]) \
        + ("; …" if len(past) > 3 else "")
    click.echo(f"affiche: {document.source}: no event to come; {past_summary(past)} ({days})",
               err=True)
    return past


def _run_jsonl(path: str, reference: dt.datetime | None, options: Any, output: IO[str]) -> None:
    """Contract 2: one result line per input line, in order; a bad line never stops the run."""
    from affiche import pipeline

    handle = _open_input(path)
    try:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = pipeline.extract_record(line, number, reference, options)
            output.write(json.dumps(record, ensure_ascii=False) + "\n")
            output.flush()
    finally:
        if handle is not sys.stdin:
            handle.close()


def _open_input(path: str) -> IO[str]:
    """Open a text input path or `-`; a missing or unreadable file is an `InputError`."""
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8")  # noqa: SIM115 - closed by the caller
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a JSON Lines file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def _register_optional_commands() -> None:
    """Add the commands whose modules live in their own packages."""
    from affiche.when.cli import when_command

    cli.add_command(when_command, "when")
    __import__("affiche.cli_agenda", fromlist=["register"]).register(cli)
    cli.add_command(importlib.import_module("affiche.cli_web").serve_command, "serve")
    cli.add_command(__import__("affiche.cli_batch", fromlist=["batch_command"]).batch_command)


_register_optional_commands()


def main(argv: list[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]) and return the exit code."""
    try:
        result = cli.main(args=argv, prog_name="affiche", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        click.echo(f"affiche: error: {error.format_message()}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("affiche: aborted", err=True)
        return 1
    except AfficheError as error:
        click.echo(f"affiche: error: {error}", err=True)
        return error.exit_code
    except UnicodeDecodeError as error:
        click.echo(f"affiche: error: input is not UTF-8 text ({error.reason})", err=True)
        return 2
    except Exception as error:  # noqa: BLE001 - a bug must still end in one line, not a dump
        if os.environ.get("AFFICHE_DEBUG"):
            raise
        click.echo(f"affiche: internal error: {type(error).__name__}: {error} "
                   "(set AFFICHE_DEBUG=1 for the traceback, and please report it)", err=True)
        return 70
    return result if isinstance(result, int) else 0
