"""The human summary printed on the terminal: the document first, then each event, then warnings.

Example:
    Source: call.txt (text), dated Mon 13 Jan 2025 from the file name

    Event 1 of 1: Rassemblement devant le centre fermé
      Kind: Rally
      When: Sat 18 Jan 2025, 14:00 (Europe/Brussels)
      Where: Centre fermé Caricole, Tervuursesteenweg 300, 1820 Steenokkerzeel (50.91000,
             4.51000; precision address)
      Meeting points:
        - Group departure at 13:30: Gare de Nossegem, Nossegem (départ groupé)
      ...
      Warnings:
        ! weekday_mismatch: …
          candidates: Sat 18 Jan 2025, 14:00; Sun 19 Jan 2025, 14:00
"""

from __future__ import annotations

import datetime as dt

from affiche.model import Document, Event, Warning
from affiche.publish.describe import (
    candidate_words,
    date_words,
    detail_sections,
    kind_label,
    labels,
    localise,
    moment_words,
    place_words,
    summary_line,
    when_words,
    zone,
)

__all__ = ["to_text", "document_line", "past_summary"]

INDENT = "  "


def document_line(document: Document, lang: str = "en") -> str:
    """The header: source, kind, and the reference date with where it came from."""
    words = labels(lang)
    text = f"{words['words']['source']}: {document.source} ({document.kind})"
    if document.reference is not None:
        day = localise(document.reference, document.timezone).date()
        origin = words["reference_sources"].get(document.reference_source,
                                                document.reference_source)
        text += f", {words['words']['dated']} {date_words(day, lang)}"
        if document.reference_source and document.reference_source != "none":
            text += f" {origin}"
    else:
        # the flow reads such a text against today (pipeline.reference_of)
        today = dt.datetime.now(zone(document.timezone) or dt.UTC).date()
        text += f", {words['words']['dated_today']}, {date_words(today, lang)} " \
                f"({words['words']['no_date_in_text']})"
    if document.language:
        text += f", {words['words']['language']} {document.language}"
    return text


def _warning_lines(warnings: list[Warning], event: Event, lang: str) -> list[str]:
    words = labels(lang)["words"]
    lines = []
    for warning in warnings:
        lines.append(f"! {warning.code}: {warning.message}" if warning.message
                     else f"! {warning.code}")
        if warning.candidates:
            shown = [candidate_words(c, event, lang) for c in warning.candidates]
            lines.append(f"{INDENT}{words['candidates']}: {'; '.join(shown)}")
    return lines


def _flagged(event: Event) -> set[str]:
    """The `field_confidence` keys under their calibrated threshold, when the event carries
    the uncertain_* warnings that say so (affiche.extract.confidence)."""
    from affiche.extract import confidence

    codes = {w.code for w in event.warnings}
    if not any(code.startswith("uncertain_") for code in codes):
        return set()
    calibration = confidence.load()
    found = set()
    for key, value in event.field_confidence.items():
        fitted = calibration.map_for(key)
        code = "uncertain_" + ("meeting_point" if key.startswith("meeting_points.") else key)
        if fitted is not None and value < fitted.threshold and code in codes:
            found.add(key)
    return found


def _mark(event: Event, line: str, keys: tuple[str, ...], flagged: set[str], lang: str) -> str:
    """The line with "  [? check: 41 %]" when one of its fields is to check."""
    values = [event.field_confidence[k] for k in flagged
              if k in keys or k.split(".")[0] in keys]
    if not values:
        return line
    return f"{line}  [? {labels(lang)['words']['check']}: {100 * min(values):.0f} %]"


def _confidence_line(event: Event, flagged: set[str], lang: str) -> str:
    """"Confidence: start 93 %, place 41 % ?, …" (a ? marks a field to check)."""
    words = labels(lang)["words"]
    parts = []
    for key, value in event.field_confidence.items():
        name, _, number = key.partition(".")
        label = f"{words['meeting_point']} {int(number) + 1}" if number else \
            words.get(f"{name}_field", name)
        parts.append(f"{label} {100 * value:.0f} %" + (" ?" if key in flagged else ""))
    return f"{words['confidence']}: {', '.join(parts)}"


def _event_lines(event: Event, number: int, total: int, lang: str) -> list[str]:
    words = labels(lang)["words"]
    lines = [f"{words['event']} {number} {words['of']} {total}: {summary_line(event, lang)}"]
    flagged = _flagged(event)
    body = [
        _mark(event, f"{words['kind']}: {kind_label(event.kind, lang)}", ("kind",), flagged,
              lang),
        _mark(event, f"{words['when']}: {when_words(event, lang)}", ("start", "end"), flagged,
              lang),
        _mark(event, f"{words['where']}: {place_words(event.place, lang, with_geo=True)}",
              ("place",), flagged, lang),
    ]
    for heading, items in detail_sections(event, lang):
        body.append(f"{heading}:")
        if heading == words["meeting_points"]:
            items = [_mark(event, item, (f"meeting_points.{j}",), flagged, lang)
                     for j, item in enumerate(items)]
        body += [f"{INDENT}- {item}" for item in items]
    if event.organisers:
        body.append(f"{words['organisers']}: {', '.join(event.organisers)}")
    if event.url:
        body.append(f"{words['link']}: {event.url}")
    if event.description:
        body.append(f"{words['about']}: {' '.join(event.description.split())}")
    if event.field_confidence:
        body.append(_confidence_line(event, flagged, lang))
    if event.warnings:
        body.append(f"{words['warnings']}:")
        body += [f"{INDENT}{line}" for line in _warning_lines(event.warnings, event, lang)]
    return lines + [f"{INDENT}{line}" for line in body]


def past_summary(past: list[Event], lang: str = "en") -> str:
    """"1 past event found" (or "3 past events found")."""
    words = labels(lang)["words"]
    return f"{len(past)} {words['past_event'] if len(past) == 1 else words['past_events']}"


def to_text(document: Document, events: list[Event], lang: str = "en",
            past: list[Event] | None = None) -> str:
    """A readable summary of the document and its events, for a person at a terminal; when
    none is to come, the `past` ones the text told of, with their days."""
    words = labels(lang)["words"]
    lines = [document_line(document, lang)]
    if document.warnings:
        lines.append(f"{words['document_warnings']}:")
        holder = Event(timezone=document.timezone)
        lines += [f"{INDENT}{line}"
                  for line in _warning_lines(document.warnings, holder, lang)]
    if not events and past:
        lines += ["", f"{words['no_event_to_come']}; {past_summary(past, lang)}:"]
        lines += [f"{INDENT}- {moment_words(e.start, e.timezone, lang)}: {e.title or ''}"
                  for e in past if e.start is not None]
    elif not events:
        lines += ["", words["no_event"]]
    for number, event in enumerate(events, start=1):
        lines += [""] + _event_lines(event, number, len(events), lang)
    return "\n".join(lines) + "\n"
