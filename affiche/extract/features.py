"""Named features of candidates for the scored decisions of `scoring` (weights in
`weights.toml`): of a pair of drafts (told twice or two events), of a time (still to come,
reported, called off), and of a contact and an event (whose contact it is).

Each function returns plain `{name: value}` maps, values in [0, 1]; the names are the keys of
`weights.toml`, documented there with how their weights were set.
"""

from __future__ import annotations

import datetime as dt
import re

from affiche.extract import cues, grammar
from affiche.extract.locate import PlaceCandidate
from affiche.extract.points import Draft, TimePoint, _clock, _unit_place_key
from affiche.extract.segment import Segmentation

__all__ = ["told_twice", "still_to_come", "start_of", "break_line", "entry_shapes",
           "NIGHT_ENDS"]

NIGHT_ENDS = 5  # an hour before this one is a night hour (a parking ban, a coach, a timestamp)
_START_REACH = 40  # characters before a time where a word of starting speaks of it
_HEADING_LENGTH = 90  # characters of a line that can head an announcement
_NEAR_DAYS = 30  # days ahead within which a call usually announces its event
_FAR_DAYS = 150  # days beyond `_NEAR_DAYS` over which a day told in the past grows unlikely


def told_twice(first: Draft, other: Draft, segments: Segmentation,
               places: list[PlaceCandidate], shared_words: bool) -> dict[str, float]:
    """Features of "`first` (told in the opening lines) is `other` told again"."""
    own = first.anchors or first.times
    # only the hours told with the day itself: a time the text tells in passing elsewhere
    # was hung on the headline's day for want of another
    dated = {p.unit.start for p in first.times if p.mention.has_date}
    clocks = {_clock(p) for p in first.times if p.mention.has_time and p.unit.start in dated}
    theirs = {_clock(p) for p in other.anchors if p.mention.has_time}
    keys = {_unit_place_key(p.unit, places) for p in own} - {None}
    their_keys = {_unit_place_key(p.unit, places) for p in other.anchors} - {None}
    return {
        "shared_words": float(shared_words),
        "first_line": float(all(segments.index_at(p.unit.start) == 0 for p in first.times)),
        "clocks_differ": float(bool(clocks and theirs and not clocks & theirs)),
        "places_differ": float(bool(keys and their_keys and not keys & their_keys)),
        "own_heading": float(_own_heading(first, other, segments)),
        "entry_shape": float(bool(entry_shapes(first) & entry_shapes(other))),
    }


_SHAPE_LETTERS = 10  # letters an agenda entry's line holds besides its date


def entry_shapes(draft: Draft) -> set[str]:
    """The lines of a draft's dated times without their time expression, folded, when they
    hold enough words to tell an agenda's entries by their shape ("…, 7pm Free but ticketed
    £4 suggested donation"): two days of one shape are two entries of one agenda."""
    found = set()
    for point in draft.anchors:
        unit, mention = point.unit, point.mention
        rest = unit.text[:mention.start - unit.start] + " " + unit.text[mention.end - unit.start:]
        folded = " ".join(re.findall(r"[^\W\d_]+", rest.casefold()))
        if sum(ch.isalpha() for ch in folded) >= _SHAPE_LETTERS:
            found.add(folded)
    return found


def _own_heading(first: Draft, other: Draft, segments: Segmentation) -> bool:
    """True when a short line without a time, after `first`'s lines, heads `other`'s sentence
    in a paragraph of its own ("Second call" ↵ "Join us on … at …")."""
    if not other.anchors:
        return False
    last = max(p.unit.start for p in first.times)
    begins = min(p.unit.start for p in other.anchors)
    index = segments.index_at(begins)
    if index == 0:
        return False
    above = segments.units[index - 1]
    timed = {p.unit.start for p in first.times + other.times}
    anchor = segments.units[index]
    alone = [u for u in segments.units[max(0, index - 2): index + 1] if u.line == above.line]
    opens = index == 0 or segments.units[index - 1].line != anchor.line
    return above.start > last and above.start not in timed and len(above.text) <= \
        _HEADING_LENGTH and opens and alone == [above] \
        and not above.text.rstrip().endswith((":", ".", "!", "?", ","))



def still_to_come(point: TimePoint, lang: str, reference: dt.datetime,
                  report: bool) -> dict[str, float]:
    """Features of "the dated `point` is an event still to come", from the grammar of its
    sentence (`grammar.read`) and the distance of its day."""
    unit = point.unit
    reading = grammar.read(unit.text, lang, point.mention.start - unit.start,
                           point.mention.end - unit.start)
    days = (point.day - reference.date()).days if point.day else 0
    far = min(1.0, max(0.0, (days - _NEAR_DAYS) / _FAR_DAYS))
    past = reading.perfect_past and not reading.future
    return {
        "past_cue": float(bool(cues.past_pattern(lang).search(unit.text))),
        "perfect_past": float(past),
        "year_written": float(_has_year(point)),
        "past_told_far_ahead": far if past and not _has_year(point) else 0.0,
        "future": float(reading.future),
        "conditional": float(reading.conditional and not reading.future),
        "negated_event": float(reading.negated_event),
        "banned": float(reading.banned),
        "invite": float(bool(cues.cue_pattern(lang, "invite").search(unit.text))),
        "report_document": float(report),
    }


def _has_year(point: TimePoint) -> bool:
    """True when the mention writes its year (four digits)."""
    return any(len(run) == 4 for run in "".join(
        ch if ch.isdigit() else " " for ch in point.mention.text).split())


def start_of(point: TimePoint, told_first: bool, assembly: bool, on_site: bool,
             earliest: bool, lang: str) -> dict[str, float]:
    """Features of "`point` is the start of its draft's event", among the draft's times of
    the event and its rendez-vous (`starts`): told first, a rendez-vous (on the event's own
    site or not), a word of starting before it, the earliest hour, a night hour."""
    mention, unit = point.mention, point.unit
    low = max(0, mention.start - unit.start - _START_REACH)
    before = unit.text[low: mention.start - unit.start]
    before = grammar.clause_tail(before)
    said = before + " " + mention.text
    clock = _clock(point)
    return {
        "break_line": float(break_line(point, lang)),
        "told_first": float(told_first),
        "assembly_on_site": float(assembly and on_site),
        "assembly": float(assembly and not on_site),
        "start_word": float(bool(cues.cue_pattern(lang, "starting").search(said))),
        "earliest": float(earliest),
        "night_hour": float(clock is not None and clock[0] < NIGHT_ENDS),
    }


_LABEL_REST = 3  # characters a pause's label may hold besides its word and a remark in brackets


def _opens_with_label(label: str, pattern: object) -> bool:
    """True when a programme line's label after its time is a pause ("Lunch", "Repas"),
    a remark in brackets aside ("Lunch (no charge)")."""
    label = re.sub(r"\([^()]*\)", "", label).strip()
    found = pattern.match(label)  # type: ignore[attr-defined]
    return bool(found) and len(label) - found.end() <= _LABEL_REST


def break_line(point: TimePoint, lang: str) -> bool:
    """True for a programme line whose label after its time is a pause of the day ("12 - 1pm
    : Lunch", "12h30 : repas", "12u30: middagpauze")."""
    unit, mention = point.unit, point.mention
    label = unit.text[mention.end - unit.start:].strip(" \t:–—-|•*>").casefold()
    return _opens_with_label(label, cues.cue_pattern(lang, "breaks"))
