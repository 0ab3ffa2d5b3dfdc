"""Organisers: the names a call gives as who calls or organises ("à l'appel de …", "… vous
invite"), from the language files' `organiser_before` / `organiser_after` words."""

from __future__ import annotations

import re

from affiche.extract import cues
from affiche.extract.segment import Segmentation

__all__ = ["find_organisers"]


_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ0-9][\w'’.&\-]*")
_CONNECTORS = {"de", "des", "du", "la", "le", "les", "d'", "d’", "l'", "l’", "et", "van", "der",
               "den", "het", "voor", "of", "the", "for", "and", "pour", "en", "sans", "&"}
_ARTICLES = {"la", "le", "les", "l'", "l’", "de", "het", "the", "des", "du", "een", "un", "une"}


def find_organisers(lang: str, text: str, segments: Segmentation) -> list[tuple[str, int, int]]:
    """Organiser names with their spans, in text order, without repeats."""
    data = cues.events_data(lang)
    before = cues.phrase_pattern(data["organiser_before"])
    after = cues.phrase_pattern(data["organiser_after"])
    found: list[tuple[str, int, int]] = []
    for unit in segments.units:
        for match in before.finditer(unit.text):
            rest = unit.text[match.end():]
            # a dash or a contact after the name ends it ("… Campaign – info@example.org")
            chunk = re.split(r"[.;:!?()\n]| qui | die | who | [–—-] |\S+@|https?://|www\.",
                             rest, maxsplit=1)[0]
            for name in re.split(r",| et | en | and | & ", chunk):
                _keep(found, name, unit.start + match.end() + rest.find(name.strip()))
        for match in after.finditer(unit.text):
            name = _name_before(unit.text[: match.start()])
            if name:
                _keep(found, name, unit.start + unit.text.rfind(name, 0, match.start()))
    seen: set[str] = set()
    ordered = []
    for name, start, end in sorted(found, key=lambda f: f[1]):
        if name.lower() not in seen:
            seen.add(name.lower())
            ordered.append((name, start, end))
    return ordered


def _keep(found: list[tuple[str, int, int]], name: str, start: int) -> None:
    """Add `name` if it reads as a proper name (starts with a capital, not too long)."""
    words = name.strip().split()
    while words and words[0].lower() in _ARTICLES:
        words.pop(0)
    name = " ".join(words).strip(" \"'«»“”")
    if not name or len(name) > 80 or not _CAPITALISED.match(name) or len(words) > 10:
        return
    found.append((name, max(0, start), max(0, start) + len(name)))


def _name_before(text: str) -> str | None:
    """The run of capitalised words (with connectors) that ends `text`."""
    words = text.rstrip().split(" ")
    taken: list[str] = []
    for word in reversed(words):
        if _CAPITALISED.fullmatch(word) or (taken and word.lower() in _CONNECTORS):
            taken.insert(0, word)
        else:
            break
    while taken and taken[0].lower() in _CONNECTORS:
        taken.pop(0)
    if not taken or all(w.isdigit() for w in taken):
        return None
    return " ".join(taken)
