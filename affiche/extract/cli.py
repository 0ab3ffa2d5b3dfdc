"""The `--explain` view of `affiche extract`, kept beside the stages it explains."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

import click

from affiche.errors import AfficheError

__all__ = ["explain_sources"]


def explain_sources(sources: list[str], reference: dt.datetime | None, options: Any,
                    output: IO[str]) -> None:
    """Explain the extraction of each source; bad sources are reported, not fatal."""
    from affiche import pipeline
    from affiche.extract import explain
    from affiche.ingest.language import detect

    failures = 0
    for document in pipeline.read_sources(sources, reference, options.timezone):
        if isinstance(document, AfficheError):
            click.echo(f"affiche: error: {document}", err=True)
            failures += 1
            continue
        lang = options.lang or document.language or detect(document.text) or "fr"
        document.language = lang
        document.timezone = options.timezone
        output.write(explain.explain(document, lang,
                                     pipeline.reference_of(document, options.timezone)))
    if failures:
        raise click.exceptions.Exit(2)
