"""`affiche when`: Contract 3 of DESIGN.md on the command line.

`affiche when "samedi 19 à 14h" --reference 2025-01-13 --lang fr` prints `{"values": [...]}`;
`affiche when --jsonl FILE|-` reads `{"text", "reference", "lang", "locale"}` lines and writes
one `{"values": [...]}` line per input, in order (`"error"` added for a bad line, never stopping).
A reference given as a date is midnight in Europe/Brussels; a naive datetime is read in that
zone too; times are printed in the reference's offset.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any, TextIO

import click

from affiche.errors import AfficheError, InputError

__all__ = ["answer", "read_reference", "when_command"]

LANGS = ("fr", "nl", "en")


def read_reference(text: str | None) -> dt.datetime:
    """A reference datetime from a date or ISO datetime; now (Europe/Brussels) when absent."""
    from affiche.when import _default_zone

    zone = _default_zone()
    if text is None or text == "":
        return dt.datetime.now(zone).replace(microsecond=0)
    value = str(text).strip()
    try:
        if len(value) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), zone)
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise InputError(f"reference {text!r} is not a date or ISO datetime: "
                         f"use e.g. 2025-01-13 or 2025-01-13T10:00:00+01:00") from error
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def answer(text: Any, reference: Any, lang: Any, locale: Any = None) -> dict[str, Any]:
    """The Contract 3 answer for one expression: {"values": [...]}."""
    from affiche.when import values

    if not isinstance(text, str):
        raise InputError("field 'text' must be a string")
    lang = lang or "fr"
    if lang not in LANGS:
        raise InputError(f"lang {lang!r} is not supported: use fr, nl or en")
    if locale is not None and not isinstance(locale, str):
        raise InputError("field 'locale' must be a string such as fr_BE or en_US")
    return {"values": values(text, read_reference(reference), lang, locale)}


def _jsonl(stream: TextIO) -> None:
    for line in stream:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise InputError("each line must be a JSON object")
            result = answer(record.get("text"), record.get("reference"), record.get("lang"),
                            record.get("locale"))
        except json.JSONDecodeError as error:
            result = {"values": [],
                      "error": f"not a JSON line: {error.msg} (column {error.colno})"}
        except AfficheError as error:
            result = {"values": [], "error": str(error)}
        except Exception as error:  # noqa: BLE001 - a bad line must never stop the run
            result = {"values": [], "error": f"{type(error).__name__}: {error}"}
        click.echo(json.dumps(result, ensure_ascii=False))


@click.command("when")
@click.argument("expression", required=False)
@click.option("--reference", "-r", help="Reference date or ISO datetime (default: now).")
@click.option("--lang", "-l", default="fr", show_default=True,
              help="Language of the expression: fr, nl or en.")
@click.option("--locale", help="Locale for numeric dates (en_US reads month first).")
@click.option("--jsonl", "jsonl", metavar="FILE|-",
              help="Read Contract 3 lines from FILE (or - for stdin), write one line each.")
def when_command(expression: str | None, reference: str | None, lang: str, locale: str | None,
                 jsonl: str | None) -> None:
    """Resolve time expressions (Contract 3): one EXPRESSION, or --jsonl lines."""
    if jsonl is not None:
        if expression is not None:
            raise click.UsageError("give either an EXPRESSION or --jsonl, not both")
        if jsonl == "-":
            _jsonl(sys.stdin)
            return
        try:
            with open(jsonl, encoding="utf-8") as handle:
                _jsonl(handle)
        except OSError as error:
            raise click.UsageError(f"cannot read --jsonl {jsonl!r}: {error.strerror}") from error
        return
    if expression is None:
        raise click.UsageError("give an EXPRESSION (e.g. \"samedi 19 à 14h\") or --jsonl FILE")
    if lang not in LANGS:
        raise click.UsageError(f"--lang {lang!r} is not supported: use fr, nl or en")
    try:
        result = answer(expression, reference, lang, locale)
    except AfficheError as error:
        raise click.UsageError(str(error)) from error
    click.echo(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    when_command(sys.argv[1:])
