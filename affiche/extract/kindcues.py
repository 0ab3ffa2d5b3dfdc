"""Kind cue words in a text: where each kind's words occur, and which of them name the event.

The cue words of each kind come from the language files (`[events.kinds]`, separable verbs in
`[events.kind_separable]`); where cues overlap the longer phrase wins ("manifestation statique"
is a rally) and phrases that name no event (`kind_shape.ignore`: "point de rencontre") drop the
cue they hold. A cue that is a word of a capitalised name, the topic of another noun ("sur les
grèves"), what comes next ("suivi d'un concert") or a generic word of calls to act ("action")
is told apart here; `kinds.choose_kind` weighs them. Written by hand: the matching is one pass of
the language's phrase lists (`cues.kind_cues`), no library reads these shapes.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from affiche.extract import cues
from affiche.model import KINDS

__all__ = ["Focus", "Cue", "kind_counts", "find_cues", "head_cue", "is_generic", "is_topic",
           "in_name"]


def kind_counts(lang: str, text: str, masked: list[tuple[int, int]]) -> dict[str, int]:
    """How often each kind's cues occur in the whole text, outside `masked` spans."""
    counts = {kind: 0 for kind in KINDS}
    for cue in find_cues(lang, text, 0, masked, text):
        counts[cue.kind] += 1
    return counts


@dataclass(frozen=True)
class Focus:
    """Where the event sits in the text: the text itself, the offset of its start time,
    whether it is one item of a programme or the programme as a whole (its umbrella), and the
    spans of every time expression of the text (sorted)."""

    text: str = ""
    at: int | None = None
    item: bool = False
    umbrella: bool = False
    times: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Cue:
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


def find_cues(lang: str, text: str, offset: int, masked: list[tuple[int, int]],
          whole: str = "") -> list[Cue]:
    """The kind cues of `text` (which starts at `offset` in the document `whole`), in text
    order; where cues of two kinds overlap the longer phrase wins ("manifestation statique" is
    a rally, "stille tocht" a vigil, "ciné-débat" a screening), and cues inside `masked` spans
    do not count."""
    # a phrase naming no event ("Market Square") drops the cue it holds even where a time or
    # place covers part of it
    found = [c for c in _raw_cues(lang, text, offset, whole)
             if not c.kind or _free(c.start, c.end, masked)]
    exact = _exact_phrases(lang)

    def rank(cue: Cue) -> tuple[int, bool, bool, int]:
        """Longer first; of two as long, a phrase naming no event, then a phrase written out
        in full ("fietsbetoging") before a compound ending ("*betoging")."""
        spelled = text[cue.start - offset:cue.end - offset].lower() in exact.get(cue.kind, ())
        return (cue.start - cue.end, cue.kind != "", not spelled, cue.start)

    kept: list[Cue] = []  # in text order; kept cues never overlap, so neighbours tell
    for cue in sorted(found, key=rank):
        index = bisect.bisect_left(kept, cue.start, key=lambda k: k.start)
        if (index < len(kept) and kept[index].start < cue.end) or (
                index > 0 and kept[index - 1].end > cue.start):
            continue
        kept.insert(index, cue)
    return [c for c in kept if c.kind]


def _raw_cues(lang: str, text: str, offset: int, whole: str = "") -> tuple[Cue, ...]:
    """Every match of every kind's cues in `text`, overlaps included. A sentence of the
    document `whole` takes its matches from the whole text's, read once (`_whole_cues`),
    instead of reading again (a third of the extraction time otherwise)."""
    end = offset + len(text)
    if whole and whole[offset:end] == text:
        # a phrase naming no event that runs over the window's edge ("… in Market | Square")
        # still drops the cue it holds
        return tuple(c for c in _whole_cues(lang, whole) if offset <= c.start and c.end <= end
                     or not c.kind and c.start < end and c.end > offset)
    return _read_cues(lang, text, offset)


@functools.lru_cache(maxsize=4)
def _whole_cues(lang: str, whole: str) -> tuple[Cue, ...]:
    """Every cue match of a whole document, kept while its events are described."""
    return _read_cues(lang, whole, 0)


def _read_cues(lang: str, text: str, offset: int) -> tuple[Cue, ...]:
    """Every match of every kind's cues in `text` (which starts at `offset`)."""
    # phrases that name no event ("point de rencontre") take part as a kind of their own, ""
    names, lists = cues.kind_cues(lang)
    found = [Cue(kind, offset + m.start(), offset + m.end())
             for kind, matches in zip(names, lists.matches(text), strict=True) for m in matches]
    # a separable verb names its kind from the verb on ("we komen dinsdag samen")
    found += [Cue(kind, offset + m.start(), offset + m.end())
              for kind, pattern in cues.separable_cues(lang) for m in pattern.finditer(text)]
    return tuple(sorted(found, key=lambda c: c.start))


@functools.cache
def _exact_phrases(lang: str) -> dict[str, frozenset[str]]:
    """The cue phrases of each kind written out in full (without a `*`), lower case."""
    table = cues.events_data(lang)["kinds"]
    return {kind: frozenset(w.lower() for w in words if "*" not in w)
            for kind, words in table.items() if isinstance(words, list)}


def head_cue(lang: str, found: list[Cue], at: tuple[int, int] | None, text: str = "",
          ) -> Cue | None:
    """The cue that names the event itself. A cue that is one word of a capitalised name
    ("Santé Action Sociale"), the topic of another noun ("conférence sur les grèves") or what
    comes next ("suivi d'un concert") names nothing; of the others, the one right after the
    start time ("19h : débat", "à 20h avec la chorale"), else the one opening the sentence
    ("Concert de soutien à la grève le 15 mars"), else the one nearest the time."""
    named = [c for c in found if not in_name(text, c) and not is_topic(lang, text, c)]
    named = [c for c in named if not after_then(lang, text, c)] or named
    # "action" or "mobilisation" names the call; a word of its form beside it names the event
    named = [c for c in named if not is_generic(lang, text, c)] or named
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


def _opens_sentence(text: str, cue: Cue) -> bool:
    """True when at most two words come between the start of the cue's sentence and the cue."""
    return bool(_OPENING.search(text, max(0, cue.start - 60), cue.start))


# what may stand between a shape word and the cue: up to two words after "suivi de" ("suivi
# d'un grand concert"), nothing but spaces after a topic word ("sur les grèves"); a part
# word ("départ") stands right before the topic word ("de la parade")
_BETWEEN = {"then": r"\W+(?:[\w'’]+\W+){0,2}$", "topic": r"\s*$", "part": r"\s+$"}


@functools.cache
def _shape_pattern(lang: str, key: str) -> re.Pattern[str]:
    """The words of `kind_shape.<key>` ("suivi de", "gevolgd door"; "sur", "over") at the end
    of the text searched, with what may follow them before a cue."""
    words = sorted(cues.events_data(lang)["kind_shape"][key], key=len, reverse=True)
    body = "|".join(re.sub("['’]", "['’]", re.escape(w)).replace(r"\ ", r"\s+") for w in words)
    return re.compile(r"(?<!\w)(?:" + body + r")" + _BETWEEN[key], re.IGNORECASE)


def _after_shape_word(lang: str, key: str, text: str, cue: Cue) -> bool:
    """True when the cue follows a `kind_shape.<key>` word of its own line."""
    if not text:
        return False
    line_start = text.rfind("\n", 0, cue.start) + 1
    return bool(_shape_pattern(lang, key).search(text, line_start, cue.start))


@functools.cache
def _generic_words(lang: str) -> frozenset[str]:
    """The language's kind words that name a call to act, not its form (`kind_shape.generic`)."""
    return frozenset(w.casefold() for w in cues.events_data(lang)["kind_shape"].get("generic", []))


def is_generic(lang: str, text: str, cue: Cue) -> bool:
    """True when the cue is a generic word ("mobilisation", "actie"): it names the call, and
    a word of the event's form ("rassemblement", "samenkomst") elsewhere tells it better."""
    return bool(text) and text[cue.start:cue.end].casefold() in _generic_words(lang)


def after_then(lang: str, text: str, cue: Cue) -> bool:
    """True when the cue is what comes next ("suivi d'un concert", "followed by a film")."""
    return _after_shape_word(lang, "then", text, cue)


def is_topic(lang: str, text: str, cue: Cue) -> bool:
    """True when the cue is a topic ("l'histoire des grèves", "a talk about strikes"), not a
    part of the event naming it ("départ du cortège", "lancement de la grève")."""
    if not _after_shape_word(lang, "topic", text, cue):
        return False
    line_start = text.rfind("\n", 0, cue.start) + 1
    topic = _shape_pattern(lang, "topic").search(text, line_start, cue.start)
    assert topic is not None  # found just above
    return not _shape_pattern(lang, "part").search(text, line_start, topic.start())


_NAME_BEFORE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’\-.]*\s+$")


def in_name(text: str, cue: Cue) -> bool:
    """True when the cue is one word of a capitalised name, not at the head of its line."""
    if not text or not text[cue.start:cue.start + 1].isupper():
        return False
    line_start = text.rfind("\n", 0, cue.start) + 1
    before = text[line_start:cue.start]
    return bool(_NAME_BEFORE.search(before)) and len(before.split()) > 1


