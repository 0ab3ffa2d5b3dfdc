"""From time points to event drafts: which times are events, which are meeting points,
trains or ends, which are past, and which belong together. The stages: roles (`roles`),
liveness (`liveness`), days (here), items of a day (`grouping`, `sites`), start and end
(`starts`).

Rules, in order (each a reason a reader can check against the text):
  1. A time's role comes from the cues of its sentence: a vehicle followed by a departure or
     arrival word makes it a train/bus time; an ending word earlier in its clause ("se
     terminera au palais de justice vers", "until") or a closing label after it ("Minuit :
     fermeture des portes") makes it the end; a meeting cue before it makes it a rendez-vous
     (also for the items of a list whose heading is one: "Vertrekplaatsen:"); otherwise it is
     a time of the event.
  2. A bare relative day inside a quotation (a film's title « … demain ») is no day. A dated
     mention before the reference day is a past event mentioned in passing, not an
     event; so is one in a sentence written as a report (unless the past tense is that of
     another, past day of the sentence: "lancée le 7 octobre dernier, elle se poursuit ce
     samedi 14"), a publication date line (and the hour printed under it), the publication
     date in the headline, a registration or ticket date ("inschrijven vanaf 17 mei"), a
     cancelled date, or — in a text written as a report — a weekday without a day number
     (unless a word puts it still ahead: "Later vanmiddag wordt … nog een demonstratie").
     A cancelled item leaves its day to the sentences after it.
  3. Dated mentions of the same day are one event (a call repeated with more details); a later
     time of that day is scored against the day's events so far (`same_event`, sameevent.py:
     the same hour, a list line, a kind of its own or none, the same protest within an hour
     and a half, another place, another event told too) and is an event of its own unless it
     is a moment of one of them. A day named again with a
     kind of its own before the first timed item of another kind is its own event (a walk in
     the afternoon, then a meal from 18h), unless both are words for one street protest or
     the items are a programme's lines. An agenda entry that opens with its closing time
     ("Jusqu'à 13h, la CGT tient sa permanence") is an event of the day ending then; so is a
     part of the day that opens a sentence of another kind ("Le soir, soirée de soutien au
     Garcia Lorca"), which gives its day and no time. The steps of one street protest stay
     one event: a line with no place of its own ("Assemble … 12pm" ↵ "Rally starts at
     12.30pm"), or a programme line headed by the same kind of protest within an hour and a
     half ("11.00am Rally opens" ↵ "12 noon Main Rally at …"). Two hours of one sentence
     whose clauses name two kinds are two events ("the rally starts at noon and the vigil at
     6"). A programme of several items at one place is also an event as a whole (the day,
     from its first item to its closing line). A sentence telling what another group does at
     its own place and time ("X, quant à eux, s'élanceront à 14h du boulevard Diderot") is
     another event; so is a rendez-vous at the start's hour on another line naming another
     place, when the day starts with a rendez-vous (nobody is at two places at once). A
     rendez-vous in an agenda item's paragraph is that item's, and the rendez-vous for a
     street protest on a day announced as something else (a strike) is an event of its own.
     The lines of a programme after a procession sets off that name no other kind (or the
     speeches where it heads) are steps of the march. A day announced for a weekly event, on
     its weekday, is the occurrence the text announces.
  4. A day held at several sites is one event per site: the address lines under a date
     heading, or two venues joined in one sentence ("au centre culturel et à l'école"). An
     event that hands over to another at another place ("ce rassemblement se prolongera par
     la projection du film … à la salle municipale") gives that one too, on its day.
  5. A time without a date belongs to the date of its own sentence, else the last date stated
     before it (else the next one); times under the page's own date line, when no other day
     follows, are that day's (unless told in the past tense).
  6. A habit told with neither a time nor a place ("meetings take place each wednesday") is
     background. A day is kept only if something around it invites to act: a kind or
     invitation cue, or a date with a time and a place (an agenda entry; a date heading finds
     its place, its title and its cue in the lines below it, across blank lines).
  7. A day said only in words ("ce samedi") that disagrees with a nearby explicit date is the
     same event: the explicit date wins and the other becomes a conflicting candidate. So is
     a headline's day when the body's sentence repeats the headline's words with another day.
  8. The start is the first time of the event, or a rendez-vous on the event's own site
     within the hour before it (a march or rally starts when people gather); when a
     procession sets off before the first timed item of another kind ("vertrek van de stoet
     om 11 uur" ↵ "Daarna, om 14 uur, volksfeest"), the march starts at its assembly and the
     item is an event of its own; a route given several start times starts at the earliest
     ("s'élanceront à 14h, ils se rassemblent dès midi"); a street protest told up to two
     hours before a time whose sentence names no kind (a hearing, a vote) starts then, the
     other time being what it is about; a group's rendez-vous to join an event of others is a
     group departure; a part of the day ("samedi après-midi") gives the day and no end.
"""

from __future__ import annotations

import datetime as dt
import re

from affiche.extract import cues, features, grammar
from affiche.extract.enumerations import join_running_days, spread_over_day_lists
from affiche.extract.grouping import _split_programme
from affiche.extract.layout import Layout
from affiche.extract.liveness import (
    _YEAR,
    _bare_habit,
    _cancelled,
    _invites,
    _is_dateline,
    _is_past,
    _moved_to,
    _right_after,
    _still_live,
    _told_as_done,
    duration,
    is_report,
    published,
    timestamps,
    why_not_live,
    without_context_times,
)
from affiche.extract.locate import PlaceCandidate
from affiche.extract.points import (
    Draft,
    TimePoint,
    _dated_until,
    _is_heading,
    _last_kind,
    _opens_with_time,
    _unplaced,
)
from affiche.extract.readings import afternoon_hours, anaphoric, overnight
from affiche.extract.roles import _without_session_times
from affiche.extract.scoring import score
from affiche.extract.segment import Segmentation
from affiche.extract.siblings import siblings
from affiche.extract.sites import _followed_by, _same_hour_elsewhere, _split_sites

__all__ = ["build_drafts"]


def build_drafts(points: list[TimePoint], segments: Segmentation, places: list[PlaceCandidate],
                 lang: str, reference: dt.datetime, title: str | None,
                 layout: Layout | None = None) -> list[Draft]:
    """Group time points into event drafts (rules 2-5); `layout`, the text's shape, tells
    the grouping which block each time stands in."""
    overnight(points)  # "la nuit du samedi 14 au dimanche 15, dès 21h": the Saturday's
    afternoon_hours(points, lang)  # "3.00 - 4.00: calls for action": the afternoon's
    cancelled = cues.cue_pattern(lang, "cancelled")
    moving = cues.cue_pattern(lang, "moved_to")
    report = is_report(" ".join(u.text for u in segments.units), lang)
    # the day of each sentence, for its times; a past day mentioned in passing lends none
    unit_days = {p.unit.start: p.day for p in reversed(points)
                 if p.day is not None and p.day >= reference.date()}
    # sentences that name a day already over: their past tense speaks of that day
    past_units = {p.unit.start for p in points if _is_past(p, reference)}
    points = _without_session_times(points, lang)
    waiting: list[TimePoint] = []
    by_day: dict[dt.date, Draft] = {}
    current: dt.date | None = None
    current_live = under_dateline = False
    last_live: TimePoint | None = None  # the last dated point that is an event's day
    past_unit: int | None = None
    cancelled_days: set[dt.date] = set()
    called_off: dt.date | None = None  # the day of a cancelled item, still live after it
    pending: list[TimePoint] = []
    # a page that says when it was published ("Publié le 16 septembre 2019 à 11:26") has its
    # date line there: another line of that day alone and without its year is an agenda's
    # heading ("Lundi 16 septembre")
    stated = {id(p) for p in points if p.day == reference.date() and published(p, lang)}
    dateline_points = stated | {id(p) for p in points if p.day is not None
                                and _is_dateline(p, reference, lang)
                                and (not stated or _YEAR.search(p.mention.text))}
    datelines = {segments.index_at(p.unit.start) for p in points if id(p) in dateline_points}
    stamps = timestamps(points)
    moved_items: set[dt.date] = set()  # days whose item was called off or moved
    for point in points:
        if duration(point, lang, reference):
            point.set_aside = "a recording's length or a countdown, not a time of day"
            continue  # "Vidéo (02:14)", "in 2 minutes"
        if id(point) in stamps:
            point.set_aside = "the timestamp of a live report's entry"
            continue  # "10:30 a.m." ↵ "Organizers have called off …"
        if point.day is None and point.mention.has_date:
            continue  # a vague period or a duration: no day to hang anything on
        if point.day is None and point.mention.has_time and any(
                m.start() >= point.mention.end - point.unit.start
                for m in cancelled.finditer(point.unit.text)):
            # "départ à 14h30 … : REPORTÉ AU 29 SEPTEMBRE", "the 8pm concert is cancelled": the
            # hour of what was called off or moved; the new day is told without it
            point.set_aside = "the hour of an event called off or moved"
            if current is not None:
                moved_items.add(current)
            continue
        offset = anaphoric(point, lang) if point.day is not None else None
        if offset is not None:
            # "Samedi 14, fête ; le lendemain, brocante": the day after the one named before
            if current is None:
                point.set_aside = "a day counted from another that the text does not give"
                continue
            point.day = current + dt.timedelta(days=offset)
        if point.day is None and point.mention.has_time and published(point, lang):
            point.set_aside = "when the page was published or updated"
            continue  # "Updated at 10:38": the page's hour
        if point.day is None and _opens_with_time(point) \
                and segments.index_at(point.unit.start) - 1 in datelines:
            point.set_aside = "the hour printed under the page's date line"
            continue  # "19 juni 2019 / 16u48 …": the hour the page was published
        if point.day is not None:
            current = point.day
            moved = _moved_to(point, moving)
            off = _cancelled(point, cancelled) if not moved else any(
                not _right_after(point, m) for m in cancelled.finditer(point.unit.text))
            point.set_aside = why_not_live(point, moved, off, report, lang, reference,
                                           past_units, dateline_points)
            live = point.set_aside is None
            if live and point.day in cancelled_days and not point.mention.has_time:
                # "tomorrow's lobby … is POSTPONED" … "a meeting with your MP for tomorrow":
                # the day called off, named again without a time of its own
                live, point.set_aside = False, "a day called off, named again without a time"
            if live and not moved:
                # the grammar of its sentence: a day told as done or called off is no event
                decision = score("still_to_come",
                                 features.still_to_come(point, lang, reference, report),
                                 subject=point.mention.text)
                point.decision = decision  # kept for --explain and per-field confidence
                live = decision.taken
                if not live:
                    point.set_aside = "not still to come (its sentence's grammar)"
            if not live and off and not moved:
                cancelled_days.add(point.day)
            current_live = live
            # "vendredi 20 mai 2022" ↵ "Jusqu'à 13h, …": an agenda's times under its page date
            # belong to the next day it announces
            under_dateline = not live and point.day >= reference.date() \
                and segments.index_at(point.unit.start) in datelines
            if not live:
                past_unit = point.unit.start
                # a cancelled item leaves its day live for the next sentences ("Conférence
                # annulée à 19h" ↵ "Puis concerts à partir de 21h30"); a whole day called off
                # ("La marche du dimanche 15 est annulée") leaves the next hours to the day
                # told before it
                called_off = point.day if point.day >= reference.date() and not moved \
                    and off and (point.mention.has_time or last_live is None) else None
                continue
            called_off = None
            last_live = point
            draft = by_day.setdefault(point.day, Draft(point.day))
            if point.role == "event" or _dated_until(point):
                draft.anchors.append(point)
            draft.times.append(point)
            draft.recurring = draft.recurring or bool(getattr(point.mention, "recurring", False))
            if pending:
                # rule 4: times stated before any date belong to the first date that follows,
                # unless told in the past ("À 11 heures, les cloches ont retenti")
                for earlier in _still_live(pending, lang):
                    earlier.day = point.day
                    draft.times.insert(0, earlier)
                pending = []
        elif point.unit.start in unit_days and unit_days[point.unit.start] != current:
            # "RDV 11h devant le tribunal mercredi 13": the date of its own sentence
            point.day = unit_days[point.unit.start]
            waiting.append(point)
        elif current is None or under_dateline:
            if segments.unit_at(point.mention.start).paragraph <= 1 or under_dateline:
                pending.append(point)
        elif current_live:
            point.day = current
            by_day[current].times.append(point)
        elif called_off is not None and point.unit.start != past_unit \
                and not grammar.conditional(point.unit.text, lang) \
                and not _told_as_done(point, lang):
            # "… is afgelast." ↵ "Om 14 uur zou de betoging starten": the hour of what was
            # called off, told in the conditional or as done, gives no event
            point.day = called_off
            draft = by_day.setdefault(called_off, Draft(called_off))
            if point.role == "event":
                draft.anchors.append(point)
            draft.times.append(point)
        elif last_live is not None and point.unit.start != past_unit \
                and last_live.day in by_day and not _told_as_done(point, lang):
            # "unlike the previous Saturday. The rally starts at noon": a past day mentioned in
            # passing keeps only its own sentence; the text goes on about the event ("… la
            # manifestation du 12 décembre. Rassemblement de soutien dès 12h …" under
            # "Demain mardi, …"), unless it tells what was done then
            point.day = last_live.day
            by_day[last_live.day].times.append(point)
    if pending and under_dateline and current is not None:
        # the page's date is the only day it gives: its agenda's times are that day's
        # ("vendredi 20 mai 2022" ↵ "à 14h, rassemblement …"), unless told as a report
        live_times = _still_live(pending, lang)
        if live_times:
            draft = by_day.setdefault(current, Draft(current))
            for point in live_times:
                point.day = current
                draft.times.append(point)
                if point.role == "event":
                    draft.anchors.append(point)
    for point in waiting:
        if point.day in by_day:
            by_day[point.day].times.append(point)
            by_day[point.day].times.sort(key=lambda p: p.mention.start)
    for draft in by_day.values():
        without_context_times(draft, lang, places)
    drafts = [d for d in by_day.values() if not (
        d.day in moved_items and all(_is_heading(p) and not p.mention.has_time for p in d.times))
              or _aside(d, "a day heading whose item was called off or moved")]
    drafts = [d for d in drafts if d.anchors or any(
        p.role == "meeting" for p in d.times)
              or _aside(d, "no time of the event on that day (only ends or transport)")]
    inviting = [d for d in drafts if _invites(segments, d.times, lang, title, places)]
    # "Wed 04 March, 7pm Free but ticketed" invites (its film is told below it): the entry
    # of the same shape on another day is an entry of the same agenda
    shapes = {shape for d in inviting for shape in features.entry_shapes(d)} \
        if len(inviting) < len(drafts) else set()
    drafts = [d for d in drafts if (d in inviting or shapes & features.entry_shapes(d)
                                    or _aside(d, "nothing around it invites to act"))
              and (not _bare_habit(d, places)
                   or _aside(d, "a habit told with neither a time nor a place"))]
    drafts = _merge_conflicts(drafts)
    drafts = _merge_next_occurrence(drafts)
    drafts = _without_agenda_period(drafts, lang, places)
    drafts = _merge_headline_twin(drafts, segments, places)
    if len(drafts) > 1:
        drafts = [d for d in drafts if not _title_date(d, segments, reference)]
    drafts = join_running_days(drafts, points, reference)
    drafts = spread_over_day_lists(drafts, points, reference)
    result: list[Draft] = []
    dated = sorted(p.unit.start for p in points if p.mention.has_date)
    # the kind the headline names ("Veillée aux bougies pour Inès"), for days whose own
    # sentence names none
    title_kind = _last_kind(title, cues.cue_table(lang, "kinds")) if title else None
    for draft in sorted(drafts, key=lambda d: d.day):
        for part in _split_programme(draft, places, lang, title_kind, layout):
            result.extend(_split_sites(part, segments, places, dated, lang))
            result.extend(_same_hour_elsewhere(part, segments, lang, places))
    # a handover sentence with an hour of its own is an item already ("Na de mars, rond 16
    # uur, slotmoment …"): only one without gives an event of the day
    told = {p.unit.start for d in result for p in d.times if p.mention.has_time}
    result += [follow for draft in result
               for follow in _followed_by(draft, segments, places, dated, lang, told)]
    result += [other for draft in list(result)
               for other in siblings(draft, segments, places, dated, lang)]
    return result


def _aside(draft: Draft, why: str) -> bool:
    """Mark the times of a draft that gives no event with the reason; always False."""
    for point in draft.times:
        point.set_aside = point.set_aside or why
    return False


def _title_date(draft: Draft, segments: Segmentation, reference: dt.datetime) -> bool:
    """True for the publication date written in the headline ("… op Refugee Walk 23 mei
    2018" published that day): the reference day, no time, and only on the first line."""
    return draft.day == reference.date() and all(
        not p.mention.has_time and segments.index_at(p.unit.start) == 0 for p in draft.times)


def _in_words_only(draft: Draft) -> bool:
    """True for a day known only from words ("ce samedi", "demain"), with no time and no number."""
    return all(not p.mention.has_time and not any(ch.isdigit() for ch in p.mention.text)
               for p in draft.times)


def _merge_conflicts(drafts: list[Draft]) -> list[Draft]:
    """A day given only in words that disagrees with a nearby numbered day is the same event
    told twice: the explicit date wins and the other is kept as a conflicting candidate."""
    explicit = [d for d in drafts if not _in_words_only(d)]
    kept = []
    for draft in drafts:
        if _in_words_only(draft):
            near = [d for d in explicit if 0 < abs((d.day - draft.day).days) <= 7]
            if len(near) == 1:
                near[0].conflicts.append(draft.day)
                continue
        kept.append(draft)
    return kept


def _without_agenda_period(drafts: list[Draft], lang: str,
                           places: list[PlaceCandidate]) -> list[Draft]:
    """Without the period an agenda covers ("AGENDA DES LUTTES" ↵ "Semaine du 8 au 14
    mars"): a span of days without a time, whose sentence names no kind of event nor
    invites, that holds the days of two other events, is the agenda's heading (a festival
    named so stays an event)."""
    kinds = cues.cue_table(lang, "kinds")
    invite = cues.cue_pattern(lang, "invite")
    kept = []
    for draft in drafts:
        spans = [p for p in draft.times if p.mention.kind == "interval"
                 and not p.mention.has_time and p.mention.end_value is not None]
        if len(draft.times) == len(spans) == 1:
            mention, unit = spans[0].mention, spans[0].unit
            last = mention.end_value.date() if isinstance(mention.end_value, dt.datetime) \
                else mention.end_value
            inside = [d for d in drafts if d is not draft and draft.day <= d.day <= last]
            if len(inside) >= 2 and _last_kind(_unplaced(unit, places), kinds) is None \
                    and not invite.search(unit.text):
                continue
        kept.append(draft)
    return kept


def _merge_next_occurrence(drafts: list[Draft]) -> list[Draft]:
    """A day without a time on the weekday of a repeated event, later than its next
    occurrence ("every Friday at 6pm" … "Next vigil: Friday 24 October"), is the occurrence
    the text announces: the repeated event moves to that day."""
    kept = list(drafts)
    for repeated in drafts:
        if not repeated.recurring or repeated not in kept:
            continue
        told = [d for d in kept if d is not repeated and not d.recurring
                and d.day > repeated.day and d.day.weekday() == repeated.day.weekday()
                and not any(p.mention.has_time for p in d.times)]
        if len(told) == 1:
            (next_one,) = told
            repeated.day = next_one.day
            repeated.anchors += next_one.anchors
            repeated.times += next_one.times
            kept.remove(next_one)
    return kept


_HEAD_LINES = 3  # the first units of a text, where its headline stands


_TWIN_WORDS = 3  # words in a row that the headline and the body sentence share


def _merge_headline_twin(drafts: list[Draft], segments: Segmentation,
                         places: list[PlaceCandidate]) -> list[Draft]:
    """A headline that gives another day than the body's sentence for the same words
    ("Rencontrer X et Y, le 21 novembre" over "venez rencontrer X et Y, le samedi 5
    septembre") is one event told twice: the body's day wins, the headline's is kept as a
    conflicting candidate (never silently). Scored (`told_twice`): two calls of one shape,
    each with its heading, hour and place, stay two."""
    if len(drafts) < 2:
        return drafts
    kept = list(drafts)
    for draft in drafts:
        if not all(segments.index_at(p.unit.start) < _HEAD_LINES for p in draft.times):
            continue
        said = _word_runs(" ".join(_undated(p) for p in draft.anchors or draft.times))
        own_units = {p.unit.start for p in draft.times}
        for other in kept:
            if other is draft or other.day == draft.day \
                    or any(p.unit.start in own_units for p in other.anchors):
                continue  # two days of one sentence ("… on Sat, 7 March, and … on Fri, 13th")
            shared = any(said & _word_runs(_undated(p)) for p in other.anchors)
            if not shared:
                continue
            decision = score("told_twice", features.told_twice(draft, other, segments, places,
                                                              shared),
                             subject=f"{draft.day} as {other.day}")
            other.decisions.append(decision)
            if decision.taken:
                other.conflicts.append(draft.day)
                kept.remove(draft)
                _aside(draft, f"the same event told again on {other.day} (told_twice)")
                break
    return kept


def _undated(point: TimePoint) -> str:
    """The point's sentence without its time expression."""
    start = point.mention.start - point.unit.start
    return point.unit.text[:start] + " " + point.unit.text[start + len(point.mention.text):]


def _word_runs(text: str) -> set[tuple[str, ...]]:
    """Every run of `_TWIN_WORDS` words of `text` (lower case) that holds a capitalised name
    or a long word, so that "de la" runs of small words match nothing."""
    words = re.findall(r"[^\W\d_]+", text)
    runs = set()
    for index in range(len(words) - _TWIN_WORDS + 1):
        run = words[index: index + _TWIN_WORDS]
        if sum(len(w) >= 5 or w[0].isupper() for w in run) >= 2:
            runs.add(tuple(w.casefold() for w in run))
    return runs
