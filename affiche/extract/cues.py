"""Cue phrases from the language files, compiled once per language into regular expressions.

A phrase matches case-insensitively at word boundaries; a trailing `*` lets the last word go on
("rassembl*" matches "rassemblement" and "rassemblons"), a leading `*` lets a compound word
end with it ("*tocht" matches "sponsortocht"). Apostrophes match both ' and ’.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from affiche import lang as language_data

__all__ = ["phrase_pattern", "cue_pattern", "cue_table", "events_data", "past_pattern",
           "transport_modes"]


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of `phrases` at word boundaries."""
    return _phrase_pattern(tuple(phrases))


@functools.lru_cache(maxsize=256)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """`phrase_pattern`, built once per list of phrases (callers ask again per document)."""
    worded: list[str] = []
    others: list[str] = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        open_end, open_start = phrase.endswith("*"), phrase.startswith("*")
        body = phrase.strip("*").strip()
        if not body:
            continue
        text = re.sub("['’]", "['’]", re.escape(body))
        text = text.replace(r"\ ", r"[\s\-]+")
        tail = r"\w*" if open_end else r"(?!\w)"
        if open_start:  # "*tocht": the end of a compound word ("sponsortocht", "fietstocht")
            others.append(r"(?<!\w)\w*?" + text + tail)
            continue
        (worded if body[0].isalnum() else others).append(text + tail)
    # one word-start test in front of all the word phrases: the engine then skips most
    # positions at once instead of trying every phrase there (several times faster)
    parts = ([r"(?<!\w)(?=\w)(?:" + "|".join(worded) + ")"] if worded else []) + others
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(parts), re.IGNORECASE)


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
def past_pattern(lang: str, perfect: bool = False) -> re.Pattern[str]:
    """Past-tense cues: the `past` phrases and the `past_regex` verb forms of the language
    (with `perfect`, also the `perfect_regex` forms, which some present-tense calls share)."""
    phrases = phrase_pattern(list(events_data(lang)["past"])).pattern
    regexes = list(events_data(lang).get("past_regex", []))
    if perfect:
        regexes += events_data(lang).get("perfect_regex", [])
    forms = "|".join(f"(?:{r})" for r in regexes)
    return re.compile("|".join(p for p in (phrases, forms) if p), re.IGNORECASE)


_MOTION_LISTS = ("depart_words", "arrive_words", "stop_words")


@functools.cache
def transport_modes(lang: str, walking: bool = True) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The transport modes of `events.transport` (train, bus…), without its lists of motion and
    stop words; `walking=False` keeps only vehicles."""
    return tuple((name, pattern) for name, pattern in cue_table(lang, "transport")
                 if name not in _MOTION_LISTS and (walking or name != "walk"))
