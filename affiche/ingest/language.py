"""Guess a document's language (fr, nl, en, or any language with a stop-word table) by counting
function words: cheap, deterministic and good enough to pick the language data for a call of a
few sentences. The word lists are data, in `stopwords.toml` next to this module.

Why no library (langdetect, lingua): their models cover a hundred languages we do not read, weigh
tens of MB, and are less predictable on a two-line call than counting function words."""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter
from pathlib import Path

__all__ = ["stopwords", "detect", "scores", "known_words"]

_WORD = re.compile(r"[^\W\d_]+")
# Below this many function words the text is too short to tell (a title, a bare address).
_MIN_HITS = 3
# The winner must beat the runner-up by this factor: mixed FR/NL calls are common in Brussels,
# and then the first language of the text is the one the call is written in.
_MARGIN = 1.2


@functools.cache
def stopwords() -> dict[str, frozenset[str]]:
    """Function words per language, without the words shared by several languages."""
    with (Path(__file__).parent / "stopwords.toml").open("rb") as handle:
        data = tomllib.load(handle)
    lists = {lang: {w.lower() for w in table["stopwords"]} for lang, table in data.items()}
    counts = Counter(word for words in lists.values() for word in words)
    return {lang: frozenset(w for w in words if counts[w] == 1) for lang, words in lists.items()}


@functools.cache
def _language_of() -> dict[str, str]:
    """The language of each function word (no two tables share one): one look-up a word."""
    return {word: lang for lang, words in stopwords().items() for word in words}


def scores(text: str, limit: int = 20_000) -> dict[str, int]:
    """How many function words of each language the first `limit` characters contain."""
    hits = Counter(map(_language_of().get, _WORD.findall(text[:limit].lower())))
    return {lang: hits.get(lang, 0) for lang in stopwords()}


def detect(text: str, min_hits: int = _MIN_HITS) -> str | None:
    """The language code of a text, or None when it is too short or too mixed to tell. A call
    written in notes ("Tuesday 11 November, 7–9pm / St Mary's Church Hall / Everyone
    welcome") has few function words: the words of the language data (month and weekday
    names, event and street words) that only one language has then decide. `min_hits`: the
    words it takes to tell (1 for a lone time expression, "zaterdag om 14u")."""
    ranked = sorted(scores(text).items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < min_hits:
        return _by_lexicon(text, min_hits=min_hits)
    if len(ranked) > 1 and ranked[0][1] < _MARGIN * ranked[1][1]:
        # Too close to call on the whole text: the opening decides (titles, first paragraph).
        opening = sorted(scores(text, 600).items(), key=lambda item: -item[1])
        if opening[0][1] > opening[1][1]:
            return opening[0][0]
        return None
    return ranked[0][0]


@functools.cache
def _lexicon_language() -> dict[str, str]:
    """The language of each word of the language data that only one language file holds."""
    from affiche import lang

    owners: dict[str, set[str]] = {}
    for code in lang.available():
        for word in lang.data_words(lang.load(code)):
            owners.setdefault(word, set()).add(code)
    return {word: next(iter(codes)) for word, codes in owners.items()
            if len(codes) == 1 and len(word) > 2}


def _by_lexicon(text: str, limit: int = 20_000, min_hits: int = _MIN_HITS) -> str | None:
    """The language whose own data words the text holds most, by the same margin rule."""
    owner = _lexicon_language()
    hits = Counter(map(owner.get, _WORD.findall(text[:limit].lower())))
    hits.pop(None, None)
    ranked = hits.most_common(2)
    if not ranked or ranked[0][1] < min_hits:
        return None
    if len(ranked) > 1 and ranked[0][1] < _MARGIN * ranked[1][1]:
        return None
    return ranked[0][0]


@functools.cache
def known_words() -> frozenset[str]:
    """Every word the language data knows (function words, months, weekdays, time and event
    words of every language file), lowercased: a lexicon to tell a real word from an OCR slip."""
    from affiche import lang

    words: set[str] = set()
    for table in stopwords().values():
        words |= table
    for code in lang.available():
        words |= lang.data_words(lang.load(code))
    return frozenset(words)
