"""`affiche when`: Contract 3 of DESIGN.md on the command line.

`affiche when "samedi 19 à 14h" --reference 2025-01-13 --lang fr` prints `{"values": [...]}`;
`affiche when --jsonl FILE|-` reads `{"text", "reference", "lang", "locale"}` lines and writes
one `{"values": [...]}` line per input, in order (`"error"` added for a bad line, never stopping).
A reference given as a date is midnight in Europe/Brussels; a naive datetime is read in that
zone too; times are printed in the reference's offset. Without a language (`--lang`, a line's
`lang`), the expression's is detected as `affiche extract` detects a text's (by its words,
French when none tells), and standard error says which was used: stdout stays Contract 3.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any, TextIO

import click

from affiche.errors import AfficheError, InputError

__all__ = ["answer", "read_reference", "when_command", "language_of"]

LANGS = ("fr", "nl", "en")
DEFAULT_LANG = "fr"


def language_of(text: str) -> tuple[str, bool]:
    """The language of an expression and whether it was detected (else the default, French)."""
    from affiche.ingest.language import detect

    found = detect(text, min_hits=1) if isinstance(text, str) else None
    return (found, True) if found in LANGS else (DEFAULT_LANG, False)


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
    lang = lang or language_of(text)[0]
    if lang not in LANGS:
        raise InputError(f"lang {lang!r} is not supported: use fr, nl or en")
    if locale is not None and not isinstance(locale, str):
        raise InputError("field 'locale' must be a string such as fr_BE or en_US")
    return {"values": values(text, read_reference(reference), lang, locale)}


def _jsonl(stream: TextIO, lang: str | None = None) -> None:
    """Answer each Contract 3 line; lines without `lang` take `lang`, else the detected one."""
    detected: dict[str, int] = {}
    for line in stream:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise InputError("each line must be a JSON object")
            line_lang = record.get("lang") or lang
            if not line_lang and isinstance(record.get("text"), str):
                line_lang, _ = language_of(record["text"])
                detected[line_lang] = detected.get(line_lang, 0) + 1
            result = answer(record.get("text"), record.get("reference"), line_lang,
                            record.get("locale"))
        except json.JSONDecodeError as error:
            result = {"values": [],
                      "error": f"not a JSON line: {error.msg} (column {error.colno})"}
        except AfficheError as error:
            result = {"values": [], "error": str(error)}
        except Exception as error:  # noqa: BLE001 - a bad line must never stop the run
            result = {"values": [], "error": f"{type(error).__name__}: {error}"}
        click.echo(json.dumps(result, ensure_ascii=False))
    if detected:
        counts = ", ".join(f"{code} {n}" for code, n in sorted(detected.items()))
        click.echo(f"affiche: when: {sum(detected.values())} line(s) without lang, read in the "
                   f"detected language ({counts})", err=True)


@click.command("when")
@click.argument("expression", required=False)
@click.option("--reference", "-r", help="Reference date or ISO datetime (default: now).")
@click.option("--lang", "-l", help="Language of the expression: fr, nl or en; default: "
              "detected from its words (French when none tells).")
@click.option("--locale", help="Locale for numeric dates (en_US reads month first).")
@click.option("--jsonl", "jsonl", metavar="FILE|-",
              help="Read Contract 3 lines from FILE (or - for stdin), write one line each.")
def when_command(expression: str | None, reference: str | None, lang: str | None,
                 locale: str | None, jsonl: str | None) -> None:
    """Resolve time expressions (Contract 3): one EXPRESSION, or --jsonl lines."""
    if jsonl is not None:
        if expression is not None:
            raise click.UsageError("give either an EXPRESSION or --jsonl, not both")
        if lang is not None and lang not in LANGS:
            raise click.UsageError(f"--lang {lang!r} is not supported: use fr, nl or en")
        if jsonl == "-":
            _jsonl(sys.stdin, lang)
            return
        try:
            with open(jsonl, encoding="utf-8") as handle:
                _jsonl(handle, lang)
        except OSError as error:
            raise click.UsageError(f"cannot read --jsonl {jsonl!r}: {error.strerror}") from error
        return
    if expression is None:
        raise click.UsageError("give an EXPRESSION (e.g. \"samedi 19 à 14h\") or --jsonl FILE")
    if lang is None:
        lang, detected = language_of(expression)
        how = "detected" if detected else "the default: no word of the expression tells"
        click.echo(f"affiche: when: read in {lang} ({how}; --lang to choose)", err=True)
    if lang not in LANGS:
        raise click.UsageError(f"--lang {lang!r} is not supported: use fr, nl or en")
    try:
        result = answer(expression, reference, lang, locale)
    except AfficheError as error:
        raise click.UsageError(str(error)) from error
    click.echo(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    when_command(sys.argv[1:])
