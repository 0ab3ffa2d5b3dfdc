"""Extract the events of a document: `extract(document, lang, reference) -> list[Event]`;
`run(...)` gives the events with the stages' values (for `--explain`, `explain.py`).

Stages, each a module of pure functions over typed values, in the order `run` calls them:
  1. layout      — sentence units and paragraphs (`segment.py`); lines, headings, bullets,
                   label/value lines and blocks (`layout.py`)
  2. candidates  — time mentions (`affiche.when`), places (`locate.py` over `places.py`,
                   `addresses.py`, `venuenames.py`), contacts (`contacts.py`), organisers
                   (`organisers.py`), cue phrases of the language files (`cues.py`)
  3. features    — named features (`features.py`) and the grammar of a sentence: tense, mood,
                   negation, ban (`grammar.py`, words in `[events.grammar]`)
  4. scoring     — `scoring.py`: weights in `weights.toml` (a note per weight, how it was
                   set), each score with its contributions; decisions still_to_come,
                   told_twice, same_event, contact_of, place_of
  5. roles, days, grouping — the role of each time (`roles.py`), whether a day still invites
                   (`liveness.py` rules + the still_to_come score), days (`timeline.py`),
                   readings of a weekday (`readings.py`), items of a day (`grouping.py`
                   with the same_event score of `sameevent.py`, `sites.py`, `siblings.py`),
                   start and end (`starts.py`), on the types of
                   `points.py`
  6. assignment  — one site per event (`assign.place_event`, `placechoice.py`), meeting
                   points and transport (`logistics.py`), each contact to its event
                   (`assign.assign_contacts`)
  7. kind, title, build — kind (`kinds.py`, a scored decision over the cue words that
                   `kindcues.py` finds), titles from each announcement's own heading
                   (`titles.py`), the Event with evidence and warnings (`build.py`); a page's
                   embedded schema.org Events complete or question the result (`hints.py`)
Checks that look at a whole event (missing time or place, meeting after start) and geocoding
happen after, in `affiche.resolve`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from affiche import when
from affiche.extract import (
    assign,
    build,
    confidence,
    describe,
    hints,
    liveness,
    locate,
    readings,
    roles,
    timeline,
    titles,
)
from affiche.extract.contacts import find_contacts
from affiche.extract.layout import Layout
from affiche.extract.points import Draft, TimePoint
from affiche.extract.scoring import Score
from affiche.extract.segment import Segmentation, segment
from affiche.model import Document, Event

__all__ = ["extract", "run", "Run"]


@dataclass
class Run:
    """One extraction with its intermediate stages, for `--explain`: the events, the drafts
    they were built from (same order, before embedded hints), the time points, the place
    candidates, the contacts and the contact decisions."""

    events: list[Event]
    drafts: list[Draft]
    points: list[TimePoint]
    places: list[locate.PlaceCandidate]
    segments: Segmentation
    contact_decisions: list[Score] = field(default_factory=list)
    hinted: bool = False


def extract(document: Document, lang: str, reference: dt.datetime) -> list[Event]:
    """The events a document announces, with evidence spans into `document.text`."""
    return run(document, lang, reference).events


def run(document: Document, lang: str, reference: dt.datetime) -> Run:
    """Run every stage on a document; the events and what decided them."""
    text = document.text
    segments = segment(text)
    places = locate.candidates(text, lang)
    mentions = when.find(_without_bracketed_postcodes(text), reference, lang,
                         _date_locale(document, places, lang))
    contacts = find_contacts(text, countries=[(c.start, c.place.country or "") for c in places])
    # "14.00 – 15.00 uur" is a time, not a phone number: a time expression is no contact
    timed = sorted((m.start, m.end) for m in mentions)
    contacts = [c for c in contacts if c.type != "phone" or c.evidence is None
                or not _overlaps(c.evidence, timed)]
    title, title_span = describe.headline(text, document.title)
    points = roles.classify(mentions, segments, lang)
    readings.weekday_of_writing(points, reference, lang)
    # the text's shape (headings, bullets, blocks) speaks in the grouping and after it
    shape = Layout(text, segments, [(m.start, m.end) for m in mentions])
    drafts = timeline.build_drafts(points, segments, places, lang, reference, title, shape)
    organisers = describe.find_organisers(lang, text, segments)
    # month names ("March", "mars") and street names ("Market Square") are no kind cues
    timed_spans = tuple(sorted(span for m in mentions for span in build.expression_spans(m)))
    masked = list(timed_spans)
    masked += [(c.start, c.end) for c in places if c.source == "address"]
    # a kind word inside a venue's name ("Memorial Gardens", "Assembly Rooms") names no
    # event, unless the name opens its line: a heading "Cinéma en plein air" is the event's
    masked += [(c.start, c.end) for c in places if c.source == "venue"
               and text[text.rfind("\n", 0, c.start) + 1:c.start].strip(" \t-•*>")]
    # nor is a word of an organiser's name ("called by the Housing Action Forum")
    masked += [(start, end) for _, start, end in organisers]
    counts = describe.kind_counts(lang, text, masked)
    # "Jeudi passé, … pendu au centre fermé de Merksplas": a place told with a day that is
    # over is that day's
    over = set(liveness.past_sentences(points, reference))
    done = liveness.done_sentences(segments, lang)
    units = [build.draft_units(draft) for draft in drafts]
    headings = titles.own_headings(drafts, shape)
    # the kind of an item of a list comes from its section's heading before the text's title
    sections = titles.section_headings(drafts, shape)
    named = [heading or section for heading, section in zip(headings, sections, strict=True)]
    kind_context = (masked, counts, timed_spans)
    built = [build.build_event(draft, document, lang, segments, places, contacts, organisers,
                               kind_context, heading.text.strip() if heading else title,
                               len(drafts) == 1, build.claimed_spans(units, index, over),
                               sorted(over - units[index]), done)
             for index, (draft, heading) in enumerate(zip(drafts, named, strict=True))]
    build.same_place_as_before(built, drafts, lang)
    build.programme_place(built, drafts)
    built, drafts, headings = build.merge_told_twice(built, drafts, headings)
    build.text_country(built, places)
    decisions = assign.assign_contacts(built, drafts, contacts, shape)
    titles.assign_titles(built, drafts, headings, title, title_span, lang)
    result = Run(built, drafts, points, places, segments, decisions)
    if document.hints:
        result.events = hints.apply_hints(built, document.hints, reference, document.timezone,
                                          lang)
        result.hinted = True
    context = confidence.Context(document, reference, places, segments, drafts, counts, points)
    for index, event in enumerate(result.events):
        # the events a page's schema.org data added come after the drafts' own
        confidence.assess(event, drafts[index] if index < len(drafts) else None, context)
    return result


def _date_locale(document: Document, places: list[locate.PlaceCandidate],
                 lang: str) -> str | None:
    """The locale numeric dates follow: en_US or en_CA ("12/04" = December 4th) for an English
    call placed in North America by its zone or by most of its places, else none (day first)."""
    if lang != "en":
        return None  # a French call from Quebec writes the day first
    countries = [c.place.country for c in places if c.place.country]
    american = [c for c in countries if c in ("US", "CA")]
    if countries and 2 * len(american) > len(countries):
        return "en_" + max(set(american), key=american.count)
    if (document.timezone or "").startswith("America/"):
        return "en_US"
    return None


def _overlaps(span: tuple[int, int], timed: list[tuple[int, int]]) -> bool:
    """True when one of the sorted spans `timed` overlaps `span` (found by bisection)."""
    index = bisect.bisect_left(timed, (span[1], span[1]))
    return any(end > span[0] for _, end in timed[max(0, index - _OVERLAP_BACK):index])


_OVERLAP_BACK = 3  # time mentions before a contact's end that may reach into it


# the digits first, then what stands before them: the engine then skips to the next digit
# instead of testing the look-behind at every character
_BRACKETED_NUMBER = re.compile(r"(\d{4})(?<=[^\W_] \(\d{4})(?=\))")
_YEARS = range(1900, 2101)  # four digits that read as a year stay one


def _without_bracketed_postcodes(text: str) -> str:
    """The text with a known postcode in brackets after a word blanked ("la maison communale
    (1060) le samedi 14 juin", "rue Haute 12 (1000)": not the year 1060), offsets unchanged,
    for the time engine."""
    from affiche.resolve import gazetteer

    table = gazetteer.load().postcodes

    def blank(match: re.Match[str]) -> str:
        """Spaces for a postcode, the digits for anything else."""
        code = match.group(1)
        return " " * len(code) if int(code) not in _YEARS and code in table else code

    return _BRACKETED_NUMBER.sub(blank, text)
