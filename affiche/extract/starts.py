"""The start and end of a draft (rule 8 of `timeline`): a scored choice (`start_of` in
weights.toml) among the event's times and its rendez-vous — the first time told, an assembly
on the event's site, a rendez-vous alone, never a night hour beside a day one — or the day
only; a runner-up of another hour close to the best gives an `ambiguous_start` warning."""

from __future__ import annotations

import datetime as dt

from affiche.extract import cues, features
from affiche.extract.locate import PlaceCandidate
from affiche.extract.points import (
    Draft,
    TimePoint,
    _clock,
    _dated_until,
    _end_clock,
    _event_times,
    _unit_place_key,
    at_day,
    move_to,
)
from affiche.extract.scoring import Score, score
from affiche.model import Warning, iso

__all__ = ["start_warning"]


def _take_item(draft: Draft, point: TimePoint, kind: str | None, lang: str,
               places: list[PlaceCandidate]) -> Draft:
    """Move `point` out of `draft` into an event of its own on the same day."""
    draft.times.remove(point)
    if point in draft.anchors:
        draft.anchors.remove(point)
    return _finish(Draft(draft.day, anchors=[point], times=[point], item=True, kind=kind),
                   lang, places)


def _assembly(meeting: list[TimePoint]) -> TimePoint | None:
    """The assembly time among meeting times: the one rendez-vous time, else the start of the
    route; None for a list of departures from several places (only the day is then known)."""
    by_cue: dict[str, set[tuple[int, int] | None]] = {}
    for point in meeting:
        by_cue.setdefault(point.cue or "meeting", set()).add(_clock(point))
    for cue in ("meeting", "route_start"):
        if len(by_cue.get(cue, ())) == 1:
            return next(p for p in meeting if (p.cue or "meeting") == cue)
    starts = [p for p in meeting if p.cue == "route_start" and _clock(p) is not None]
    if starts and not by_cue.get("meeting") and not by_cue.get("group_departure"):
        # "s'élanceront à 14h du boulevard Diderot, ils se rassemblent dès midi": one route
        # has one start, and its earliest time is when people gather
        return min(starts, key=lambda p: _clock(p) or (0, 0))
    return None


_ASSEMBLY_LEAD = 60  # minutes: how long before the event people gather on its site


_ASSEMBLY_REACH = 400  # characters between the rendez-vous and the event's time


def _assembles_on_site(assembly: TimePoint, first: TimePoint,
                       places: list[PlaceCandidate], lang: str) -> bool:
    """True when a rendez-vous before the event's first time is on the event's own site: the
    rendez-vous names a place and the event's time names none, or the same one, or only the
    places of a route ("Om 14u vertrekt de stoet via de Meir … naar het Steenplein"), on its
    own line (not a group departure from elsewhere)."""
    if (assembly.cue or "meeting") != "meeting" or assembly.unit == first.unit:
        return False
    begins, starts = _clock(assembly), _clock(first)
    if begins is None or starts is None or begins >= starts \
            or (starts[0] - begins[0]) * 60 + starts[1] - begins[1] > _ASSEMBLY_LEAD \
            or abs(first.unit.start - assembly.unit.start) > _ASSEMBLY_REACH:
        return False  # a meeting hours before, or far away in the text, is another thing
    site = _unit_place_key(assembly.unit, places)
    if site is None:
        return False
    return _unit_place_key(first.unit, places) in (None, site) \
        or bool(cues.cue_pattern(lang, "route").search(first.unit.text))


def _rank_starts(candidates: list[TimePoint], timed: list[TimePoint],
                 assembly: TimePoint | None, on_site: bool,
                 lang: str) -> list[tuple[Score, TimePoint]]:
    """The start_of score of each candidate, best first (ties keep the order told)."""
    clocks = [c for c in (_clock(p) for p in candidates) if c is not None]
    first = min(clocks) if clocks else None
    scored = [(score("start_of", features.start_of(
        point, point is timed[0] if timed else False, point is assembly, on_site,
        _clock(point) == first, lang), subject=point.mention.text), point)
        for point in candidates]
    return sorted(scored, key=lambda pair: -pair[0].total)


_CLOSE = 1.0  # start_of points between the best start and another hour's: ambiguous_start


def start_warning(draft: Draft) -> Warning | None:
    """An `ambiguous_start` warning when a candidate of another hour scores within `_CLOSE`
    of the chosen start (both as candidates), else None."""
    if draft.date_only or len(draft.start_scores) < 2:
        return None
    best, chosen = draft.start_scores[0]
    rival = next(((s, p) for s, p in draft.start_scores[1:]
                  if _clock(p) is not None and _clock(p) != _clock(chosen)), None)
    if rival is None or best.total - rival[0].total >= _CLOSE:
        return None
    ours, theirs = (iso(at_day(p.mention, draft.day)) or "" for p in (chosen, rival[1]))
    return Warning("ambiguous_start", f"The text gives '{rival[1].mention.text}' nearly as "
                   f"much as '{chosen.mention.text}' for the start of this event; "
                   f"{ours} was kept.", [ours, theirs])


def _finish(draft: Draft, lang: str, places: list[PlaceCandidate]) -> Draft:
    """Choose the start point (the first cued time, else the first time) and the end."""
    timed = _event_times(draft)
    meeting = [p for p in draft.times if p.role == "meeting" and p.mention.has_time]
    assembly = _assembly(meeting)
    candidates = timed + ([assembly] if assembly is not None else [])
    if candidates:
        # "Rendez-vous dès 14h, Rue de Fer" then "Mobilisation à 14h30": the event starts
        # when people gather on its site; "rendez-vous 13h" with no other time: the
        # rendez-vous is the assembly time; else the first time told (scored: start_of)
        on_site = bool(timed) and assembly is not None \
            and _assembles_on_site(assembly, timed[0], places, lang)
        draft.start_scores = _rank_starts(candidates, timed, assembly, on_site, lang)
        draft.start = draft.start_scores[0][1]
        draft.start_from_meeting = draft.start is assembly
    else:
        # several departure times and no time of the event itself: only the day is known
        draft.start = (draft.anchors or draft.times)[0]
        draft.date_only = bool(meeting)
    chosen = draft.start
    assert chosen is not None
    start = chosen.mention
    if _dated_until(chosen) and start.end_value is not None:
        # "Mardi 6 octobre ↵ Jusqu'à 17h, permanence …": the day, ending then
        draft.date_only = True
        draft.end_value = move_to(start.end_value, draft.day)
        return draft
    # "samedi après-midi" states no end: only a range of hours or of days does
    if start.kind == "interval" and start.end_value is not None \
            and not (start.has_part_of_day and not start.has_time):
        # the stated end moves with the start when the start's day came from elsewhere
        shift = draft.day - start.value.date() if isinstance(start.value, dt.datetime) \
            else dt.timedelta(0)
        draft.end_value = start.end_value + shift
    elif start.has_time:
        begins = _clock(chosen)
        ends = [p for p in draft.times if p.role == "end" and p.mention.has_time
                and begins is not None and (_end_clock(p) or (0, 0)) > begins]
        # "vendredi 28/01 (à partir de 19:00)" … "19:00—20:30 Assemblée générale": the same
        # hour told again with its end
        again = [p for p in draft.times if p.role == "event" and p is not chosen
                 and p.mention.kind == "interval" and p.mention.end_value is not None
                 and p.mention.has_time and _clock(p) == begins]
        if ends:
            mention = ends[0].mention
            stated = mention.end_value or mention.value
            if stated is not None:
                draft.end_value = move_to(stated, draft.day)
        elif again and isinstance(again[0].mention.end_value, dt.datetime) \
                and _end_clock(again[0]) != begins:
            draft.end_value = move_to(again[0].mention.end_value, draft.day)
    return draft
