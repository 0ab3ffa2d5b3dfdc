"""Language knowledge as data: one TOML file per language, with the same keys in every file.

`load("fr")` returns the parsed `fr.toml`; `validate()` checks that every language file has the
same tables and keys as the others (a new language is a new file, complete or refused).
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Any

__all__ = ["LANGUAGES", "load", "available", "validate", "data_words"]

HERE = Path(__file__).parent
LANGUAGES = ("fr", "nl", "en")


def available() -> list[str]:
    """The language codes that have a data file."""
    return sorted(p.stem for p in HERE.glob("*.toml"))


@functools.cache
def load(lang: str) -> dict[str, Any]:
    """The parsed data file of a language; `KeyError` naming the known ones if there is none."""
    path = HERE / f"{lang}.toml"
    if not path.is_file():
        raise KeyError(f"no language data for {lang!r}; known: {', '.join(available())}")
    with path.open("rb") as handle:
        return tomllib.load(handle)


_WORD = re.compile(r"[^\W\d_]+")


def data_words(value: object, name: str = "") -> set[str]:
    """Every word (lower case) of a parsed language file's values, and of the keys of its
    `…words` tables: the file's vocabulary, or of one of its tables."""
    words: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            if name.endswith("words") and isinstance(key, str):
                words.update(_WORD.findall(key.lower()))
            words |= data_words(child, key)
    elif isinstance(value, list):
        for item in value:
            words |= data_words(item, name)
    elif isinstance(value, str):
        words.update(_WORD.findall(value.lower()))
    return words


def _shape(data: Any, prefix: str = "") -> set[str]:
    """The set of table paths and keys of a parsed TOML document."""
    keys: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            keys.add(path)
            if isinstance(value, dict) and not _is_open_table(path):
                keys |= _shape(value, path)
    return keys


def _is_open_table(path: str) -> bool:
    """Tables whose keys are words of the language itself (word → value maps) differ by design."""
    return path.rsplit(".", 1)[-1].endswith("_words") or path.rsplit(".", 1)[-1] == "words"


def validate() -> list[str]:
    """Problems found across the language files (missing or extra keys); empty when consistent."""
    shapes = {lang: _shape(load(lang)) for lang in available()}
    union = set().union(*shapes.values()) if shapes else set()
    problems = []
    for lang, keys in sorted(shapes.items()):
        for missing in sorted(union - keys):
            problems.append(f"{lang}.toml lacks {missing}")
    return problems
