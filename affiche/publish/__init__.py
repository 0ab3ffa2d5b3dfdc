"""Publish events: JSON (Contract 1), iCalendar, schema.org JSON-LD, Atom and a text summary.

`render(fmt, document, events)` is the one entry the command line and the web use; each format
also has its own function (`to_json`, `to_ics`, `to_jsonld`, `to_atom`, `to_text`).
"""

from __future__ import annotations

import importlib
from typing import Any
from urllib.parse import quote, urlsplit

from affiche.errors import InputError
from affiche.model import Document, Event
from affiche.publish.entry import Entry
from affiche.publish.jsonout import to_json
from affiche.publish.text import to_text

# The feed formats load on first use: iCalendar alone (the icalendar package) costs more to
# import than the rest of the package, and `affiche extract` prints text or JSON.
_LAZY = {"to_atom": "atom", "to_ics": "ics", "ics_skipped": "ics", "to_jsonld": "jsonld",
         "jsonld_objects": "jsonld"}


def __getattr__(name: str) -> Any:
    """A feed format's function, its module imported on first use."""
    if name in _LAZY:
        return getattr(importlib.import_module(f"affiche.publish.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "FORMATS",
    "Entry",
    "render",
    "to_json",
    "to_ics",
    "ics_skipped",
    "to_jsonld",
    "jsonld_objects",
    "to_atom",
    "to_text",
    "feed_link",
    "feed_name",
]

FORMATS = {"text", "json", "ics", "jsonld", "atom"}


def feed_link(document: Document) -> str:
    """Where a feed about this document points: its URL, else its source as a relative IRI."""
    if document.url:
        return document.url
    if not document.source or document.source == "-":
        return ""
    if len(urlsplit(document.source).scheme) > 1:
        return document.source
    # A file path becomes an IRI reference: spaces and other unsafe characters escaped.
    return quote(document.source, safe="/._-~")


def feed_name(document: Document, events: list[Event]) -> str:
    """What a calendar or feed of this document is called: its title, else its file or URL,
    else (standard input, "-") the title of its event, or of the first and how many more."""
    if document.title:
        return document.title
    if document.source and document.source != "-":
        return document.source
    titles = [e.title for e in events if e.title]
    if not titles:
        return "affiche"
    more = len(events) - 1
    return titles[0] if not more else f"{titles[0]} (+{more})"


def render(fmt: str, document: Document, events: list[Event], lang: str = "en",
           past: list[Event] | None = None) -> str:
    """The events of a document in one of `FORMATS`, ending with a newline; `InputError` else;
    the text summary also names the `past` events when none is to come."""
    if fmt == "text":
        return to_text(document, events, lang=lang, past=past)
    if fmt == "json":
        return to_json(document, events) + "\n"
    if fmt == "ics":
        from affiche.publish.ics import to_ics

        return to_ics(events, calendar_name=feed_name(document, events))
    if fmt == "jsonld":
        from affiche.publish.jsonld import to_jsonld

        return to_jsonld(events) + "\n"
    if fmt == "atom":
        from affiche.publish.atom import to_atom

        title = document.title or (f"affiche: {document.source}"
                                   if document.source and document.source != "-"
                                   else feed_name(document, events))
        return to_atom(events, feed_title=title, feed_url=feed_link(document))
    raise InputError(f"unknown output format {fmt!r}; use one of: {', '.join(sorted(FORMATS))}")
