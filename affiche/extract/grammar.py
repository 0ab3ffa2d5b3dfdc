"""Tense, mood and negation of a clause, from the grammar words of each language file
(`[events.grammar]`), not from lists of whole verb forms.

Constructions read (the words are data; a new language is a new table):
  - perfect or passive past: a past auxiliary, then a participle within `participle_reach`
    words of the same clause ("a été organisée", "was held", "werd … gehouden"); a participle
    is a word with one of `participle_endings`, one of `participles`, or (Dutch) a prefix of
    `participle_prefixes` with one of `participle_suffixes`, and none of `not_participles`;
  - a perfect of a verb of calling, announcing or planning (`calling_participles`: "a
    proposé de se rassembler", "have announced", "heeft opgeroepen") is no past: it tells of
    the event called, still ahead;
  - future: a `future_auxiliaries` phrase, or a word with a `future_endings` ending;
  - conditional: a `conditionals` word or a word with a `conditional_endings` ending;
  - negated event: a negation (`negation_before` … `negation_after`, or `negation_after`
    alone) in a clause that holds a `takes_place` phrase or a kind of event;
  - a habit in passing: a relative pronoun (`relative_pronouns`) opening the clause of a
    repeated day ("the forum, which meets on Thursdays");
  - banned: a `ban_words` phrase in a sentence naming an event, without a `ban_against`
    word just before it (a protest against a ban is still a protest).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from affiche.extract import cues

__all__ = ["Reading", "read", "clause_around", "without_calls", "in_relative_clause"]

_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]—–]|\s-\s")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Reading:
    """What the grammar says of a clause."""

    perfect_past: bool = False
    future: bool = False
    conditional: bool = False
    negated_event: bool = False
    banned: bool = False


@functools.cache
def _grammar(lang: str) -> dict[str, Any]:
    """The `[events.grammar]` table of a language (empty when it has none)."""
    return dict(cues.events_data(lang).get("grammar", {}))


def _words(lang: str, key: str) -> list[str]:
    """One word list of the grammar table."""
    return [str(w) for w in _grammar(lang).get(key, [])]


@functools.cache
def _participle(lang: str) -> re.Pattern[str]:
    """A regex matching a whole word that is a participle of the language."""
    pieces = []
    endings = "|".join(re.escape(e) for e in _words(lang, "participle_endings"))
    if endings:
        pieces.append(rf"[^\W\d_]{{2,}}(?:{endings})")
    prefixes = "|".join(re.escape(p) for p in _words(lang, "participle_prefixes"))
    suffixes = "|".join(re.escape(s) for s in _words(lang, "participle_suffixes"))
    if prefixes and suffixes:
        pieces.append(rf"(?:{prefixes})[^\W\d_]{{2,}}(?:{suffixes})")
    listed = "|".join(re.escape(w) for w in _words(lang, "participles"))
    if listed:
        pieces.append(rf"(?:{listed})")
    if not pieces:
        return re.compile(r"(?!x)x")
    return re.compile(rf"(?:{'|'.join(pieces)})", re.IGNORECASE)


@functools.cache
def _phrases(lang: str, key: str) -> re.Pattern[str]:
    """The phrase pattern of one word list of the grammar table."""
    return cues.phrase_pattern(_words(lang, key))


@functools.cache
def _not_participles(lang: str) -> frozenset[str]:
    """The words that end like a participle and are none."""
    return frozenset(w.casefold() for w in _words(lang, "not_participles"))


def _ends_with(word: str, endings: list[str], shortest: int = 3) -> bool:
    """True when `word` ends with one of `endings` after at least `shortest` letters."""
    folded = word.casefold()
    return any(folded.endswith(e) and len(folded) - len(e) >= shortest for e in endings if e)


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of `text` holding [start, end): between the nearest clause breaks."""
    low = 0
    for match in _CLAUSE_BREAK.finditer(text, max(0, start - 200), start):
        low = match.end()
    after = _CLAUSE_BREAK.search(text, end, end + 200)
    return low, after.start() if after else min(len(text), end + 200)


def _perfects(text: str, lang: str) -> list[tuple[int, int, bool]]:
    """Each past auxiliary with the first participle within reach of its clause: (start, end,
    whether the participle is a verb of calling)."""
    auxiliaries = _phrases(lang, "past_auxiliaries")
    participle = _participle(lang)
    calling = _calling(lang)
    reach = int(_grammar(lang).get("participle_reach", 3) or 3)
    excluded = _not_participles(lang)
    found = []
    for match in auxiliaries.finditer(text):
        rest = _CLAUSE_BREAK.split(text[match.end(): match.end() + 160], maxsplit=1)[0]
        for word in list(_WORD.finditer(rest))[:reach]:
            said = word.group(0)
            if calling.fullmatch(said) or (said.casefold() not in excluded
                                           and participle.fullmatch(said)):
                found.append((match.start(), match.end() + word.end(),
                              bool(calling.fullmatch(said))))
                break
    return found


@functools.cache
def _calling(lang: str) -> re.Pattern[str]:
    """A regex matching a whole word that is the participle of a verb of calling, announcing
    or planning (`calling_participles`, a trailing * lets the word go on)."""
    words = _words(lang, "calling_participles")
    if not words:
        return re.compile(r"(?!x)x")
    pieces = [re.escape(w[:-1]) + r"[\w'’-]*" if w.endswith("*") else re.escape(w)
              for w in words]
    return re.compile(rf"(?:{'|'.join(pieces)})", re.IGNORECASE)


def clause_tail(text: str) -> str:
    """The last clause of `text` (what follows its last clause break)."""
    ends = [match.end() for match in _CLAUSE_BREAK.finditer(text)]
    return text[ends[-1]:] if ends else text


def in_relative_clause(text: str, start: int, lang: str) -> bool:
    """True when the clause of `text` holding offset `start` opens with a relative pronoun
    before it ("…, which meets on Thursdays", "…, qui se réunit le jeudi", "…, dat elke
    donderdag samenkomt")."""
    low, _ = clause_around(text, start, start)
    return bool(_phrases(lang, "relative_pronouns").search(text, low, start))


def perfect_past(text: str, lang: str) -> bool:
    """True when a clause of `text` holds a past auxiliary then a participle within reach,
    other than one of calling ("a annoncé", "have called", "heeft opgeroepen"): the perfect
    of a call tells of the event called, still ahead."""
    return any(not calling for _, _, calling in _perfects(text, lang))


def without_calls(text: str, lang: str) -> str:
    """`text` with each perfect of a verb of calling blanked (offsets unchanged), so that the
    past-tense cues read what else the sentence tells ("On leur a proposé de se rassembler")."""
    for start, end, calling in _perfects(text, lang):
        if calling:
            text = text[:start] + " " * (end - start) + text[end:]
    return text


def future(text: str, lang: str) -> bool:
    """True when `text` holds a future auxiliary or a verb with a future ending."""
    if _phrases(lang, "future_auxiliaries").search(text):
        return True
    endings = _words(lang, "future_endings")
    return bool(endings) and any(_ends_with(w, endings, 4) and w.islower()
                                 for w in _WORD.findall(text))


def conditional(text: str, lang: str) -> bool:
    """True when `text` holds a conditional word or ending."""
    if _phrases(lang, "conditionals").search(text):
        return True
    endings = _words(lang, "conditional_endings")
    return bool(endings) and any(_ends_with(w, endings) for w in _WORD.findall(text))


def negated(text: str, lang: str) -> bool:
    """True when `text` holds a negation ("ne … pas", "not", "niet")."""
    after = _phrases(lang, "negation_after")
    before = _words(lang, "negation_before")
    if not before:
        return bool(after.search(text))
    opener = cues.phrase_pattern(before)
    return any(after.search(text, m.end(), m.end() + 60) for m in opener.finditer(text)) \
        or bool(re.search(r"\bn['’]", text, re.IGNORECASE) and after.search(text))


def read(text: str, lang: str, start: int | None = None, end: int | None = None) -> Reading:
    """The reading of `text` (a sentence); with `start`/`end`, negation is read in the clause
    of that span only (a negation elsewhere in the sentence speaks of something else)."""
    clause = text
    if start is not None and end is not None:
        low, high = clause_around(text, start, end)
        clause = text[low:high]
    kinds = cues.cue_table(lang, "kinds")

    def eventful(part: str) -> bool:
        """True when `part` names a kind of event or a verb of taking place."""
        return bool(_phrases(lang, "takes_place").search(part)) or any(
            pattern.search(part) for _, pattern in kinds)

    return Reading(perfect_past=perfect_past(text, lang), future=future(text, lang),
                   conditional=conditional(text, lang),
                   negated_event=eventful(clause) and negated(clause, lang),
                   # a ban speaks of the sentence's events, not only of its day's clause
                   banned=banned(text, lang) and eventful(text))


def banned(text: str, lang: str) -> bool:
    """True when `text` forbids something ("a interdit", "was banned", "verboden"), not when
    it stands against a ban ("contre l'interdiction", "against the ban")."""
    against = _phrases(lang, "ban_against")
    for match in _phrases(lang, "ban_words").finditer(text):
        before = text[max(0, match.start() - 20): match.start()]
        if not against.search(before):
            return True
    return False
