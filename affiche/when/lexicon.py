"""Stage 1 of the time engine: turn a language's `[time.*]` data into one compiled scanner.

Every word table of `affiche/lang/<lang>.toml` (months, weekdays, numbers, parts of day,
connectors, holidays...) goes into a single character trie, emitted as one regular expression,
so scanning a document costs one pass of `re.finditer` whatever the number of words. Matching is
case-, accent- and apostrophe-insensitive; the matched text is normalised (`norm`) to look the
word up. Lexicons are built on first use per language and cached.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ZONES", "Lexicon", "case_variants", "lexicon", "norm", "part_at"]

# Time-zone abbreviations (not language data: the same in every language), minutes east of UTC.
ZONES = {
    "UTC": 0, "GMT": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "CEST": 120, "EET": 120,
    "EEST": 180, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420,
}

# Word tables of the data file and the atom kind each becomes.
WORD_TABLES = {
    "month_words": "month",
    "weekday_words": "wd",
    "weekday_plural_words": "wdpl",
    "number_words": "numw",
    "ordinal_words": "ordw",
    "relative_day_words": "reld",
    "relative_day_part_words": "reldp",
    "part_of_day_words": "pod",
    "clock_words": "clock",
    "minute_words": "minw",
    "modifier_words": "mod",
    "unit_words": "unit",
    "connector_words": "conn",
    "holiday_words": "hol",
    "season_words": "season",
    "period_words": "period",
    "zone_words": "zone",
    "era_words": "era",
    "moment_words": "moment",
}

# When one word is in several tables, the earlier kind is the main reading.
KIND_PRIORITY = [
    "zone", "hol", "reldp", "reld", "pod", "clock", "minw", "month", "wd", "wdpl", "period",
    "season", "ordw", "unit", "mod", "numw", "conn", "era", "moment",
]

_ACCENTED = {
    "a": "aàâäá", "e": "eéèêë", "i": "iîïí", "o": "oôöó", "u": "uùûüú", "c": "cç",
    "n": "nñ",
}


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=4096)
def norm(text: str) -> str:
    """Normalise a word for lookup: lower case, no accents, straight apostrophes, single spaces."""
    text = _strip_accents(text.lower().replace("’", "'"))
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    text = re.sub(r"(?<=')\s+", "", text)
    return " ".join(text.split())


def _char_pattern(ch: str) -> str:
    if ch == " ":
        return r"[\s\-]+"
    if ch == "'":
        return r"['’]\s?"
    if ch in _ACCENTED:
        return "[" + _ACCENTED[ch] + "]"
    return re.escape(ch)


# Besides its upper case, what Python's case-insensitive matching also takes for a letter
# (found by trying every code point for the digits and the lower-case letters of Latin-1):
# dotted capital I and dotless i, the Kelvin sign, long s, the Ångström sign, capital sharp s,
# Greek mu for the micro sign.
_CASE_EXTRAS = {"i": "İı", "k": "\u212a", "s": "ſ", "å": "\u212b", "ß": "ẞ", "µ": "μ"}


def case_variants(ch: str) -> str | None:
    """Every character that matches `ch` case-insensitively, for a digit or a letter of
    Latin-1 (None for another character): to list them out in a case-sensitive class."""
    lower = ch.lower()
    if len(lower) != 1 or not (lower.isascii() and lower.isdigit()
                               or lower.isalpha() and lower.islower() and ord(lower) < 0x100):
        return None
    upper = lower.upper()
    return lower + (upper if len(upper) == 1 else "") + _CASE_EXTRAS.get(lower, "")


def _first_char_pattern(ch: str) -> str:
    """`_char_pattern` for the first character of the words: a letter's cases are listed out
    in a case-sensitive class, since the engine rejects a branch starting with one at once but
    tries a case-insensitive branch in full (and every word start tries every first letter)."""
    if ch.isascii() and ch.isalpha():
        letters = "".join(case_variants(letter) or "" for letter in _ACCENTED.get(ch, ch))
        return "(?-i:[" + letters + "])"
    return _char_pattern(ch)


def _trie_regex(words: list[str]) -> str:
    """One regex matching any of `words`, factored as a trie so matching is cheap per position."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any], first: bool = False) -> str:
        terminal = "" in node
        char_pattern = _first_char_pattern if first else _char_pattern
        branches = [char_pattern(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if terminal:
            return "(?:" + body + ")?"
        return body

    return emit(trie, first=True)


def _at_digit(*alternatives: str) -> str:
    """Alternatives that start with a digit, tried only at a digit: one test at each word
    instead of each alternative's own look-behind and failing digit."""
    return r"(?=\d)(?:" + "|".join(alternatives) + ")"


def _ahead(pattern: str, firsts: Iterable[str], digits: bool = False) -> str:
    """`pattern` behind a look-ahead on the characters it may start with (`firsts`, the first
    characters of its words in any case and accent, and any digit with `digits`): the engine
    rejects most word starts with that one test instead of entering the pattern's groups
    (each alternative of the scanner is tried at every word). `pattern` unchanged when a first
    character's cases are not known."""
    chars: set[str] = set()
    for first in firsts:
        for letter in _ACCENTED.get(first.lower(), first):
            variants = case_variants(letter)
            if variants is None:
                return pattern
            chars.update(variants)
    if not chars and not digits:
        return pattern
    return ("(?=(?-i:[" + (r"\d" if digits else "") + "".join(re.escape(c) for c in sorted(chars))
            + "]))" + pattern)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass
class Lexicon:
    """A language's time words, settings and compiled scanner."""

    lang: str
    settings: dict[str, Any]
    words: dict[str, list[tuple[str, Any]]]
    parts_of_day: dict[str, tuple[int, int]]
    seasons: dict[str, tuple[str, str]]
    period_spans: dict[str, tuple[int, int]]
    scanner: re.Pattern[str]
    plain_source: str
    glue: re.Pattern[str]
    article_before: re.Pattern[str]
    clock_blocker: re.Pattern[str]
    weak: frozenset[str] = field(default_factory=frozenset)
    holiday_locales: dict[str, dict[str, str]] = field(default_factory=dict)

    def holiday_rule(self, word: str, rule: str, locale: str | None) -> str:
        """The rule of a holiday word in a locale ("fête nationale" is 14 July in fr_FR)."""
        if not locale or not self.holiday_locales:
            return rule
        return self.holiday_locales.get(locale.lower(), {}).get(norm(word), rule)

    @functools.cached_property
    def hour_words(self) -> frozenset[str]:
        """The hour markers that are also words ("uur", "heures"): "2 uur" may count hours."""
        return frozenset(norm(w) for w in self.settings["hour_word_markers"])

    @functools.cached_property
    def plain_scanner(self) -> re.Pattern[str]:
        """The scanner without the clock relations ("20 past 3"), to read the words of a
        relation that turned out not to be one; compiled on first use (rarely needed, and
        compiling it costs as much as the scanner itself)."""
        return re.compile(self.plain_source, re.IGNORECASE)

    def lookup(self, text: str) -> list[tuple[str, Any]]:
        """The (kind, value) readings of a matched word, main reading first."""
        return self.words.get(norm(text), [])


# How a position in a period names the part of the day it picks: "early_morning", "late_day".
POSITION_PREFIX = {"begin": "early", "mid": "mid", "end": "late"}


def part_at(lex: Lexicon, position: str, part: str) -> str:
    """The part of the day at a position (begin, mid, end) of another ("fin" × "après-midi")."""
    key = f"{POSITION_PREFIX[position]}_{part}"
    return key if key in lex.parts_of_day else part


def _parts_of_day(table: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """The language's parts of the day, with the early, mid and late thirds of each one and
    the two hours before and three after it, where the data does not set them itself (the data
    keeps the conventions: "early morning" is 7-9, "after lunch" 13-17)."""
    parts = {k: (int(v[0]), int(v[1])) for k, v in table.items()}
    for name, (first, last) in list(parts.items()):
        if name.count("_") or name.startswith(("early", "late", "mid")):
            continue
        third = max(1, (last - first) // 3)
        middle = (first + third, last - third) if last - first >= 3 else (first, last)
        thirds = {"early": (first, first + third), "mid": middle, "late": (last - third, last),
                  "before": (max(0, first - 2), first), "after": (last, last + 3)}
        for prefix, span in thirds.items():
            parts.setdefault(f"{prefix}_{name}", span)
    return parts


def _build(lang: str, data: dict[str, Any]) -> Lexicon:
    time = data["time"]
    settings = dict(time["settings"])
    words: dict[str, list[tuple[str, Any]]] = {}
    for table, kind in WORD_TABLES.items():
        for word, value in time.get(table, {}).items():
            key = norm(word)
            if kind == "conn":
                value = frozenset(str(value).split())
            readings = words.setdefault(key, [])
            if (kind, value) not in readings:
                readings.append((kind, value))
    for readings in words.values():
        readings.sort(key=lambda r: KIND_PRIORITY.index(r[0]))

    strict_words = sorted({w.lower() for w in settings.get("accent_strict", [])},
                          key=len, reverse=True)
    folded_strict = {norm(w) for w in strict_words}
    word_start = [w for w in words if w[:1].isalpha() and w not in folded_strict]
    # Words starting with a digit ("1/4 h", "12 uur 's middags") go before the number patterns.
    digit_start = [w for w in words if w[:1].isdigit()]
    other_start = [w for w in words if not w[:1].isalnum()]
    end_ok = r"(?:(?<=[^\w])|(?!\w))"
    digit_re = _ahead(r"(?P<w3>" + _trie_regex(digit_start) + end_ok + ")",
                      {w[0] for w in digit_start}) if digit_start else "(?!)"
    literal = "".join(re.escape(w) + "|" for w in strict_words)
    word_re = r"(?P<w>(?:" + literal + _trie_regex(word_start) + ")" + end_ok + ")"
    other_re = (r"(?P<w2>" + _trie_regex(other_start) + end_ok + ")") if other_start else "(?!)"

    hour_marks = _alternation(settings["hour_markers"])
    hour_words = _alternation(settings["hour_word_markers"])
    ampm = _alternation(settings["am_markers"] + settings["pm_markers"])
    ordinals = _alternation(settings["ordinal_suffixes"])
    # Clock patterns read whole numbers only: "anderhalf" (1.5) counts, it tells no hour.
    numbers = [norm(w) for w, v in time["number_words"].items() if float(v) == int(v)]
    number_re = _trie_regex(sorted(set(numbers)))
    minute_words = [norm(w) for w in time.get("minute_words", {})]
    minute_re = ""
    if minute_words:
        minute_re = r"(?:\s+(?P<minw>" + _trie_regex(minute_words) + r")(?!\w))?"
    meridiem = r"(?:\s?(?P<{name}>" + ampm + r")(?!\w|\.\w))?"

    compound = "(?!)"
    if settings.get("compounds"):
        # Dutch glues a weekday or day word to a part of the day: "zaterdagmiddag".
        days = [norm(w) for w in list(time["weekday_words"]) + list(time["relative_day_words"])
                if len(norm(w)) > 3]
        parts = [norm(w) for w in time["part_of_day_words"] if " " not in norm(w)
                 and "'" not in norm(w)]
        compound = _ahead(r"(?P<wc>(?<!\w)(?P<wc_day>" + _trie_regex(sorted(set(days)))
                          + r")(?P<wc_part>" + _trie_regex(sorted(set(parts))) + r")(?!\w))",
                          {w[0] for w in days})
    month_re = _trie_regex(sorted({norm(w) for w in time["month_words"] if norm(w).isalpha()}))
    quarter_letters = _alternation(settings.get("quarter_letters", [])) \
        if settings.get("quarter_letters") else "(?!)"
    clock_words = [norm(w) for w in time["clock_words"] if not norm(w)[:1].isdigit()]
    clock_alt = ("|" + _trie_regex(sorted(set(clock_words)))) if clock_words else ""
    hour_re = r"(?:\d{1,2}|" + number_re + clock_alt + ")"
    quarter = [norm(w) for w in settings["quarter_words"] + settings["half_words"]]
    quarter_alt = ("|" + _trie_regex(sorted(set(quarter)))) if quarter else ""
    minute_value = r"(?:\d{1,2}|" + number_re + quarter_alt + ")"
    past_to = [norm(w) for w in settings["minutes_past"] + settings["minutes_to"]]
    relation = "(?!)"
    if past_to:
        half_before = settings["half_before"]
        half_re = ""
        if half_before:
            half_re = r"(?:(?P<rel_half>" + _alternation(half_before) + r")\s+)?"
        relation = _ahead(r"(?P<rel>(?<!\w)(?P<rel_m>" + minute_value + r")(?:\s+(?P<rel_mark>"
                          + _alternation(settings["minute_markers"]) + r"))?\s+(?P<rel_dir>"
                          + _trie_regex(sorted(set(past_to))) + r")\s+" + half_re
                          + r"(?P<rel_h>" + hour_re
                          + r")" + meridiem.format(name="rel_ap") + r"(?!\w))",
                          {w[0] for w in numbers + quarter}, digits=True)
    half_hour = "(?!)"
    # "half an hour", "een half uur": a duration, not half past one
    units = sorted({norm(w) for w in time["unit_words"] if norm(w)[:1].isalpha()})
    not_unit = r"(?!\s+(?:" + _trie_regex(units) + r")(?!\w))"
    halves = [(name, words) for name, words in (("hb", settings["half_before"]),
                                                 ("hp", settings.get("half_past", []))) if words]
    if halves:
        half_hour = "|".join(_ahead(
            r"(?P<" + name + r">(?<!\w)(?:" + _alternation(words) + r")\s+(?P<" + name + r"_h>"
            + r"\d{1,2}|" + number_re + r")" + meridiem.format(name=name + "_ap")
            + r"(?!\w|[.:]\d)" + not_unit + ")", {w[0] for w in words if w})
            for name, words in halves)
    # "dix heures trois quarts": "trois" starts the minute words, it is no minute count
    quarter_words = sorted({norm(w) for w in settings["quarter_words"]})
    not_quarter = (r"(?!\s+(?:" + _trie_regex(quarter_words) + r")s?(?!\w))") if quarter_words \
        else ""
    approximate = "(?!)"
    if settings.get("approximate_suffixes"):
        approximate = (r"(?P<ish>(?<![\w.,:])(?P<ish_v>\d{1,4})\s?(?:"
                       + _alternation(settings["approximate_suffixes"]) + r")(?!\w))")
    # "1,5 heure", "2.5 hours": a decimal is a quantity only before a unit (else "1.5" is
    # the 1st of May or a time), maybe past one word ("les 1,5 prochaines heures"), and with
    # one decimal or a comma ("14.30 uur" is a time);
    # "7'", '40"': minutes and seconds written as symbols.
    decimal = (r"(?P<dec>(?<![\w.,:/])(?P<dec_v>\d{1,3}(?:[.,]\d|,\d{2}))(?=(?:\s[^\W\d]+)?\s?(?:"
               + _trie_regex(units) + r")(?!\w)))")
    symbol = r"(?P<sym>(?<![\w.,:/])(?P<sym_v>\d{1,3})\s?(?P<sym_u>['’′\"″])(?![\w'’]))"
    compact = (r"(?P<tk>(?<![\w.,:])(?P<tk_h>\d{1,2})(?P<tk_m>[0-5]\d)\s?(?P<tk_ap>" + ampm
               + r")(?!\w|\.\w))")
    # Upper case only: "cet", "est" are French words; "gmt"/"utc" are safe in any case.
    zone_words = (r"(?:(?-i:" + "|".join(sorted(ZONES, key=len, reverse=True))
                  + r")|gmt|utc)(?!\w)\)?")
    zones = r"(?P<zone>\(?" + zone_words + ")"
    # In lower case, right after a clock time only ("20h cet", "3pm pst"), and never the
    # language's own words ("cet après-midi", "est").
    lowered = [z for z in sorted(ZONES, key=len, reverse=True)
               if z.lower() not in {norm(w) for w in settings.get("zone_words_not", [])}]
    zones += (r"|(?P<zone2>(?<=[\dhupmr.]\s)(?:" + "|".join(z.lower() for z in lowered)
              + r")(?!\w))")
    alternatives = [
        digit_re,
        _at_digit(decimal, symbol),
        _at_digit(  # dates and clock times written with digits
            r"(?P<iso>(?<![\w.])(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})(?!\d))",
            r"(?P<nd>(?<![\w.,:/])(?P<nd_a>\d{1,2})\s?(?P<nd_sep>[/.\-])\s?(?P<nd_b>\d{1,2})"
            r"(?:(?P=nd_sep)(?P<nd_y>\d{4}|\d{2}))?(?!\d|:\d|[/.\-]\d|\.\d)"
            r"(?!\s?(?:" + ampm + r")(?!\w|\.\w))(?!\s?(?:" + hour_marks + r")(?![^\W\d])))",
            r"(?P<td>(?<![\w.,:])(?P<td_h>\d{1,2})[.:](?P<td_m>\d{2})\s?(?P<td_mark>" + hour_marks
            + r")(?![^\W\d]))",
            r"(?P<ns>(?<![\w.,:/])(?<!\d\s)(?P<ns_d>\d{1,2}) (?P<ns_m>\d{1,2}) "
            r"(?P<ns_y>\d{4}|\d{2})(?![\w:]|[.,/]\d))",
            r"(?P<tc>(?<![\w.,:])(?P<tc_h>\d{1,2}):(?P<tc_m>\d{2})(?::(?P<tc_s>\d{2}))?(?!\d)"
            + meridiem.format(name="tc_ap") + ")",
            r"(?P<th>(?<![\w.,:])(?P<th_h>\d{1,2})\s?(?P<th_mark>" + hour_marks + r")(?![^\W\d])"
            r"(?:\s?(?P<th_m>\d{2})(?!\d))?" + meridiem.format(name="th_ap") + minute_re + ")"),
        _at_digit(approximate, compact),
        _ahead(r"(?P<tp>(?<![\w.,:])(?P<tp_h>\d{1,2}|" + number_re
               + r")(?:[.:](?P<tp_m>\d{2})|\s+(?P<tp_mw>"
               + number_re + r"))?\s?(?P<tp_ap>" + ampm
               + r")(?!\w|\.\w))", {w[0] for w in numbers}, digits=True),
        _ahead(r"(?P<tw>(?<!\w)(?P<tw_h>" + number_re + r")\s+(?P<tw_mark>" + hour_words
               + r")(?!\w)(?:\s+(?:et\s+)?(?P<tw_m>" + number_re + r"|\d{1,2})(?!\w)"
               + not_quarter + ")?" + minute_re.replace("minw", "minw2") + ")",
               {w[0] for w in numbers}),
        # "14april", "3rdMay": a day glued to its month; "18q4", "Q4 2018": a quarter and year
        _at_digit(r"(?P<gm>(?<![\w.,:/])(?P<gm_d>\d{1,2})(?:" + ordinals + r")?(?P<gm_m>"
                  + month_re + r")(?!\w))"),
        _ahead(r"(?P<qt>(?<![\w.,:/])(?:(?P<qt_y>\d{4}|\d{2})\s?(?P<qt_l>" + quarter_letters
               + r")(?P<qt_n>[1-4])|(?P<qt_l2>" + quarter_letters + r")(?P<qt_n2>[1-4])[\s/-]"
               r"(?P<qt_y2>\d{4}))(?!\w))",
               {w[0] for w in settings.get("quarter_letters", []) if w}, digits=True),
        _at_digit(r"(?P<num>(?<![\w.,:/])(?P<num_v>\d{1,4})(?:(?P<num_ord>" + ordinals
                  + r")(?!\w)|(?![\w]|[.,:/]\d)))"),
        compound,
        word_re,
    ]
    # Every token but a few symbols starts a word: one look-behind check rejects the other
    # positions before any alternative is tried, which keeps scanning long documents cheap;
    # inside a word only a zone in brackets ("14h(CET)") and the words that start with neither
    # a letter nor a digit ("-", "/", "'s avonds", either apostrophe: `_char_pattern`) may
    # start, each behind a test of its first character.
    # Zones first: upper case, so "CET" is a zone where "cet" is a French word.
    others = "".join(sorted({re.escape(c) for w in other_start
                             for c in ("'’" if w[0] == "'" else w[0])}))
    tail = r"|(?P<zonep>\(" + zone_words + ")" + (
        "|(?=[" + others + "])" + other_re if others else "")
    scanner = r"(?<!\w)(?:" + "|".join([zones, relation, half_hour] + alternatives) + ")" + tail
    plain = r"(?<!\w)(?:" + "|".join([zones] + alternatives) + ")" + tail
    glue_words = _trie_regex(sorted({norm(w) for w in settings["glue"]}))
    glue = re.compile(r"(?:[\s,()]|(?<!\w)(?:" + glue_words + r")" + end_ok + ")*", re.IGNORECASE)
    articles = _trie_regex(sorted({norm(w) for w in settings["day_articles"]}))
    blockers = settings.get("clock_blockers", [])
    clock_blocker = re.compile(r"(?:(?<!\w)(?:" + _alternation(blockers) + r")\s+|[^\W\d]{3}-)$"
                               if blockers else r"[^\W\d]{3}-$", re.IGNORECASE)
    article_before = re.compile(r"(?<!\w)(?:" + articles + r")\s*$", re.IGNORECASE)
    return Lexicon(
        lang=lang,
        settings=settings,
        words=words,
        parts_of_day=_parts_of_day(time["parts_of_day"]),
        seasons={k: (str(v[0]), str(v[1])) for k, v in time["seasons"].items()},
        period_spans={k: (int(v[0]), int(v[1])) for k, v in time["period_spans"].items()},
        scanner=re.compile(scanner, re.IGNORECASE),
        plain_source=plain,
        glue=glue,
        article_before=article_before,
        clock_blocker=clock_blocker,
        weak=frozenset(norm(w) for w in settings.get("weak", [])),
        holiday_locales={str(code).lower(): {norm(w): str(r) for w, r in table.items()}
                         for code, table in time.get("holiday_locale_words", {}).items()},
    )


@functools.cache
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon of a language (built once, then cached)."""
    from affiche import lang as lang_data

    return _build(lang, lang_data.load(lang))
