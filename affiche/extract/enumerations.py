"""A day list: several dates of one sentence joined only by commas or "and" ("les jeudis 7
avril, 21 avril et 19 mai", "on 7 April, 21 April and 19 May", "op 7 april, 21 april en 19
mei") tell one event held on each of them; the hours and places the text gives for one of
those days are every day's. Days that follow one another without an hour ("vrijdag 28,
zaterdag 29 en zondag 30 september", "samedi 14 et dimanche 15 juin") are one event running
from the first to the last."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from affiche.extract.points import Draft, TimePoint

__all__ = ["spread_over_day_lists", "join_running_days"]

# what may stand between two dates of one list (a comma, "and", "et", "en", "&", "/", ";")
_JOINER = re.compile(r"\s*(?:,|;|/|&|\band\b|\bet\b|\ben\b)?\s*(?:,|\band\b|\bet\b|\ben\b)?\s*",
                     re.IGNORECASE)
_FEWEST = 3  # dates a list needs to be read as one event on each day


def spread_over_day_lists(drafts: list[Draft], points: list[TimePoint],
                          reference: dt.datetime) -> list[Draft]:
    """`drafts`, plus one draft for each day of a day list that gave none, made like the
    draft of the list's day that did (its undated times moved to each day)."""
    by_day = {d.day: d for d in drafts}
    added: list[Draft] = []
    for draft in list(drafts):
        undated = [p for p in draft.times if not p.mention.has_date]
        if not any(p.mention.has_time for p in draft.times):
            continue  # the day that gives the list its hours is the model
        for anchor in [p for p in draft.times if p.mention.has_date]:
            for other in _listed_with(anchor, points, reference):
                if other.day is None:
                    continue
                copies = [replace(p, day=other.day) for p in undated]
                told = by_day.get(other.day)
                if told is not None:
                    if not any(p.mention.has_time for p in told.times):
                        # "on Thursday 5 June, 19 June and 3 July" ↵ "from 6pm": every day's
                        told.times.extend(copies)
                        told.times.sort(key=lambda p: p.mention.start)
                    continue
                listed = replace(other)
                by_day[other.day] = Draft(other.day, anchors=[listed],
                                          times=[listed, *copies], recurring=draft.recurring)
                added.append(by_day[other.day])
    return drafts + added


def _listed_with(anchor: TimePoint, points: list[TimePoint], reference: dt.datetime,
                 fewest: int = _FEWEST) -> list[TimePoint]:
    """The other dated points of `anchor`'s day list (none when it stands in no such list)."""
    same = sorted((p for p in points if p.unit.start == anchor.unit.start
                   and p.mention.has_date and p.day is not None and p.day >= reference.date()
                   and (p is anchor or not p.mention.has_time)), key=lambda p: p.mention.start)
    runs: list[list[TimePoint]] = []
    for point in same:
        text = anchor.unit.text
        if runs and _JOINER.fullmatch(text[runs[-1][-1].mention.end - anchor.unit.start:
                                           point.mention.start - anchor.unit.start]):
            runs[-1].append(point)
        else:
            runs.append([point])
    for run in runs:
        if len(run) >= fewest and any(p.mention.start == anchor.mention.start for p in run):
            return [p for p in run if p.mention.start != anchor.mention.start]
    return []


def join_running_days(drafts: list[Draft], points: list[TimePoint],
                      reference: dt.datetime) -> list[Draft]:
    """`drafts` with the days of a list that follow one another, none with an hour, joined
    into the first day's draft, which ends on the last day (a festival weekend)."""
    by_day = {d.day: d for d in drafts}
    kept = list(drafts)
    for draft in drafts:
        if draft not in kept or any(p.mention.has_time for p in draft.times):
            continue
        for anchor in [p for p in draft.anchors if p.mention.has_date]:
            run = sorted([anchor, *_listed_with(anchor, points, reference, fewest=2)],
                         key=lambda p: p.mention.start)
            days = [p.day for p in run]
            if len(run) < 2 or run[0] is not anchor or any(
                    day is None or later != day + dt.timedelta(days=1)
                    for day, later in zip(days, days[1:], strict=False)):
                continue
            others = [by_day.get(day) for day in days[1:]]
            if any(o is None or o is draft or o not in kept
                   or any(p.mention.has_time for p in o.times) for o in others):
                continue
            for other in others:
                assert other is not None
                kept.remove(other)
                draft.times.extend(other.times)
            draft.times.sort(key=lambda p: p.mention.start)
            draft.end_value = days[-1]
            break
    return kept
