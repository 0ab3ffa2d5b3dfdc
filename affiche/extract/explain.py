"""`affiche extract --explain`: per event and field, the chosen candidate, the runners-up and
the scored decisions (with their top contributions) that decided; then the days the text
names that gave no event, and why.

The stages are pure, so the view reads the intermediate values of one `extract.run` and
recomputes the features of what was dropped; nothing here changes a decision.
"""

from __future__ import annotations

import datetime as dt

from affiche.extract import Run, confidence, features, liveness, locate, run
from affiche.extract.placechoice import place_score
from affiche.extract.points import Draft, TimePoint
from affiche.extract.scoring import score
from affiche.model import Document, Event, iso

__all__ = ["explain", "render"]

_RUNNERS_UP = 3  # runners-up shown per field
_QUOTE = 70  # characters of a quoted span


def explain(document: Document, lang: str, reference: dt.datetime) -> str:
    """The explanation of the extraction of `document`, as text for people."""
    return render(document, run(document, lang, reference), lang, reference)


def render(document: Document, result: Run, lang: str, reference: dt.datetime) -> str:
    """The explanation of one finished run."""
    text = document.text
    lines = [f"{document.source or '-'}: {len(result.events)} event(s), language {lang}, "
             f"reference {reference.date().isoformat()}"]
    if result.hinted:
        lines.append("  (the page's embedded schema.org events completed or questioned them)")
    used: set[int] = set()
    for index, (event, draft) in enumerate(zip(result.events, result.drafts, strict=False)):
        lines.append("")
        lines.append(f"event {index + 1}: {event.title or '(untitled)'}")
        lines += _start(text, event, draft, lang, reference)
        used |= {(p.mention.start, p.day) for p in draft.times + draft.anchors}
        lines += _place(text, event, draft, result)
        lines.append(f"  kind: {event.kind}" + _quoted(text, event.evidence.get("kind")))
        for point in event.meeting_points:
            lines.append(f"  meeting point ({point.role}): {iso(point.time) or '-'} "
                         f"{_place_words(point.place) or '-'}")
        for item in event.transport:
            lines.append(f"  transport ({item.mode}): departs {iso(item.departs) or '-'} "
                         f"from {item.origin or '-'} to {item.destination or '-'}")
        for warning in event.warnings:
            lines.append(f"  warning {warning.code}: {warning.message}"
                         + (f" candidates {', '.join(warning.candidates)}"
                            if warning.candidates else ""))
        for decision in draft.decisions:
            lines.append(f"  {decision.explain()}")
        lines += [f"  confidence: {line}" for line in confidence.explain(event)]
        lines += [f"  {d.explain()}" for d in result.contact_decisions
                  if d.subject.endswith(f"→ event {index + 1}") and d.taken]
        lines += [f"  contact: {c.type} {c.value}" for c in event.contacts]
    dropped = [p for p in result.points if (p.mention.start, p.day) not in used
               and p.day is not None]
    if dropped:
        lines.append("")
        lines.append("days that gave no event:")
        report = liveness.is_report(" ".join(u.text for u in result.segments.units), lang)
        for point in dropped:
            why = _why(point, lang, reference, report)
            lines.append(f"  {_said(text, point.mention.start, point.mention.end)} "
                         f"({point.day.isoformat()}, role {point.role}): {why}")
    return "\n".join(lines) + "\n"


def _start(text: str, event: Event, draft: Draft, lang: str,
           reference: dt.datetime) -> list[str]:
    """The start line, its decision and its runners-up (the draft's other times)."""
    lines = [f"  start: {iso(event.start) or '-'}" + _quoted(text, event.evidence.get("start"))]
    chosen = draft.start
    # the day's decision: the start's own, else that of the mention that gave the day
    decision = next((p.decision for p in ([chosen] if chosen else []) + draft.anchors
                     + draft.times if p.decision is not None), None)
    if decision is not None:
        lines.append(f"    {decision.explain()}")
    if draft.start_from_meeting:
        lines.append("    a rendez-vous gives the start")
    scored = {id(p): s for s, p in draft.start_scores}
    if chosen is not None and id(chosen) in scored:
        lines.append(f"    chosen: {scored[id(chosen)].summary(4)}")
    # the scored candidates first (best first), then the draft's other times
    ranked = [p for _, p in draft.start_scores] + draft.times
    others = list({id(p): p for p in ranked if p is not chosen}.values())[:_RUNNERS_UP]
    for point in others:
        lines.append(f"    runner-up: {_point(text, point)}"
                     + (f" {scored[id(point)].summary(4)}" if id(point) in scored else ""))
    for day in draft.conflicts:
        lines.append(f"    conflicting day (warning): {day.isoformat()}")
    return lines


def _place(text: str, event: Event, draft: Draft, result: Run) -> list[str]:
    """The place line and the nearest other place candidates of the event's sentences."""
    lines = [f"  place: {_place_words(event.place) or '-'}"
             + _quoted(text, event.evidence.get("place"))]
    anchors = draft.offsets()
    chosen = event.evidence.get("place")
    ranked = locate.rank(result.places, anchors, result.segments)
    shown = 0
    for _, candidate in ranked:
        scored = place_score(candidate, anchors, result.segments).summary(4)
        if chosen and chosen[0] <= candidate.start < chosen[1]:
            lines.append(f"    chosen: {candidate.source} {scored}")
            continue
        if shown >= _RUNNERS_UP:
            continue
        shown += 1
        lines.append(f"    runner-up: {candidate.source} "
                     f"{_said(text, candidate.start, candidate.end)} {scored}")
    return lines


def _why(point: TimePoint, lang: str, reference: dt.datetime, report: bool) -> str:
    """Why a dated point gave no event: the first rule that set it aside, else its score."""
    if liveness._is_past(point, reference):
        return "a day already over"
    if liveness._registration(point, lang):
        return "a registration or ticket date"
    if point.set_aside and (point.decision is None or point.decision.taken):
        return point.set_aside
    decision = point.decision or score(
        "still_to_come", features.still_to_come(point, lang, reference, report),
        subject=point.mention.text)
    if not decision.taken:
        return decision.explain()
    return "set aside by the grouping rules (a report, a dateline, a cancelled day, no " \
           "invitation around it, or the same event told again)"


def _point(text: str, point: TimePoint) -> str:
    """A time point as `"text" (role, cue)`."""
    cue = f", {point.cue}" if point.cue and point.cue != point.role else ""
    return f"{_said(text, point.mention.start, point.mention.end)} ({point.role}{cue})"


def _place_words(place: object) -> str:
    """A place as its name, street, postcode and town joined."""
    parts = [getattr(place, name, None) for name in ("name", "street", "postcode", "locality")]
    return ", ".join(p for p in parts if p)


def _quoted(text: str, span: tuple[int, int] | None) -> str:
    """` ← "…" [a-b]` for a span of the text, or '' without one."""
    if not span:
        return ""
    return " ← " + _said(text, span[0], span[1])


def _said(text: str, start: int, end: int) -> str:
    """`"…" [a-b]`: the words of a span of the text, shortened, with its offsets."""
    words = " ".join(text[start:end].split())
    if len(words) > _QUOTE:
        words = words[: _QUOTE - 1] + "…"
    return f'"{words}" [{start}-{end}]'
