"""An Event as HTML form fields and back, for the submission and moderation pages.

Every input of event `n` is named `e<n>.<key>` (`e0.start_date`, `e0.mp1_time`), so one page holds
several events. Dates are `YYYY-MM-DD`, times `HH:MM` in the event's time zone (shown beside
them); a start without a time is an all-day event. What the form does not show (evidence,
warnings, confidences, coordinates of an unchanged place) is kept from the `base` event.

Written by hand rather than with WTForms: the fields mirror Contract 1's nested dataclasses (rows
of meeting points and transport, evidence and confidence beside each field), and that mapping is
the whole job; a form library would add a layer without removing any of it.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from markupsafe import Markup, escape

from affiche.model import KINDS, ROLES, Contact, Event, MeetingPoint, Place, Transport, Warning

__all__ = ["EventForm", "Choice", "event_form", "read_event", "highlight", "excerpt",
           "MODES", "KINDS", "ROLES", "FIELD_OF_WARNING", "UNCERTAIN", "form_indexes"]

MODES = ("train", "bus", "tram", "metro", "coach", "bike", "walk", "car", "boat", "other")
PLACE_KEYS = ("name", "street", "postcode", "locality", "country")
MP_KEYS = ("role", "date", "time", "name", "street", "postcode", "locality", "note")
TR_KEYS = ("mode", "from", "to", "departs_date", "departs_time", "arrives_date", "arrives_time",
           "note")
# A row of these is filled in (the others have defaults: a role, a mode, a date).
MP_FILLED = ("time", "name", "street", "locality", "note")
TR_FILLED = ("from", "to", "departs_time", "arrives_time", "note")
# Which field a warning is about, so it is shown beside that field (others: at the top).
FIELD_OF_WARNING = {
    "weekday_mismatch": "start", "past_date": "start", "conflicting_dates": "start",
    "no_time": "start", "no_date": "start", "recurring": "start", "zone_guessed": "start",
    "structured_data_differs": "start", "end_before_start": "end", "no_place": "place",
    "place_not_found": "place", "meeting_after_start": "meeting_points",
    "uncertain_start": "start", "uncertain_end": "end", "uncertain_place": "place",
    "uncertain_kind": "kind", "uncertain_meeting_point": "meeting_points",
    "ambiguous_place": "place",
}
# The warnings that mark a field as one to check first (its calibrated confidence is under
# its threshold, affiche.extract.confidence).
UNCERTAIN = {"uncertain_start", "uncertain_end", "uncertain_place", "uncertain_kind",
             "uncertain_meeting_point"}
# Longest text accepted in one field (a description may be long, a title not).
_LIMITS = {"description": 20_000, "note": 1_000, "lines": 4_000}
_DEFAULT_LIMIT = 300
_TIME = re.compile(r"^([01]?\d|2[0-3])[:hH.]([0-5]\d)$|^([01]?\d|2[0-3])[hH]?$")


@dataclass
class Choice:
    """A candidate reading offered as a one-click choice (a submit button)."""

    value: str
    label: str
    current: bool


@dataclass
class EventForm:
    """What a template needs to draw one event's editable form."""

    index: int
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    mp_rows: int = 1
    tr_rows: int = 1
    warnings: dict[str, list[Warning]] = field(default_factory=dict)
    choices: dict[str, list[Choice]] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)
    offset: str = ""
    uncertain: list[str] = field(default_factory=list)  # fields to check, least sure first

    def name(self, key: str) -> str:
        """The input name of `key` for this event."""
        return f"e{self.index}.{key}"

    def value(self, key: str) -> str:
        """The current value of `key` ('' when empty)."""
        return self.values.get(key, "")

    def is_uncertain(self, key: str) -> bool:
        """True when field `key` is one to check first (its confidence is under threshold)."""
        return key in self.uncertain

    def top_warnings(self) -> list[Warning]:
        """Warnings not attached to one field."""
        return self.warnings.get("event", [])


def _date_part(value: dt.date | dt.datetime | None, zone: ZoneInfo) -> tuple[str, str]:
    if value is None:
        return "", ""
    if isinstance(value, dt.datetime):
        local = value.astimezone(zone) if value.tzinfo else value
        return local.date().isoformat(), local.strftime("%H:%M")
    return value.isoformat(), ""


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "Europe/Brussels")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Brussels")


def _offset(value: dt.date | dt.datetime | None, zone: ZoneInfo) -> str:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.now(zone)
    text = moment.astimezone(zone).strftime("%z")
    return f"UTC{text[:3]}:{text[3:]}" if text else ""


def event_form(event: Event, index: int, tags: Sequence[str] = (),
               errors: Mapping[str, str] | None = None,
               raw: Mapping[str, str] | None = None) -> EventForm:
    """The form of one event; `raw` (the submitted values) wins over the event's own."""
    zone = _zone(event.timezone)
    values: dict[str, str] = {"title": event.title or "", "kind": event.kind or "other",
                              "timezone": event.timezone or "Europe/Brussels",
                              "description": event.description or "", "url": event.url or "",
                              "tags": ", ".join(tags)}
    values["start_date"], values["start_time"] = _date_part(event.start, zone)
    values["end_date"], values["end_time"] = _date_part(event.end, zone)
    for key in PLACE_KEYS:
        values[f"place_{key}"] = getattr(event.place, key) or ""
    for j, point in enumerate(event.meeting_points):
        values[f"mp{j}_role"] = point.role
        values[f"mp{j}_date"], values[f"mp{j}_time"] = _date_part(point.time, zone)
        for key in ("name", "street", "postcode", "locality"):
            values[f"mp{j}_{key}"] = getattr(point.place, key) or ""
        values[f"mp{j}_note"] = point.note or ""
    for j, hint in enumerate(event.transport):
        values[f"tr{j}_mode"] = hint.mode
        values[f"tr{j}_from"] = hint.origin or ""
        values[f"tr{j}_to"] = hint.destination or ""
        for key, value in (("departs", hint.departs), ("arrives", hint.arrives)):
            values[f"tr{j}_{key}_date"], values[f"tr{j}_{key}_time"] = _date_part(value, zone)
        values[f"tr{j}_note"] = hint.note or ""
    values["contacts"] = "\n".join(c.value for c in event.contacts)
    values["organisers"] = "\n".join(event.organisers)
    mp_rows, tr_rows = len(event.meeting_points) + 1, len(event.transport) + 1
    if raw is not None:
        raw = _compact(_compact(raw, "mp", MP_FILLED), "tr", TR_FILLED)
        values = {k: v for k, v in values.items() if not _row_key(k)}
        values.update({k: v for k, v in raw.items() if k in values or _row_key(k)})
        mp_rows, tr_rows = _rows(raw, "mp") + 1, _rows(raw, "tr") + 1
    evidence = dict(event.evidence)
    for key, items in (("meeting_points", event.meeting_points), ("transport", event.transport),
                       ("contacts", event.contacts)):
        spans = [item.evidence for item in items if item.evidence]
        if spans and key not in evidence:
            evidence[key] = spans[0]
    form = EventForm(index=index, values=values, errors=dict(errors or {}), mp_rows=mp_rows,
                     tr_rows=tr_rows, evidence=evidence, offset=_offset(event.start, zone))
    for warning in event.warnings:
        form.warnings.setdefault(FIELD_OF_WARNING.get(warning.code, "event"), []).append(warning)
    filled = {"title": values["title"], "kind": values["kind"], "start": values["start_date"],
              "end": values["end_date"],
              "place": "".join(values[f"place_{k}"] for k in PLACE_KEYS),
              "meeting_points": event.meeting_points, "transport": event.transport,
              "contacts": values["contacts"], "organisers": values["organisers"],
              "description": values["description"]}
    for key in filled:
        # A field's own calibrated confidence (Contract 1 field_confidence); none for the
        # fields that have none: the event's own is the chance its start, place and kind are
        # all right, which says nothing of a title
        if key in event.field_confidence:
            form.confidence[key] = event.field_confidence[key]
    points = [v for k, v in event.field_confidence.items() if k.startswith("meeting_points.")]
    if points:
        form.confidence["meeting_points"] = min(points)  # the least sure of its rows
    flagged = {FIELD_OF_WARNING[w.code] for w in event.warnings if w.code in UNCERTAIN}
    form.uncertain = sorted(flagged, key=lambda k: form.confidence.get(k, 0.0))
    current = values["start_date"] + "T" + values["start_time"]
    for warning in form.warnings.get("start", []):
        for candidate in warning.candidates:
            date, time = _candidate(candidate, zone)
            if date and all(c.value != candidate for c in form.choices.get("start", [])):
                label = _label(date, time)
                form.choices.setdefault("start", []).append(
                    Choice(candidate, label, current == f"{date}T{time}"))
    return form


def _compact(raw: Mapping[str, str], prefix: str, filled: Sequence[str]) -> dict[str, str]:
    """The submitted values with the empty rows `prefix<j>_*` dropped and the others renumbered,
    so each redraw shows the filled rows and one blank row, never a growing tail of blanks."""
    rows: dict[int, dict[str, str]] = {}
    others: dict[str, str] = {}
    for key, value in raw.items():
        match = re.fullmatch(prefix + r"(\d{1,2})_([a-z_]+)", key)
        if match:
            rows.setdefault(int(match.group(1)), {})[match.group(2)] = value
        else:
            others[key] = value
    kept = [row for _, row in sorted(rows.items())
            if any((row.get(k) or "").strip() for k in filled)]
    for j, row in enumerate(kept):
        others.update({f"{prefix}{j}_{k}": v for k, v in row.items()})
    return others


def _row_key(key: str) -> bool:
    return bool(re.fullmatch(r"(mp|tr)\d{1,2}_[a-z_]+", key))


def _rows(raw: Mapping[str, str], prefix: str) -> int:
    found = [int(m.group(1)) + 1 for k in raw if (m := re.fullmatch(prefix + r"(\d{1,2})_.*", k))]
    return max(found, default=0)


def _candidate(text: str, zone: ZoneInfo) -> tuple[str, str]:
    """A candidate's local date and time ('' when it is not a date)."""
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat(), ""
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return "", ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return moment.date().isoformat(), moment.strftime("%H:%M")


def _label(date: str, time: str) -> str:
    day = dt.date.fromisoformat(date)
    return f"{day.strftime('%a')} {date}" + (f" {time}" if time else "")


def apply_choice(values: dict[str, str], candidate: str, timezone: str) -> None:
    """Set the start fields to a candidate reading (the one-click choice)."""
    date, time = _candidate(candidate, _zone(timezone))
    if date:
        values["start_date"], values["start_time"] = date, time


def form_indexes(form: Mapping[str, str]) -> list[int]:
    """The event numbers present in a submitted form, in order."""
    found = {int(m.group(1)) for k in form if (m := re.fullmatch(r"e(\d{1,3})\.[a-z_0-9]+", k))}
    return sorted(found)


def raw_values(form: Mapping[str, str], index: int) -> dict[str, str]:
    """The submitted values of event `index`, keys without their prefix."""
    prefix = f"e{index}."
    return {k[len(prefix):]: v for k, v in form.items() if k.startswith(prefix)}


def _clean(text: str, limit: int = _DEFAULT_LIMIT) -> str:
    # Control characters (but newlines and tabs) never belong in an event; \r\n from browsers.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32 and ord(ch) != 127)
    return text.strip()[:limit]


def _parse_when(date: str, time: str, zone: ZoneInfo, key: str, errors: dict[str, str],
                default_date: dt.date | None = None) -> dt.date | dt.datetime | None:
    date, time = date.strip(), time.strip()
    if not date and not time:
        return None
    day: dt.date | None
    try:
        day = dt.date.fromisoformat(date) if date else default_date
    except ValueError:
        errors[key] = "date"
        return None
    if day is None:
        errors[key] = "date"
        return None
    if not time:
        return day
    match = _TIME.match(time)
    if not match:
        errors[key] = "time"
        return day
    hour = int(match.group(1) or match.group(3))
    minute = int(match.group(2) or 0)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def _contact(value: str) -> Contact:
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        return Contact("email", value)
    if re.fullmatch(r"\+?[\d ()./-]{6,}", value):
        return Contact("phone", value)
    if value.startswith("@") or re.search(r"(facebook|instagram|twitter|x|mastodon|tiktok)\.",
                                          value):
        return Contact("social", value)
    return Contact("url", value)


def read_event(values: Mapping[str, str], base: Event | None = None
               ) -> tuple[Event, list[str], dict[str, str]]:
    """An Event from one form's values (keys without prefix), the tags, and the field errors."""
    event = copy.deepcopy(base) if base is not None else Event()
    errors: dict[str, str] = {}

    def get(key: str, limit: int = _DEFAULT_LIMIT) -> str:
        return _clean(values.get(key) or "", limit)

    name = get("timezone") or "Europe/Brussels"
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = "timezone"
        zone, name = ZoneInfo("Europe/Brussels"), "Europe/Brussels"
    event.timezone = name
    event.title = get("title") or None
    kind = get("kind")
    event.kind = kind if kind in KINDS else "other"
    event.start = _parse_when(get("start_date"), get("start_time"), zone, "start", errors)
    start_day = event.start.date() if isinstance(event.start, dt.datetime) else event.start
    event.end = _parse_when(get("end_date"), get("end_time"), zone, "end", errors, start_day)
    place = Place(**{key: get(f"place_{key}") or None for key in PLACE_KEYS})
    old = base.place if base is not None else Place()
    if _same_place(place, old):
        place.lat, place.lon, place.precision = old.lat, old.lon, old.precision
    event.place = place
    event.meeting_points = _meeting_points(values, zone, start_day, errors, base, get)
    event.transport = _transport(values, zone, start_day, errors, base, get)
    old_contacts = {c.value: c for c in (base.contacts if base else [])}
    event.contacts = [old_contacts.get(line) or _contact(line)
                      for line in _lines(get("contacts", _LIMITS["lines"]))]
    event.organisers = _lines(get("organisers", _LIMITS["lines"]))
    event.description = get("description", _LIMITS["description"]) or None
    url = get("url")
    if url and not re.match(r"https?://", url):
        errors["url"] = "url"
        url = ""
    event.url = url or None
    tags = [t.strip().lower() for t in get("tags").split(",") if t.strip()][:20]
    return event, tags, errors


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()][:50]


def _same_place(a: Place, b: Place) -> bool:
    return all((getattr(a, k) or "") == (getattr(b, k) or "") for k in PLACE_KEYS)


def _meeting_points(values: Mapping[str, str], zone: ZoneInfo, day: dt.date | None,
                    errors: dict[str, str], base: Event | None, get) -> list[MeetingPoint]:
    found = []
    olds = base.meeting_points if base is not None else []
    for j in range(_rows(values, "mp")):
        keys = {k: get(f"mp{j}_{k}", _LIMITS["note"]) for k in MP_KEYS}
        if not any(keys[k] for k in MP_FILLED):
            continue
        role = keys["role"] if keys["role"] in ROLES else "meeting"
        when = _parse_when(keys["date"], keys["time"], zone, f"mp{j}", errors, day)
        place = Place(name=keys["name"] or None, street=keys["street"] or None,
                      postcode=keys["postcode"] or None, locality=keys["locality"] or None)
        point = MeetingPoint(role=role, time=when, place=place, note=keys["note"] or None)
        if j < len(olds):
            point.evidence = olds[j].evidence
            if _same_place(place, olds[j].place):
                place.country, place.lat, place.lon = (olds[j].place.country, olds[j].place.lat,
                                                       olds[j].place.lon)
                place.precision = olds[j].place.precision
        found.append(point)
    return found


def _transport(values: Mapping[str, str], zone: ZoneInfo, day: dt.date | None,
               errors: dict[str, str], base: Event | None, get) -> list[Transport]:
    found = []
    olds = base.transport if base is not None else []
    for j in range(_rows(values, "tr")):
        keys = {k: get(f"tr{j}_{k}", _LIMITS["note"]) for k in TR_KEYS}
        if not any(keys[k] for k in TR_FILLED):
            continue
        hint = Transport(
            mode=keys["mode"] if keys["mode"] in MODES else "other",
            origin=keys["from"] or None, destination=keys["to"] or None,
            departs=_parse_when(keys["departs_date"], keys["departs_time"], zone, f"tr{j}", errors,
                                day),
            arrives=_parse_when(keys["arrives_date"], keys["arrives_time"], zone, f"tr{j}", errors,
                                day),
            note=keys["note"] or None)
        if j < len(olds):
            hint.evidence = olds[j].evidence
        found.append(hint)
    return found


def highlight(text: str, spans: Mapping[str, tuple[int, int]], prefix: str = "") -> Markup:
    """The source text as HTML, each span in a `<mark>` whose id is its key (all escaped)."""
    cuts = {0, len(text)}
    for start, end in spans.values():
        if 0 <= start < end <= len(text):
            cuts.update((start, end))
    points = sorted(cuts)
    anchored: set[str] = set()
    parts: list[str] = []
    for a, b in zip(points, points[1:], strict=False):
        inside = [k for k, (s, e) in spans.items() if s <= a and b <= e and 0 <= s < e <= len(text)]
        piece = escape(text[a:b])
        if not inside:
            parts.append(piece)
            continue
        new = [k for k in inside if k not in anchored]
        anchored.update(new)
        ident = Markup(' id="{}"').format(prefix + new[0]) if new else Markup("")
        names = ", ".join(dict.fromkeys(k.rsplit("src-", 1)[-1] for k in inside))
        parts.append(Markup('<mark{} title="{}">{}</mark>').format(ident, names, piece))
    return Markup("").join(parts)


def excerpt(text: str, span: tuple[int, int] | None, width: int = 70) -> Markup:
    """A short escaped excerpt around `span`, the span itself in `<mark>`."""
    if span is None or not (0 <= span[0] < span[1] <= len(text)):
        return Markup("")
    start, end = span
    left = max(0, start - width)
    right = min(len(text), end + width)
    head = ("…" if left else "") + text[left:start]
    tail = text[end:right] + ("…" if right < len(text) else "")
    return Markup("{}<mark>{}</mark>{}").format(head.replace("\n", " "),
                                                text[start:end].replace("\n", " "),
                                                tail.replace("\n", " "))
