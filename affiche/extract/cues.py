"""Cue phrases from the language files, compiled once per language into regular expressions.

A phrase matches case-insensitively at word boundaries; a trailing `*` lets the last word go on
("rassembl*" matches "rassemblement" and "rassemblons"), a leading `*` lets a compound word
end with it ("*tocht" matches "sponsortocht"). Apostrophes match both ' and ’.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from affiche import lang as language_data
from affiche.when.lexicon import case_variants

__all__ = ["PhraseLists", "phrase_pattern", "cue_pattern", "cue_table", "events_data",
           "kind_cues", "separable_cues", "past_pattern", "PastPattern", "transport_modes",
           "any_transport_mode"]


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of `phrases` at word boundaries."""
    return _phrase_pattern(tuple(phrases))


# What one character of a phrase matches: both apostrophes; a space is any run of spaces or
# hyphens ("sit in", "sit-in"); a `*` inside a phrase lets its word go on ("roep* op").
_CHARACTER_PIECES = {"'": "['’]", "’": "['’]", " ": r"[\s\-]+", "*": r"\w*"}


def _pieces(phrase: str) -> tuple[str, list[str]]:
    """A phrase as its shape and one regex piece per character of its body, then the tail
    piece (`\\w*` for an open end, else a word end). Shapes: "word" (starts with a letter or
    digit), "compound" (a leading `*`: the end of a word), "other"; "" for an empty phrase."""
    open_end, open_start = phrase.endswith("*"), phrase.startswith("*")
    body = phrase.strip("*").strip()
    pieces = [_CHARACTER_PIECES.get(ch) or re.escape(ch) for ch in body]
    pieces.append(r"\w*" if open_end else r"(?!\w)")
    shape = "" if not body else "compound" if open_start else (
        "word" if body[0].isalnum() else "other")
    return shape, pieces


def _trie(sequences: list[list[str]]) -> str:
    """One regex matching where any of the piece sequences matches, factored as a trie so that
    the engine rejects a position after a character or two instead of trying every phrase."""
    root: dict[str, Any] = {}
    for sequence in sequences:
        node = root
        for piece in sequence:
            node = node.setdefault(piece, {})

    def emit(node: dict[str, Any]) -> str:
        branches = [piece + emit(child) for piece, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(root)


def _guard(phrases: list[str] | tuple[str, ...]) -> str:
    """A regex that matches (as a look-ahead) exactly where one of `phrases` matches: a trie
    of them all, cheap to try at every position, unlike the phrases one after the other."""
    by_shape: dict[str, list[list[str]]] = {"word": [], "compound": [], "other": [], "": []}
    for phrase in phrases:
        shape, pieces = _pieces(phrase)
        by_shape[shape].append(pieces)
    at_word = ([r"(?=\w)" + _trie(by_shape["word"])] if by_shape["word"] else []) + (
        [r"\w*?" + _trie(by_shape["compound"])] if by_shape["compound"] else [])
    guard = ([r"(?<!\w)(?:" + "|".join(at_word) + ")"] if at_word else []) + (
        [_trie(by_shape["other"])] if by_shape["other"] else [])
    return "|".join(guard) or "(?!)"


@functools.lru_cache(maxsize=256)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """`phrase_pattern`, built once per list of phrases (callers ask again per document)."""
    worded: list[str] = []
    others: list[str] = []
    by_first: dict[str, list[str]] = {}  # the word phrases after their first character
    for phrase in sorted(set(phrases), key=len, reverse=True):
        shape, pieces = _pieces(phrase)
        text, tail = "".join(pieces[:-1]), pieces[-1]
        if shape == "compound":  # "*tocht": the end of a compound word ("sponsortocht")
            others.append(r"(?<!\w)\w*?" + text + tail)
        elif shape == "word":
            worded.append(text + tail)
            by_first.setdefault(pieces[0].lower(), []).append("".join(pieces[1:]))
        elif shape:
            others.append(text + tail)
    if worded and not others:
        fast = _read_first_character(by_first)
        if fast:
            return re.compile(fast, re.IGNORECASE)
    # one word-start test in front of all the word phrases: the engine then skips most
    # positions at once instead of trying every phrase there (several times faster)
    parts = ([r"(?<!\w)(?=\w)(?:" + "|".join(worded) + ")"] if worded else []) + others
    if not parts:
        return re.compile(r"(?!x)x")
    # and the guard in front of it all, so the phrases themselves (in their order of
    # preference) are only tried where one of them matches
    return re.compile("(?=" + _guard(phrases) + ")(?:" + "|".join(parts) + ")", re.IGNORECASE)


def _read_first_character(by_first: dict[str, list[str]]) -> str | None:
    """Word phrases as a pattern that first reads one character of a case-sensitive class
    of every case of their first letters or digits: the engine then jumps from one such
    character to the next instead of trying the pattern at every position (ten times faster
    on a sentence). Where the character read starts a word, the phrases that start with it
    are tried in their order (`by_first`: the rest of each phrase, by its first character).
    None when a first character's cases are not known."""
    cases = [case_variants(first) for first in by_first]
    known = [variants for variants in cases if variants is not None]
    if len(known) < len(cases):
        return None
    rests = "|".join(r"(?<=" + first + r")(?:" + "|".join(rest) + ")"
                     for first, rest in by_first.items())
    return r"(?-i:[" + "".join(known) + r"])(?<!\w.)(?:" + rests + ")"


class PhraseLists:
    """Several phrase lists read in one pass over a text: each list's matches are the ones its
    own `phrase_pattern(...).finditer` gives, overlapping the other lists' matches as they may."""

    def __init__(self, lists: list[list[str]]) -> None:
        self.patterns = tuple(phrase_pattern(phrases) for phrases in lists)
        # zero-width at every position where a phrase of some list matches
        self.starts = re.compile("(?=" + _guard([p for phrases in lists for p in phrases])
                                 + ")", re.IGNORECASE)

    def matches(self, text: str) -> list[list[re.Match[str]]]:
        """The matches of each list in `text`, in the order of the lists then of the text."""
        found: list[list[re.Match[str]]] = [[] for _ in self.patterns]
        ends = [0] * len(self.patterns)  # where each list's next match may start
        for start in self.starts.finditer(text):
            at = start.start()
            for index, pattern in enumerate(self.patterns):
                if at >= ends[index]:
                    match = pattern.match(text, at)
                    if match:
                        found[index].append(match)
                        ends[index] = match.end()
        return found


def events_data(lang: str) -> dict[str, Any]:
    """The `[events]` table of a language file."""
    return language_data.load(lang)["events"]


@functools.cache
def cue_pattern(lang: str, key: str) -> re.Pattern[str]:
    """The compiled pattern of the phrase list `events.<key>` (dots go deeper: `kinds.rally`)."""
    node: Any = events_data(lang)
    for part in key.split("."):
        node = node[part]
    return phrase_pattern(list(node))


@functools.cache
def cue_table(lang: str, key: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One compiled pattern per entry of the table `events.<key>` (e.g. kinds → one per kind)."""
    table = events_data(lang)[key]
    return tuple((name, phrase_pattern(list(words))) for name, words in table.items()
                 if isinstance(words, list))


@functools.cache
def kind_cues(lang: str) -> tuple[tuple[str, ...], PhraseLists]:
    """The cues of every kind of `events.kinds`, then (named "") the phrases that name no
    event of `events.kind_shape.ignore`, to be read in one pass."""
    kinds = [(name, list(words)) for name, words in events_data(lang)["kinds"].items()
             if isinstance(words, list)]
    kinds.append(("", list(events_data(lang)["kind_shape"]["ignore"])))
    return tuple(name for name, _ in kinds), PhraseLists([words for _, words in kinds])


# what may stand between a separable verb and its particle: the rest of its clause
_CLAUSE_GAP = r"(?=[^.!?;:\n]{1,120}?(?<![\w\-])(?:%s)(?![\w\-]))"


@functools.cache
def separable_cues(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Per kind, the finite verbs of `events.kind_separable` ("kom* samen") followed by their
    particle in the same clause; a match spans the verb alone."""
    found = []
    for kind, phrases in events_data(lang).get("kind_separable", {}).items():
        pieces = []
        for phrase in phrases:
            verb, _, particle = phrase.rpartition(" ")
            head = re.escape(verb.rstrip("*")) + (r"\w*" if verb.endswith("*") else r"(?!\w)")
            pieces.append(r"(?<![\w\-])" + head + _CLAUSE_GAP % re.escape(particle))
        if pieces:  # an empty list names no verb (an empty pattern would match everywhere)
            found.append((kind, re.compile("|".join(pieces), re.IGNORECASE)))
    return tuple(found)


class PastPattern:
    """The past-tense pattern of a language, read as one regex; in a text where no word of
    `past_day_words` ("dernier", "last") appears, its alternatives that need one ("samedi
    dernier") are left out, which finds the same matches (they could match nowhere) faster:
    they were a third of the time of reading a text for past cues."""

    def __init__(self, full: re.Pattern[str], reduced: re.Pattern[str] | None,
                 needed: re.Pattern[str] | None) -> None:
        """`reduced`: `full` without the alternatives that only match where `needed` does."""
        self.full = full
        self.pattern = full.pattern
        self._reduced = reduced
        self._needed = needed

    def _for(self, text: str) -> re.Pattern[str]:
        """The pattern to read `text` with."""
        if self._reduced is None or self._needed is None or self._needed.search(text):
            return self.full
        return self._reduced

    def search(self, text: str) -> re.Match[str] | None:
        """The first past cue of `text`, as `re.Pattern.search`."""
        return self._for(text).search(text)

    def findall(self, text: str) -> list[Any]:
        """Every past cue of `text`, as `re.Pattern.findall`."""
        return self._for(text).findall(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The past cues of `text`, as `re.Pattern.finditer`."""
        return self._for(text).finditer(text)


@functools.cache
def past_pattern(lang: str, perfect: bool = False, tense_only: bool = False) -> PastPattern:
    """Past-tense cues: the `past` phrases and the `past_regex` verb forms of the language
    (with `perfect`, also the `perfect_regex` forms, which some present-tense calls share;
    with `tense_only`, without the `past_day_words` that date a day rather than a verb)."""
    day_words = set(events_data(lang).get("past_day_words", []))
    phrases = phrase_pattern([w for w in events_data(lang)["past"]
                              if w not in day_words]).pattern
    regexes = list(events_data(lang).get("past_regex", []))
    if perfect:
        regexes += events_data(lang).get("perfect_regex", [])
    forms = "|".join(f"(?:{r})" for r in regexes)
    plain = re.compile("|".join(p for p in (phrases, forms) if p), re.IGNORECASE)
    if not (day_words and not tense_only):
        return PastPattern(plain, None, None)
    # "samedi dernier", "last week", "vorige week": a past day only beside a day's word
    # ("le dernier espace vert du quartier", "the last chance" date nothing)
    days = phrase_pattern(_day_nouns(lang))
    said = phrase_pattern([w for w in events_data(lang)["past"] if w in day_words])
    phrases += (f"|(?:{days.pattern})[ \t]+(?:{said.pattern})"
                f"|(?:{said.pattern})[ \t]+(?:{days.pattern})")
    full = re.compile("|".join(p for p in (phrases, forms) if p), re.IGNORECASE)
    # without `said`, the reduced pattern must number the verb forms' groups the same
    grouped = days.groups or said.groups
    return PastPattern(full, None if grouped else plain, said)


@functools.cache
def time_words(lang: str, table: str) -> tuple[str, ...]:
    """The words of one `[time.<table>]` of a language ("weekday_words": "samedi", …)."""
    from affiche import lang as language_data

    return tuple(str(w) for w in language_data.load(lang).get("time", {}).get(table, {}))


@functools.cache
def _day_nouns(lang: str) -> list[str]:
    """The weekday names and time units of the language ("samedi", "semaine", "week")."""
    return sorted({w for table in ("weekday_words", "unit_words", "part_of_day_words")
                   for w in time_words(lang, table) if len(w) > 2})


_MOTION_LISTS = ("depart_words", "arrive_words", "stop_words")


@functools.cache
def transport_modes(lang: str, walking: bool = True) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The transport modes of `events.transport` (train, bus…), without its lists of motion and
    stop words; `walking=False` keeps only vehicles."""
    return tuple((name, pattern) for name, pattern in cue_table(lang, "transport")
                 if name not in _MOTION_LISTS and (walking or name != "walk"))


@functools.cache
def any_transport_mode(lang: str, walking: bool = True) -> re.Pattern[str]:
    """One pattern that matches where a phrase of any of `transport_modes(lang, walking)`
    does: a text it finds nothing in names no mode, which one search tells instead of one
    per mode."""
    table = events_data(lang)["transport"]
    return phrase_pattern([word for name, words in table.items()
                           if isinstance(words, list) and name not in _MOTION_LISTS
                           and (walking or name != "walk") for word in words])
