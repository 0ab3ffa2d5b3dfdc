"""What the event is and who calls it: kind, title and organisers.

Kind: cue words of each kind (language files) are counted in the event's own sentence (weight
3, and its head cue counts double: the one right after the start time, "à 20h avec la
chorale", else the one opening the sentence, else the nearest; never a topic, "sur les
grèves", a sequel, "suivi d'un concert", or a word of a name), its other sentences, the
headline and the whole text (capped), so a rally announced in a text that also speaks of
"manifestations" in general stays a rally; the weights are the `kind_of` decision of
`weights.toml`. A generic word of calls to act ("action", "mobilisation") is no head cue beside
a word of the event's form and counts less. Where cues overlap the longer phrase wins
("manifestation statique" is a rally) and phrases that name no event ("point de rencontre")
drop the cue they hold. Street protests are then told apart by shape (named march, national
call, route, site); a programme item is what its own line says, and a programme of items of
several kinds is "other".
Title: the announcement's own headline when it has one, else a short generated one.
Organisers: the names after "à l'appel de / organisé par / georganiseerd door / organised by",
or the capitalised name before "appelle à / organise / roept op / calls for".
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from affiche.extract import cues, scoring
from affiche.extract.organisers import find_organisers
from affiche.extract.segment import Unit
from affiche.model import KINDS, Place

__all__ = ["Focus", "choose_kind", "kind_counts", "headline", "generated_title", "find_organisers"]

_FILE_NAME = re.compile(r"^(IMG|PXL|VID|DSC|Screenshot|WhatsApp)[\w\- .]*$", re.IGNORECASE)
_MOSTLY_DIGITS = re.compile(r"^[\W\d_]+$")


def kind_counts(lang: str, text: str, masked: list[tuple[int, int]]) -> dict[str, int]:
    """How often each kind's cues occur in the whole text, outside `masked` spans."""
    counts = {kind: 0 for kind in KINDS}
    for cue in _cues(lang, text, 0, masked, text):
        counts[cue.kind] += 1
    return counts


@dataclass(frozen=True)
class Focus:
    """Where the event sits in the text: the text itself, the offset of its start time, and
    whether it is one item of a programme or the programme as a whole (its umbrella)."""

    text: str = ""
    at: int | None = None
    item: bool = False
    umbrella: bool = False


@dataclass(frozen=True)
class _Cue:
    """One cue word of a kind, with its span in the text."""

    kind: str
    start: int
    end: int


def _free(start: int, end: int, masked: list[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps no masked span."""
    starts, ends = _masked_index(masked)
    index = bisect.bisect_left(starts, end) - 1  # the last span starting before `end`
    return index < 0 or ends[index] <= start


_MASKS: list[tuple[list[tuple[int, int]], int, tuple[list[int], list[int]]]] = []


def _masked_index(masked: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The masked spans merged and sorted (starts, ends), built once per list: every cue of a
    long text is looked up in them."""
    for known, size, index in _MASKS:
        if known is masked and size == len(masked):
            return index
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(masked):
        if ends and a < ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    _MASKS[:] = [(masked, len(masked), (starts, ends))]
    return starts, ends


def _cues(lang: str, text: str, offset: int, masked: list[tuple[int, int]],
          whole: str = "") -> list[_Cue]:
    """The kind cues of `text` (which starts at `offset` in the document `whole`), in text
    order; where cues of two kinds overlap the longer phrase wins ("manifestation statique" is
    a rally, "stille tocht" a vigil, "ciné-débat" a screening), and cues inside `masked` spans
    do not count."""
    found = [c for c in _raw_cues(lang, text, offset, whole) if _free(c.start, c.end, masked)]
    exact = _exact_phrases(lang)

    def rank(cue: _Cue) -> tuple[int, bool, bool, int]:
        """Longer first; of two as long, a phrase naming no event, then a phrase written out
        in full ("fietsbetoging") before a compound ending ("*betoging")."""
        spelled = text[cue.start - offset:cue.end - offset].lower() in exact.get(cue.kind, ())
        return (cue.start - cue.end, cue.kind != "", not spelled, cue.start)

    kept: list[_Cue] = []  # in text order; kept cues never overlap, so neighbours tell
    for cue in sorted(found, key=rank):
        index = bisect.bisect_left(kept, cue.start, key=lambda k: k.start)
        if (index < len(kept) and kept[index].start < cue.end) or (
                index > 0 and kept[index - 1].end > cue.start):
            continue
        kept.insert(index, cue)
    return [c for c in kept if c.kind]


def _raw_cues(lang: str, text: str, offset: int, whole: str = "") -> tuple[_Cue, ...]:
    """Every match of every kind's cues in `text`, overlaps included. A sentence of the
    document `whole` takes its matches from the whole text's, read once (`_whole_cues`),
    instead of reading again (a third of the extraction time otherwise)."""
    end = offset + len(text)
    if whole and whole[offset:end] == text:
        return tuple(c for c in _whole_cues(lang, whole) if offset <= c.start and c.end <= end)
    return _read_cues(lang, text, offset)


@functools.lru_cache(maxsize=4)
def _whole_cues(lang: str, whole: str) -> tuple[_Cue, ...]:
    """Every cue match of a whole document, kept while its events are described."""
    return _read_cues(lang, whole, 0)


def _read_cues(lang: str, text: str, offset: int) -> tuple[_Cue, ...]:
    """Every match of every kind's cues in `text` (which starts at `offset`)."""
    # phrases that name no event ("point de rencontre") take part as a kind of their own, ""
    names, lists = cues.kind_cues(lang)
    found = [_Cue(kind, offset + m.start(), offset + m.end())
             for kind, matches in zip(names, lists.matches(text), strict=True) for m in matches]
    # a separable verb names its kind from the verb on ("we komen dinsdag samen")
    found += [_Cue(kind, offset + m.start(), offset + m.end())
              for kind, pattern in cues.separable_cues(lang) for m in pattern.finditer(text)]
    return tuple(sorted(found, key=lambda c: c.start))


@functools.cache
def _exact_phrases(lang: str) -> dict[str, frozenset[str]]:
    """The cue phrases of each kind written out in full (without a `*`), lower case."""
    table = cues.events_data(lang)["kinds"]
    return {kind: frozenset(w.lower() for w in words if "*" not in w)
            for kind, words in table.items() if isinstance(words, list)}


def _head(lang: str, found: list[_Cue], at: tuple[int, int] | None, text: str = "",
          ) -> _Cue | None:
    """The cue that names the event itself. A cue that is one word of a capitalised name
    ("Santé Action Sociale"), the topic of another noun ("conférence sur les grèves") or what
    comes next ("suivi d'un concert") names nothing; of the others, the one right after the
    start time ("19h : débat", "à 20h avec la chorale"), else the one opening the sentence
    ("Concert de soutien à la grève le 15 mars"), else the one nearest the time."""
    named = [c for c in found if not _in_name(text, c) and not _topic(lang, text, c)]
    named = [c for c in named if not _after_then(lang, text, c)] or named
    # "action" or "mobilisation" names the call; a word of its form beside it names the event
    named = [c for c in named if not _generic(lang, text, c)] or named
    if not named:
        return None
    if at is None:
        return named[0]
    right_after = [c for c in named if 0 <= c.start - at[1] <= 25]
    if right_after:
        return right_after[0]
    if text and _opens_sentence(text, named[0]):
        return named[0]
    return min(named, key=lambda c: (at[0] - c.end) if c.end <= at[0] else (c.start - at[1]))


_OPENING = re.compile(r"(?:^|[.!?:;\n•>–—])\W*(?:[\w'’\-]+\W+){0,2}$")


def _opens_sentence(text: str, cue: _Cue) -> bool:
    """True when at most two words come between the start of the cue's sentence and the cue."""
    return bool(_OPENING.search(text, max(0, cue.start - 60), cue.start))


# what may stand between a shape word and the cue: up to two words after "suivi de" ("suivi
# d'un grand concert"), nothing but spaces after a topic word ("sur les grèves")
_BETWEEN = {"then": r"\W+(?:[\w'’]+\W+){0,2}$", "topic": r"\s*$"}


@functools.cache
def _shape_pattern(lang: str, key: str) -> re.Pattern[str]:
    """The words of `kind_shape.<key>` ("suivi de", "gevolgd door"; "sur", "over") at the end
    of the text searched, with what may follow them before a cue."""
    words = sorted(cues.events_data(lang)["kind_shape"][key], key=len, reverse=True)
    body = "|".join(re.sub("['’]", "['’]", re.escape(w)).replace(r"\ ", r"\s+") for w in words)
    return re.compile(r"(?<!\w)(?:" + body + r")" + _BETWEEN[key], re.IGNORECASE)


def _after_shape_word(lang: str, key: str, text: str, cue: _Cue) -> bool:
    """True when the cue follows a `kind_shape.<key>` word of its own line."""
    if not text:
        return False
    line_start = text.rfind("\n", 0, cue.start) + 1
    return bool(_shape_pattern(lang, key).search(text, line_start, cue.start))


@functools.cache
def _generic_words(lang: str) -> frozenset[str]:
    """The language's kind words that name a call to act, not its form (`kind_shape.generic`)."""
    return frozenset(w.casefold() for w in cues.events_data(lang)["kind_shape"].get("generic", []))


def _generic(lang: str, text: str, cue: _Cue) -> bool:
    """True when the cue is a generic word ("mobilisation", "actie"): it names the call, and
    a word of the event's form ("rassemblement", "samenkomst") elsewhere tells it better."""
    return bool(text) and text[cue.start:cue.end].casefold() in _generic_words(lang)


def _after_then(lang: str, text: str, cue: _Cue) -> bool:
    """True when the cue is what comes next ("suivi d'un concert", "followed by a film")."""
    return _after_shape_word(lang, "then", text, cue)


def _topic(lang: str, text: str, cue: _Cue) -> bool:
    """True when the cue is a topic ("l'histoire des grèves", "a talk about strikes")."""
    return _after_shape_word(lang, "topic", text, cue)


_NAME_BEFORE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’\-.]*\s+$")


def _in_name(text: str, cue: _Cue) -> bool:
    """True when the cue is one word of a capitalised name, not at the head of its line."""
    if not text or not text[cue.start:cue.start + 1].isupper():
        return False
    line_start = text.rfind("\n", 0, cue.start) + 1
    before = text[line_start:cue.start]
    return bool(_NAME_BEFORE.search(before)) and len(before.split()) > 1


def choose_kind(lang: str, units: list[Unit], title: str | None, counts: dict[str, int],
                masked: list[tuple[int, int]], focus: Focus | None = None,
                ) -> tuple[str, tuple[int, int] | None]:
    """The most likely kind, with the span of the cue that decided it. The event's own sentence
    (the first of `units`) weighs most, its head cue (`_head`) above all, then the
    other sentences of the event, the headline and the whole text (`kind_counts`). A programme
    item is what its own line says; a programme of items of several kinds is "other"."""
    focus = focus or Focus()
    own = [_cues(lang, unit.text, unit.start, masked, focus.text) for unit in units]
    if focus.item:
        # an item's label names what it is about after a topic word ("8.45pm — speakers from
        # the strike"): that is no kind of the item
        own = [[c for c in found if not _topic(lang, focus.text, c)] for found in own]
    if focus.umbrella:
        heads = _programme_heads(lang, masked, focus)
        if len(heads) > 1:  # a day of workshops, talks and music is none of them
            return "other", None
    features: dict[str, dict[str, float]] = {kind: {} for kind in KINDS}
    spans: dict[str, tuple[int, int]] = {}

    def count(cue: _Cue, feature: str, span: bool = True, within: str | None = None) -> None:
        """One more cue of its kind for `feature`; a generic word also counts as `generic`."""
        found = features[cue.kind]
        found[feature] = found.get(feature, 0.0) + 1.0
        if feature != "head" and _generic(lang, focus.text if within is None else within, cue):
            found["generic"] = found.get("generic", 0.0) + 1.0
        if span:
            spans.setdefault(cue.kind, (cue.start, cue.end))

    head = _head(lang, own[0], _time_span(focus, masked), focus.text) if own else None
    if head:
        count(head, "head")
    for index, found in enumerate(own):
        for cue in found:
            count(cue, "own_sentence" if index == 0 else "other_sentence")
    if not spans:
        for index, cue in enumerate(_block(lang, units, masked, focus)):
            count(cue, "block_first" if index == 0 else "block")  # the title line comes first
    if focus.item and not spans and len(_programme_heads(lang, masked, focus, before=15)) > 1:
        return "other", None  # an unnamed item among workshops, talks and concerts
    headline = _title_cues(lang, title, masked, focus)
    if not (spans and focus.item):  # an item that names nothing is what the page is about
        in_text = bool(title and focus.text and title in focus.text)
        for cue in headline:  # cues of a headline not in the text are offsets into the title
            count(cue, "headline", span=False, within=None if in_text else title)
        for kind in KINDS:
            features[kind]["text"] = min(4.0, float(counts.get(kind, 0)))
    scores = {kind: scoring.total("kind_of", features[kind]) for kind in KINDS}
    best = max(KINDS, key=lambda k: (scores[k], -KINDS.index(k)))
    if scores[best] == 0:
        return "other", None
    if best == "meeting" and own and any(c.kind == "screening" for c in own[0]):
        best = "screening"  # a film followed by a debate is a screening
    named = [*headline, *(cue for found in own for cue in found)]
    if best == "rally" and any(cue.kind == "vigil" for cue in named):
        best = "vigil"  # "we gather at 7pm" for a vigil: the gathering is the vigil's form
    return _refine(lang, best, units, own, title, focus, masked), spans.get(best)


def _refine(lang: str, kind: str, units: list[Unit], own: list[list[_Cue]],
            title: str | None, focus: Focus, masked: list[tuple[int, int]]) -> str:
    """Street protests by their shape. An event named a march ("marche", "mars", "march") in
    its own sentences is a march, even a national one; a national or union call in its own
    sentences or the headline stays a demonstration; a route in its own sentences makes a
    march; a national call in its paragraph, a demonstration; a procession word ("cortège"),
    a march; a site ("devant la préfecture"), a rally."""
    if kind not in ("demonstration", "rally", "march"):
        return kind
    words = " ".join(unit.text for unit in units)
    named = cues.cue_pattern(lang, "kind_shape.named_march")
    marches = [focus.text[c.start:c.end] if focus.text else "" for found in own for c in found
               if c.kind == "march"]
    if kind == "march":
        marches += [title[c.start - t:c.end - t] for c in _title_cues(lang, title, masked, focus)
                    if c.kind == "march" and title and (t := _title_at(title, focus)) >= 0]
    if any(named.fullmatch(m) for m in marches):
        return "march"
    national = cues.cue_pattern(lang, "national")
    if national.search(" ".join((words, title or ""))):
        return "demonstration"
    if cues.cue_pattern(lang, "route").search(words):
        return "march"
    if national.search(_paragraph(focus)):
        return "demonstration"
    if kind == "march" or marches:
        return "march"
    if cues.cue_pattern(lang, "route").search(_lines_after(focus, units[0].start, masked)):
        return "march"  # "Assemble 12pm / Rally 12.30pm / Set off at 1pm"
    if kind == "demonstration" and cues.cue_pattern(lang, "static").search(words):
        return "rally"
    return kind


def _title_at(title: str, focus: Focus) -> int:
    """Where the headline's cue offsets start: its place in the text, else 0."""
    where = focus.text.find(title) if focus.text else -1
    return where if where >= 0 else 0


def _paragraph(focus: Focus, reach: int = 400) -> str:
    """The paragraph (between blank lines) around the event's start time, at most `reach`
    characters either side of it."""
    if not focus.text or focus.at is None:
        return ""
    low, high = max(0, focus.at - reach), min(len(focus.text), focus.at + reach)
    breaks = [m.end() for m in _BLANK.finditer(focus.text, low, focus.at)]
    after = _BLANK.search(focus.text, focus.at, high)
    return focus.text[breaks[-1] if breaks else low:after.start() if after else high]


def _lines_after(focus: Focus, start: int, masked: list[tuple[int, int]],
                 reach: int = 150) -> str:
    """The text from the event's own sentence (at `start`) on, up to a blank line or `reach`
    characters, that still speaks of it: a line that opens with a time of its own is another
    item."""
    if not focus.text or focus.at is None:
        return ""
    end = min(len(focus.text), focus.at + reach)
    blank = _BLANK.search(focus.text, focus.at, end)
    others = [(a, b) for a, b in masked if not a <= focus.at < b]  # its own time runs on
    taken = []
    offset = start
    for index, line in enumerate(focus.text[start:blank.start() if blank else end].split("\n")):
        if index and _opens_with_time(line, offset, others):
            break
        taken.append(line)
        offset += len(line) + 1
    return "\n".join(taken)


def _opens_with_time(line: str, offset: int, masked: list[tuple[int, int]]) -> bool:
    """True for a line (at `offset`) that opens with a time, after any bullet: "13h : atelier",
    "> 20u: optreden" (a masked time expression covers its first characters)."""
    lead = offset + len(_BULLET.match(line).group())  # type: ignore[union-attr]
    return any(a <= lead + 3 and lead < b for a, b in masked)


_BLANK = re.compile(r"\n[ \t]*\n")


def _time_span(focus: Focus, masked: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the event's start time: the masked time expression that begins at it."""
    if focus.at is None:
        return None
    ends = [b for a, b in masked if a == focus.at]
    return (focus.at, max(ends) if ends else focus.at)


def _title_cues(lang: str, title: str | None, masked: list[tuple[int, int]],
                focus: Focus) -> list[_Cue]:
    """The cues of the headline; where it is a line of the text, its dates are masked as there
    (a headline "le mardi 28 mars" names no march)."""
    if not title:
        return []
    where = focus.text.find(title) if focus.text else -1
    if where < 0:
        return _cues(lang, title, 0, [])
    return _cues(lang, title, where, masked, focus.text)


def _programme_heads(lang: str, masked: list[tuple[int, int]], focus: Focus,
                     before: int = 0, lines: int = 30) -> set[str]:
    """The kinds named first on the programme lines around the start (lines that open with
    their time: "13h : atelier", "> 20u: optreden"), from `before` lines above the start's
    line, `lines` lines in all. A list of sites opens with towns and has no such lines."""
    if not focus.text or focus.at is None:
        return set()
    start = focus.text.rfind("\n", 0, focus.at) + 1
    for _ in range(before):
        if start == 0:
            break
        start = focus.text.rfind("\n", 0, start - 1) + 1
    heads: set[str] = set()
    offset = start
    for line in focus.text[start:].split("\n")[:lines]:
        if _opens_with_time(line, offset, masked):
            head = _head(lang, _cues(lang, line, offset, masked, focus.text), None, focus.text)
            if head:
                heads.add(head.kind)
        offset += len(line) + 1
    return heads


_BULLET = re.compile(r"[\s>•·*▶︎►\-–—]*")


def _block(lang: str, units: list[Unit], masked: list[tuple[int, int]],
           focus: Focus) -> list[_Cue]:
    """The cues of the lines right after the event's own sentence, up to the next time or
    address: on an agenda page the date line comes first and what happens follows it."""
    if not focus.text or not units:
        return []
    start = units[0].end
    later = [a for a, _ in masked if a >= start]
    end = min([start + 400, len(focus.text)] + later)
    return _cues(lang, focus.text[start:end], start, masked, focus.text)


# a sentence end followed by another sentence: a line of prose, not a title
# (not after an abbreviation: "St. Mary's", "M. Dupont")
_SENTENCES = re.compile(r"[a-zà-öø-ÿ]{3}[.!?] +[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]")


def headline(text: str, title: str | None) -> tuple[str | None, tuple[int, int] | None]:
    """The announcement's own title: the document title, else its first line that reads as one."""
    if title and title.strip():
        clean = title.strip()
        where = text.find(clean)
        return clean, ((where, where + len(clean)) if where >= 0 else None)
    offset = 0
    for line in text.split("\n")[:6]:
        stripped = line.strip()
        start = offset + line.find(stripped) if stripped else offset
        offset += len(line) + 1
        if not stripped or _FILE_NAME.match(stripped) or _MOSTLY_DIGITS.match(stripped):
            continue
        if len(stripped) > 140 or _SENTENCES.search(stripped):
            break  # the text opens with prose: a later line is no headline of it
        if stripped.count(" ") < 1 or stripped.endswith(","):
            continue  # a single word, or a greeting ("Hi all,", "Chers amis,")
        return stripped, (start, start + len(stripped))
    return None, None


def generated_title(lang: str, kind: str, place: Place, start: dt.date | dt.datetime | None) -> str:
    """A short title from kind, place and day: "Rassemblement — Steenokkerzeel, sam. 18 janv."."""
    label = cues.events_data(lang)["kind_labels"].get(kind, kind.capitalize())
    where = place.locality or place.name
    parts = [label]
    tail = ", ".join(p for p in (where, _short_day(lang, start)) if p)
    return f"{label} — {tail}" if tail else parts[0]


def _short_day(lang: str, start: dt.date | dt.datetime | None) -> str | None:
    """The day in the language's short form, from the time words of the language file."""
    if start is None:
        return None
    names = cues.events_data(lang)["dates"]
    weekdays, months = names["weekday_short"], names["month_short"]
    day = start.date() if isinstance(start, dt.datetime) else start
    if len(weekdays) == 7 and len(months) == 12:
        return f"{weekdays[day.weekday()]} {day.day} {months[day.month - 1]}"
    return day.isoformat()
