"""Whether a dated time still invites (rule 2 of `timeline`): past days, reports, datelines,
registration dates, cancellations, and whether a day's sentences invite at all (rule 6)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from affiche.extract import cues, features, grammar
from affiche.extract.locate import PlaceCandidate
from affiche.extract.points import (
    Draft,
    TimePoint,
    _clock,
    _has_place,
    _is_heading,
    _last_kind,
    _opens_with_time,
    _relative_only,
    _unplaced,
)
from affiche.extract.segment import Segmentation

__all__ = ["past_sentences", "done_sentences", "is_report", "published", "timestamps",
           "disclosed", "opening_hours", "stamp", "why_not_live", "without_context_times",
           "duration"]


def _cancelled(point: TimePoint, cancelled: Any) -> bool:
    """True when the sentence cancels or postpones the event of this date."""
    return bool(cancelled.search(point.unit.text))


def _moved_to(point: TimePoint, moving: Any) -> bool:
    """True for the new date of a postponed event, right after a word that moves it ("a été
    reporté au 4 juillet", `events.moved_to`)."""
    return any(_right_after(point, match) for match in moving.finditer(point.unit.text))


def _right_after(point: TimePoint, match: re.Match[str]) -> bool:
    """True when the mention follows the cue within a few characters ("reporté au ")."""
    return 0 <= point.mention.start - (point.unit.start + match.end()) <= 8


def past_sentences(points: list[TimePoint], reference: dt.datetime) -> list[tuple[int, int]]:
    """The spans of the sentences that name a day already over: what they place is over."""
    return sorted({(p.unit.start, p.unit.end) for p in points if _is_past(p, reference)})


def _is_past(point: TimePoint, reference: dt.datetime) -> bool:
    """True when the mention is over before the reference day, or is a day without its year
    that would fall most of a year ahead: "la manifestation du 12 décembre", read in March,
    is the one of last December (calls that far ahead give the year)."""
    mention = point.mention
    if point.day is None:
        return False
    end = mention.end_value
    end_day = (end.date() if isinstance(end, dt.datetime) else end) if end else point.day
    if mention.has_part_of_day and not mention.has_time:
        end_day = point.day  # "gisteravond", "last night": an evening runs into the morning
    if max(point.day, end_day) < reference.date():
        return True
    # a weekday that agrees with the day ("Thursday 20 November") says which year it is
    return (point.day - reference.date()).days > _YEARLESS_REACH \
        and not _YEAR.search(mention.text) and not _names_weekday(mention.text)


def _names_weekday(text: str) -> bool:
    """True when the text holds a weekday name of any language, alone or opening a compound
    with a part of the day ("zondagmiddag", "zaterdagavond")."""
    days, parts = _weekday_words(), _day_part_words()
    for word in re.findall(r"[^\W\d_]+", text.casefold()):
        if word in days or any(word.startswith(day) and word[len(day):] in parts
                               for day in days if len(word) > len(day)):
            return True
    return False


@functools.cache
def _day_part_words() -> frozenset[str]:
    """The one-word parts of the day of every language file ("middag", "avond", "morning")."""
    from affiche import lang as language_data

    return frozenset(word.casefold() for code in language_data.available()
                     for word in cues.time_words(code, "part_of_day_words") if " " not in word)


@functools.cache
def _weekday_words() -> frozenset[str]:
    """The weekday names of every language file (lower case, without a final dot)."""
    from affiche import lang as language_data

    return frozenset(word.casefold().rstrip(".") for code in language_data.available()
                     for word in cues.time_words(code, "weekday_words"))


_YEARLESS_REACH = 240  # days ahead beyond which a day without its year is last year's


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|['’]\d{2}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")


def _is_report(point: TimePoint, lang: str, reference: dt.datetime, report: bool,
               past_units: set[int] | frozenset[int] = frozenset(),
               dateline: bool = False) -> bool:
    """True for a mention in a sentence written as a report, which invites to nothing (rule 2);
    in a document written as a report, a weekday or "today" without a day number is too; so
    is the page's publication line (`dateline`, from `_is_dateline`)."""
    if report and not any(ch.isdigit() for ch in point.mention.text) \
            and not point.mention.has_time:
        # "Later vanmiddag wordt op de Dam nog een demonstratie gehouden": still to come, and
        # so is a day told in the future tense ("protesters will gather on Saturday") and a
        # day counted ahead without a weekday ("morgen", "demain", "tomorrow")
        ahead = point.day is not None and point.day > reference.date() \
            and not _names_weekday(point.mention.text)
        return not (ahead or _still_to_come(point, lang)
                    or grammar.future(point.unit.text, lang))
    if dateline:
        return True
    if not cues.past_pattern(lang).search(point.unit.text):
        # on the day of writing, the perfect tense tells what happened earlier that day
        # ("Today, at noon, the council has voted the cuts"), unless the sentence invites
        return point.day == reference.date() and _told_as_done(point, lang)
    if point.unit.start in past_units and point.day is not None \
            and point.day > reference.date():
        # "launched on 7 October last, it goes on this Saturday 14": the past tense is the
        # other day's, and a later day in the same sentence is still to come
        return False
    # a day still ahead in a sentence with a past cue: the scored `still_to_come` decision
    # weighs the cue with the sentence's grammar ("a été annoncée pour le 15 mars à 14h")
    return point.day == reference.date()


def _told_as_done(point: TimePoint, lang: str) -> bool:
    """True when the point's sentence is told in the past or perfect tense and invites to
    nothing ("les cloches ont retenti", "the council has voted")."""
    # "protesters will gather … until the service has ended": a sentence in the future
    # tense tells what is ahead, whatever perfect its clauses hold
    return _done(point.unit.text, lang) and not grammar.future(point.unit.text, lang)


def _done(text: str, lang: str, tense_only: bool = False) -> bool:
    """True when a sentence is told in the past or perfect tense (by its verbs alone with
    `tense_only`) and invites to nothing."""
    # "On leur a proposé de se rassembler pour 18h00": the perfect of a call is no report
    told = grammar.without_calls(text, lang)
    return bool(cues.past_pattern(lang, perfect=True, tense_only=tense_only).search(told)) \
        and not cues.cue_pattern(lang, "invite").search(text)


def done_sentences(segments: Segmentation, lang: str) -> list[tuple[int, int]]:
    """The spans of the sentences told in a past tense that invite to nothing: the towns they
    name are where something happened ("Il avait été placé au centre fermé de Merksplas"),
    not where one is invited (a past day's word, "la semaine précédente", is no tense)."""
    return [(u.start, u.end) for u in segments.units if _done(u.text, lang, tense_only=True)]


def _still_live(points: list[TimePoint], lang: str) -> list[TimePoint]:
    """The undated points whose sentence is not told as done."""
    return [p for p in points if not _told_as_done(p, lang)]


def _still_to_come(point: TimePoint, lang: str) -> bool:
    """True when a word right before (or opening) a day said in words puts it ahead of the
    report's present ("Later vanmiddag", "plus tard dans la soirée")."""
    start = point.mention.start - point.unit.start
    # the time engine often takes the word into the mention itself ("Later vanmiddag")
    window = point.unit.text[max(0, start - 20): start + 12]
    return bool(cues.cue_pattern(lang, "still_to_come").search(window))


def _is_dateline(point: TimePoint, reference: dt.datetime, lang: str) -> bool:
    """True for the publication date line of a page or post ("01 maart 2019", "» 07 Avr 2015,
    14:05"): the reference day, (nearly) alone on its line, and no cue in it."""
    if point.day != reference.date():
        return False
    unit = point.head or point.unit  # "19 juni 2019\n16u48 …": the date's own line
    stated = point.mention.text.split("\n", 1)[0] if point.head else point.mention.text
    if point.mention.start < _OPENING and _NUMERIC_DATE.fullmatch(stated.strip()):
        # "2021-11-20 Brussels police say …": a page's stamp opening the text
        return True
    if cues.cue_pattern(lang, "invite").search(unit.text) or any(
            p.search(unit.text) for _, p in cues.cue_table(lang, "kinds")):
        return False
    return len(unit.text) - len(stated) < 25


_OPENING = 3  # characters before a stamp that opens the text
_NUMERIC_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")


def _registration(point: TimePoint, lang: str) -> bool:
    """True for a registration or ticket date ("inschrijven vanaf 17 mei"): a registration
    word shortly before the mention, with no kind of event named in between."""
    unit, mention = point.unit, point.mention
    window = unit.text[max(0, mention.start - unit.start - 60): mention.start - unit.start]
    # a flattened page glues a link to the next sentence ("Wereldmaal DOKSchrijf je in")
    window = _GLUED.sub(" ", window)
    found = None
    for match in cues.cue_pattern(lang, "registration").finditer(window):
        found = match
    if found is None:
        return False
    between = window[found.end():]
    return not any(p.search(between) for _, p in cues.cue_table(lang, "kinds"))


def published(point: TimePoint, lang: str) -> bool:
    """True for the date or hour a page was published or updated ("Publié le 3 mai à 11:26",
    "updated 5 May", "bijgewerkt op 5 mei"): a publication word right before the mention, with
    at most one short word between ("le", "on", "op")."""
    unit, mention = point.unit, point.mention
    window = unit.text[max(0, mention.start - unit.start - 40): mention.start - unit.start]
    found = None
    for match in cues.cue_pattern(lang, "publication").finditer(window):
        found = match
    return found is not None and bool(_SHORT_GAP.fullmatch(window[found.end():]))


def timestamps(points: list[TimePoint]) -> set[int]:
    """The ids of the points that stamp the entries of a live report: lines that hold only a
    clock time, at least two, each no later than the one above (the newest entry first:
    "10:30 a.m." ↵ "Organizers have called off …" ↵ "10 a.m." ↵ "A crowd is …"); a
    programme's hour lines go forward in time."""
    lines = [p for p in points if p.mention.has_time and not p.mention.has_date
             and _clock_line(p)]
    clocks = [(p.mention.value.hour, p.mention.value.minute) for p in lines
              if isinstance(p.mention.value, dt.datetime)]
    if len(clocks) < 2 or len(clocks) != len(lines) \
            or any(later > earlier for earlier, later in zip(clocks, clocks[1:], strict=False)):
        return set()
    return {id(p) for p in lines}


def _clock_line(point: TimePoint) -> bool:
    """True when the point's line holds its clock time and nothing else."""
    line = point.unit.text.strip(" \t-–—•*>:|")
    return line.casefold() == point.mention.text.strip().casefold() and "\n" not in line


_SHORT_GAP = re.compile(r"[^\w\n]*(?:[^\W\d_]{1,3}[^\w\n]+)?")


def stamp(point: TimePoint, lang: str) -> bool:
    """True for the machine stamp of a post or a comment ("Julie, le 10 mars 2026 à 21:14",
    "Date: 10 Sep 2001 18:29", "Thu Dec 2 04:30:48 PST 2021"): a day with a clock of odd
    minutes (not a multiple of five, as events are told), on a short line of its own that
    names no kind of event and invites to nothing."""
    mention, unit = point.mention, point.unit
    value = mention.value
    if not (mention.has_date and mention.has_time and isinstance(value, dt.datetime)) \
            or value.minute % 5 == 0:
        return False
    line = point.head or unit
    if len(line.text.strip()) - len(mention.text.split("\n", 1)[0]) > _STAMP_SLACK:
        return False
    return not cues.cue_pattern(lang, "invite").search(line.text) and not any(
        p.search(line.text) for _, p in cues.cue_table(lang, "kinds"))


_STAMP_SLACK = 30  # characters besides its stamp a post's or comment's header line holds


def duration(point: TimePoint, lang: str, reference: dt.datetime) -> bool:
    """True for a length or a countdown read as a time: a recording's length ("Vidéo
    (02:14)", "watch: our call (1:45)": a bare clock number a few words after a media word,
    or with its seconds), or an offset of minutes from now ("in 2 minutes")."""
    mention, unit = point.mention, point.unit
    said = mention.text.strip()
    value = mention.value
    if mention.grain in ("second", "minute") and isinstance(value, dt.datetime) \
            and abs(value.replace(tzinfo=None) - reference.replace(tzinfo=None)) < _COUNTDOWN \
            and _UNIT_WORDS.search(said):
        return True  # "in 2 minutes (02:14)": from the moment of reading
    clock = _BARE_CLOCK.search(said)
    if clock is None or not mention.has_time:
        return False
    low = mention.start - unit.start + clock.start()
    before = unit.text[max(0, low - _MEDIA_REACH): low]
    # "(14:00)" beside a date is an hour: only a media word, or seconds, tell a length
    return clock.group(0).count(":") == 2 or bool(cues.cue_pattern(lang, "media").search(before))


_COUNTDOWN = dt.timedelta(hours=1)  # an offset of minutes from the reference
_MEDIA_REACH = 25  # characters between a media word and the length after it
_BARE_CLOCK = re.compile(r"(?<![\d:.])\d{1,2}:\d{2}(?::\d{2})?"
                         r"(?![\d:.]|\s*(?:h|u|am|pm|a\.m|p\.m)\b)", re.IGNORECASE)
_UNIT_WORDS = re.compile(r"\b(?:min\w*|sec\w*|minut\w*|seconde\w*)\b", re.IGNORECASE)


def disclosed(point: TimePoint, lang: str) -> bool:
    """True for the day details will be given ("le lieu sera communiqué le 17 mars", "the
    venue will be announced on 17 March", "de locatie wordt dinsdag 17 maart bekendgemaakt"):
    a disclosure word shortly before the mention, or right after it, in its clause."""
    unit, mention = point.unit, point.mention
    low, high = mention.start - unit.start, mention.end - unit.start
    pattern = cues.cue_pattern(lang, "disclosure")
    before = re.split(r"[,;.!?()]", unit.text[max(0, low - _DISCLOSURE_REACH): low])[-1]
    after = re.split(r"[,;.!?()]", unit.text[high: high + _DISCLOSURE_REACH])[0]
    return bool(pattern.search(before)) or bool(pattern.match(after.strip()))


_DISCLOSURE_REACH = 40  # characters between a disclosure word and its day


def opening_hours(point: TimePoint, lang: str) -> bool:
    """True for a place's weekly opening hours ("la permanence est ouverte du lundi au
    vendredi de 9h à 17h", "the office is open Monday to Friday, 9am to 5pm"): a span of
    weekdays without a day number, in a sentence with an opening-hours word."""
    text = point.mention.text.casefold()
    words = re.findall(r"[^\W\d_]+", text)
    days = {w for w in words if w in _weekday_words()}
    if len(days) < 2:
        return False
    months = {w.casefold() for w in cues.time_words(lang, "month_words")}
    numbered = any(re.search(rf"\b{re.escape(day)}\.?\s+(?:the\s+)?\d{{1,2}}\b", text)
                   for day in days)
    return not numbered and not any(w in months for w in words) \
        and bool(cues.cue_pattern(lang, "opening_hours").search(point.unit.text))


_GLUED = re.compile(r"(?<=[^\W\d_])(?=[A-Z][a-z])")


def is_report(text: str, lang: str) -> bool:
    """True when a text reads as a report: at least twice as many past-tense cues as
    invitations, and at least two."""
    past = len(cues.past_pattern(lang).findall(text))
    invitations = len(cues.cue_pattern(lang, "invite").findall(text))
    return past >= 2 and past >= 2 * invitations


def _bare_habit(draft: Draft, places: list[PlaceCandidate]) -> bool:
    """True for a habit told with neither a time nor a place ("meetings take place each
    wednesday"): background to the call, nothing one could go to."""
    return draft.recurring and not any(p.mention.has_time for p in draft.times) \
        and not any(_has_place(p.unit, places) for p in draft.times)


def _invites(segments: Segmentation, points: list[TimePoint], lang: str,
             title: str | None, places: list[PlaceCandidate]) -> bool:
    """Rule 5: a kind or invitation cue near one of the points, or a date with a time and a
    place (an agenda entry); a bare relative day needs the cue in its own sentence."""
    invite = cues.cue_pattern(lang, "invite")
    kinds = cues.cue_table(lang, "kinds")
    for point in points:
        after = segments.neighbours(point.mention.start, 0, 1)
        heading = _is_heading(point)
        index = segments.index_at(point.unit.start)
        if heading:
            # "SAMEDI 7/03 de 11h à 14h" ↵↵ "Maison de quartier, rue Haute 12": an agenda's
            # date heading gives its place in the next paragraph
            after = segments.units[index: index + 2]
        if point.mention.has_date and point.mention.has_time and any(
                _has_place(unit, places) for unit in after):
            return True
        # a day without a time (or a bare "aujourd'hui") needs the cue in its own sentence
        wide = 0 if _relative_only(point.mention, lang) else 1
        around = " ".join(u.text for u in segments.neighbours(point.mention.start, wide, wide))
        if heading and not point.mention.has_time:
            # an agenda's date heading ("29 ↵ apr ↵ 2017") is followed by the entry's title
            # and its first sentence, across blank lines
            around += " " + " ".join(u.text for u in segments.units[index + 1: index + 4])
        if invite.search(around) or any(p.search(around) for _, p in kinds):
            return True
    # the headline's kind with an hour of the event ("voor middernacht", an end, is none)
    return bool(title) and any(p.search(title or "") for _, p in kinds) and any(
        p.mention.has_time and p.role != "end" for p in points)


def habit_in_passing(point: TimePoint, lang: str) -> bool:
    """True for a repeated day told in a relative clause ("the Social Forum, which meets on
    Thursdays (7.30 pm) at the Friends' Meeting House"): what an organisation usually does,
    background to the call."""
    return bool(getattr(point.mention, "recurring", False)) and grammar.in_relative_clause(
        point.unit.text, point.mention.start - point.unit.start, lang)


def why_not_live(point: TimePoint, moved: bool, off: bool, report: bool, lang: str,
                 reference: dt.datetime, past_units: set[int],
                 dateline_points: set[int]) -> str | None:
    """Why a dated point is no event's day by the rules of liveness (rule 2), or None."""
    if _is_past(point, reference):
        return "a day already over"
    if _registration(point, lang):
        return "a registration or ticket date"
    if published(point, lang):
        return "when the page was published or updated"
    if stamp(point, lang):
        return "the stamp of a post or a comment"
    if disclosed(point, lang):
        return "the day details will be given"
    if opening_hours(point, lang):
        return "a place's opening hours"
    if habit_in_passing(point, lang):
        return "a habit told in passing (a relative clause)"
    if moved:
        return None
    dateline = id(point) in dateline_points
    if _is_report(point, lang, reference, report, past_units, dateline):
        return "the page's date line" if dateline and not _is_report(
            point, lang, reference, report, past_units) else "told in a report"
    return "a cancelled or postponed date" if off else None


def without_context_times(draft: Draft, lang: str, places: list[PlaceCandidate]) -> None:
    """Without the night hours of a day that has day hours, told in a sentence that names no
    kind of event and invites to nothing ("La rue sera fermée dès 0h30", "Het parkeerverbod
    gaat in om 0.01 uur": a closure or a ban around the event), and without the pauses of a
    programme of other items ("12 - 1pm: Lunch"): no event."""
    def clock(point: TimePoint) -> tuple[int, int] | None:
        """The time of day the point states, None for a day alone."""
        return _clock(point) if point.mention.has_time else None

    night = features.NIGHT_ENDS
    if not any((c := clock(p)) is not None and c[0] >= night for p in draft.times):
        return
    kinds = cues.cue_table(lang, "kinds")
    invite = cues.cue_pattern(lang, "invite")
    for point in list(draft.times):
        hour = clock(point)
        if hour is None or point.role not in ("event", "meeting"):
            continue
        if _opens_with_time(point) and features.break_line(point, lang) and any(
                p is not point and p.role == "event" and clock(p) is not None
                for p in draft.times):
            why = "a pause of the day's programme"  # "12 - 1pm: Lunch"
        elif hour[0] < night and _last_kind(_unplaced(point.unit, places), kinds) is None \
                and not invite.search(point.unit.text):
            why = "a night hour beside the day's hours, in a sentence naming no event"
        else:
            continue
        draft.times.remove(point)
        if point in draft.anchors and len(draft.anchors) > 1:
            draft.anchors.remove(point)  # the last one still gives the day its date line
        point.set_aside = why
