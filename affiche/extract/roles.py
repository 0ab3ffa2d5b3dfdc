"""Roles of times (rule 1 of `timeline`): event, end, meeting, group departure, route start or
end, transport, from the cues of each time's sentence and of the list heading above it."""

from __future__ import annotations

import re
from typing import Any

from affiche.extract import cues
from affiche.extract.points import (
    _BULLET,
    _ITEM_SEPARATOR,
    TimePoint,
    _day,
    _last_kind,
    _programme_line,
    _relative_only,
)
from affiche.extract.segment import Segmentation, Unit
from affiche.lang import LANGUAGES

__all__ = ["classify"]


# the most specific role wins when a sentence has several cues ("Départ groupé : RDV 13h30")
_ROLE_PRIORITY = {"group_departure": 0, "route_start": 1, "meeting": 2, "route_end": 3}


def _cue_position(pattern: Any, unit: Unit, offset: int) -> int | None:
    """Where the last cue of `pattern` in `unit` before `offset` ends, or None."""
    found = None
    for match in pattern.finditer(unit.text, 0, max(0, offset - unit.start)):
        found = match.end()
    return found


def _cue_after(pattern: Any, unit: Unit, offset: int) -> int | None:
    """Where the first cue of `pattern` in `unit` after `offset` starts, or None."""
    found = pattern.search(unit.text, max(0, offset - unit.start))
    return found.start() if found else None


def classify(mentions: list[Any], segments: Segmentation, lang: str) -> list[TimePoint]:
    """Give each mention its unit and role (rule 1)."""
    vehicles = cues.transport_modes(lang, walking=False)
    motion = cues.phrase_pattern(cues.events_data(lang)["transport"]["depart_words"]
                                 + cues.events_data(lang)["transport"]["arrive_words"])
    meeting_table = cues.cue_table(lang, "meeting")
    ending = cues.cue_pattern(lang, "ending")
    joining = cues.cue_pattern(lang, "join_another")
    # "meet at 10.30am outside Hove station and we'll walk over together"
    departing = dict(meeting_table)["group_departure"]
    # a bilingual call repeats its programme in another language ("14.30: return to …"): a
    # programme line's label is read with the cues of every language
    label_table = meeting_table + tuple(entry for code in LANGUAGES if code != lang
                        for entry in cues.cue_table(code, "meeting"))
    kinds = cues.cue_table(lang, "kinds")
    coaches = [(name, pattern) for name, pattern in vehicles if name in _GROUP_VEHICLES]
    points = []
    for mention in mentions:
        unit = head = segments.unit_at(mention.start)
        if _relative_only(mention, lang) and _quoted(unit, mention.start):
            continue  # « je ne sais pas où vous serez demain »: a film's title, not a day
        if "\n" in mention.text:
            # "VENDREDI 24 septembre :\n- Ambert – 18 h": the line with the time is the item;
            # a date stacked one part per line ("29 ↵ apr ↵ 2017") is read from its last line
            unit = segments.unit_at(mention.end - 1)
        role, cue = "event", None
        mode = _vehicle_moving(unit.text, vehicles, motion, lang) or _continued_vehicle(
            segments, unit, vehicles, motion) or (head is not unit and _continued_vehicle(
                segments, head, vehicles, motion))
        if mode:
            role, cue = "transport", mode
        elif mention.open == "before" or (mention.kind == "value" and (
                _ends_before(ending, unit, mention) or _ending_label(lang, unit, mention))):
            role, cue = "end", "ending"
        else:
            # "Saturday 27 September: the march sets off at 2pm": the cue stands before the
            # time, in the words between it and the date it took
            clock_at = mention.gap[1] if mention.gap else mention.start
            # "14u00 - verzamelen aan het Sint-Pietersstation": a programme line's label
            # after its time says what the time is
            label = _programme_line(TimePoint(mention, unit, "event"))
            # "We assemble at 11am …, set off at 11.45am …": the cue nearest before the time
            # says what it is (a rendez-vous, then the start of the route); a programme line's
            # says it first after its time ("14u30 - vertrek van de stoet richting …")
            if label:
                ranked = [(-position, -_ROLE_PRIORITY[name], name)
                          for name, pattern in label_table
                          if (position := _cue_after(pattern, unit, mention.end)) is not None]
            else:
                limit = mention.end if head is not unit else clock_at
                ranked = [(position, -_ROLE_PRIORITY[name], name)
                          for name, pattern in meeting_table
                          if (position := _cue_position(pattern, unit, limit)) is not None]
            if ranked:
                name = max(ranked)[2]
                role, cue = ("meeting" if name != "route_end" else "route_end"), name
        carried = next((name for name, pattern in coaches if pattern.search(unit.text)), None)
        if role == "event" and carried and not mention.has_date:
            # "🚌 Limburg: bus om 8u00 vanaf de parking …": a coach's time, not the event's
            role, cue = "transport", carried
        if cue == "meeting" and (_joins_another(segments, unit, joining)
                                 or departing.search(unit.text) or carried):
            # "🚆 En train : rendez-vous à 8h15 dans le hall de la gare (train de 8h33)": a
            # rendez-vous to travel together
            # "Ons buurtcomité loopt mee in de grote optocht. We treffen elkaar om 13u45 aan de
            # Exki": a group meeting to join someone else's event leaves together from there
            cue = "group_departure"
        listed = None
        if (role == "event" or cue == "route_start") and not mention.has_date:
            header = _list_header(segments, unit)
            if header is not None:
                heading = next((n for n, pattern in meeting_table
                                if n != "route_end" and pattern.search(header.text)), None)
                if heading is None and any(p.search(header.text) for _, p in vehicles):
                    # "GRATIS BUSSEN VANUIT DE REGIO'S:" ↵ "* BRUGGE: VERTREK 7U45 …", "FREE
                    # COACHES FROM YORKSHIRE:" ↵ "• Leeds — departs 7.00am from …"
                    heading = "group_departure"
                if heading and (role == "event" or heading == "group_departure"):
                    role, cue = "meeting", heading
                # a list's own lines, not the sentences after it ("Le soir, à 19h, …")
                listed = _last_kind(header.text, kinds) if _BULLET.match(unit.text) else None
        points.append(TimePoint(mention, unit, role, cue, _day(mention, unit),
                                head if head is not unit else None, listed))
    return points


def _joins_another(segments: Segmentation, unit: Unit, joining: Any) -> bool:
    """True when the sentence, or the one before it in its paragraph, says the group joins an
    event of others ("ons buurtcomité loopt mee in de grote optocht", "we'll be joining the
    march")."""
    index = segments.index_at(unit.start)
    before = segments.units[index - 1] if index else None
    return bool(joining.search(unit.text)) or (
        before is not None and before.paragraph == unit.paragraph
        and bool(joining.search(before.text)))


_OPEN_QUOTES, _CLOSE_QUOTES = "«“", "»”"


def _quoted(unit: Unit, offset: int) -> bool:
    """True when `offset` lies inside a quotation of its sentence (« … », “ … ”, " … ")."""
    before = unit.text[: offset - unit.start]
    opened = sum(before.count(q) for q in _OPEN_QUOTES)
    closed = sum(before.count(q) for q in _CLOSE_QUOTES)
    return opened > closed or before.count('"') % 2 == 1


def _ends_before(ending: Any, unit: Unit, mention: Any) -> bool:
    """True when an ending word stands just before the mention ("se terminer vers 18h")."""
    window = unit.text[max(0, mention.start - unit.start - _ENDING_REACH):
                       mention.start - unit.start]
    # "la marche se terminera au palais de justice vers 17h": the same clause, no comma
    window = re.split(r"[,;.!?()]", window)[-1]
    return bool(ending.search(window))


_ENDING_REACH = 60  # characters between an ending word and its time


def _ending_label(lang: str, unit: Unit, mention: Any) -> bool:
    """True for a programme line whose label closes the day ("Minuit : Fermeture des portes",
    "23u: sluiting")."""
    label = _ITEM_SEPARATOR.match(unit.text, mention.end - unit.start)
    if not label:
        return False
    rest = unit.text[label.end():].strip()
    found = cues.cue_pattern(lang, "ending_labels").match(rest)
    return bool(found) and len(rest) - found.end() < 20


def _opening_label(lang: str, point: TimePoint) -> bool:
    """True for a programme line that only opens the doors ("Doors 7pm", "18h : ouverture des
    portes et repas", "19u: deuren open")."""
    unit, mention = point.unit, point.mention
    label = (unit.text[:mention.start - unit.start] + " "
             + unit.text[mention.end - unit.start:]).strip(" \t-–—:•*>|")
    found = cues.cue_pattern(lang, "opening_labels").match(label)
    # what it says besides names no event but a meal ("… et repas"; not "… puis concert")
    return bool(found) and _last_kind(label[found.end():], cues.cue_table(lang, "kinds")) \
        in (None, "other")


def _list_header(segments: Segmentation, unit: Unit) -> Unit | None:
    """The line ending with ':' that introduces the list `unit` belongs to, if any
    ("Vertrekplaatsen en uren:" above "• Schoten, parking: 9.20 u.")."""
    index = segments.index_at(unit.start)
    for back in range(index - 1, max(-1, index - 12), -1):
        candidate = segments.units[back]
        if candidate.paragraph < unit.paragraph - 1:
            return None
        if candidate.text.rstrip().endswith(":"):
            return candidate
    return None


_MOTION_REACH = 60  # characters after a vehicle within which it leaves or arrives


_GROUP_VEHICLES = ("train", "bus")  # what a group travels by to a protest (not a metro stop)


def _vehicle_moving(text: str, modes: Any, motion: Any, lang: str | None = None) -> str | None:
    """The mode of a vehicle that a sentence says leaves or arrives ("un train part à 13h"):
    the motion word must follow the vehicle closely (`lang`: one search first rules out a
    sentence that names no vehicle)."""
    if lang is not None and not cues.any_transport_mode(lang, walking=False).search(text):
        return None
    for name, pattern in modes:
        for match in pattern.finditer(text):
            if motion.search(text, match.end(), match.end() + _MOTION_REACH):
                return name
    return None


def _continued_vehicle(segments: Segmentation, unit: Unit, modes: Any,
                       motion: Any) -> str | None:
    """The vehicle of the line before, when this line opens with a departure or arrival
    ("EN BUS : ligne 57" then "Départ de République à 9h50")."""
    opening = motion.match(unit.text.lstrip(" -–•*>:"))
    index = segments.index_at(unit.start)
    if index == 0:
        return None
    before = segments.units[index - 1]
    if before.paragraph != unit.paragraph:
        return None
    if not opening:
        # "Retour en car : départ vers 19h30" ↵ "de Bar-le-Duc pour une arrivée le 17 vers
        # 2h15": a trip told on, line after line, with its arrival
        # (not the items of a list under its heading: each is its own departure)
        told_on = motion.search(unit.text) and before.line != unit.line \
            and not _BULLET.match(unit.text) and not before.text.rstrip().endswith(":")
        return _vehicle_moving(before.text, modes, motion) if told_on else None
    return next((name for name, pattern in modes if pattern.search(before.text)), None)


def _without_session_times(points: list[TimePoint], lang: str) -> list[TimePoint]:
    """The points without the times of an institution's session that the clause before them
    names ("Join us from 1pm — the full council meeting starts at 1.30pm"): what the protest
    is about, not when it is."""
    sessions = cues.cue_pattern(lang, "sessions")
    kept = []
    for point in points:
        mention, unit = point.mention, point.unit
        if mention.has_time and not mention.has_date:
            before = [p.mention.end for p in points if p.unit == unit
                      and p.mention.end <= mention.start]
            clause = unit.text[max(before, default=unit.start) - unit.start:
                               mention.start - unit.start]
            if sessions.search(clause):
                continue
        kept.append(point)
    return kept
