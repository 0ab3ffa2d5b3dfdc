"""What the place finders share: their result types, the `[places]` language data compiled
into word sets and patterns (once per language), the text's words, and how far a name goes.

Street types, cues and venue words of every language file are merged where a text may use
another language's forms (a Dutch call from Brussels writes "Rue Haute"); the rest is per language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from affiche import lang as language_data
from affiche.resolve import gazetteer

__all__ = [
    "GAP",
    "GLUED_HEAD",
    "WORD",
    "Address",
    "Grammar",
    "LocalityMention",
    "Venue",
    "capitalised",
    "compile_grammar",
    "merged_lower",
    "merged_words",
    "name_head",
    "name_start_before",
    "next_word",
    "preceding_cue",
    "scan_name",
    "town_qualifier",
    "words_of",
]


@dataclass
class Address:
    """A street address as written; absent parts are None."""

    start: int
    end: int
    street: str | None = None
    postcode: str | None = None
    locality: str | None = None
    country: str | None = None
    name: str | None = None


@dataclass
class Venue:
    """A venue or landmark named in the text, without its locative cue ("préfecture")."""

    start: int
    end: int
    name: str
    cue: str | None = None


@dataclass
class LocalityMention:
    """A town of the gazetteer named in the text, with its likely country."""

    start: int
    end: int
    name: str
    country: str | None = None


# A number ending a venue name ("127bis", "127 Bis", "WTC 3"), never a time, amount or date.
_NAME_NUMBER = re.compile(r"[ \t]+(\d{1,4}(?![\d:]|[.,]\d|[hHu]\b|[hH]\d)"
                          r"(?:[ ]?(?i:bis|ter)(?![\w])|[A-Za-z](?![\w]))?)")
GAP = re.compile(r"[ \t]+")
WORD = re.compile(r"[^\W\d_]+(?:[\-‐][^\W\d_]+)*(?:['’][^\W\d_]+)*")



def language_places(lang: str) -> dict:
    try:
        return language_data.load(lang).get("places", {})
    except KeyError:
        return language_data.load("fr").get("places", {})


@functools.cache
def merged_words(key: str) -> tuple[str, ...]:
    """A `[places]` word list merged over every language file, longest first."""
    words: set[str] = set()
    for code in language_data.available():
        words.update(language_data.load(code).get("places", {}).get(key, []))
    return tuple(sorted(words, key=len, reverse=True))


def alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass
class Grammar:
    """The compiled patterns and word sets of one language."""

    street_before: re.Pattern[str]
    street_suffix: re.Pattern[str]
    street_after: re.Pattern[str]
    squares: frozenset[str]
    connectors: frozenset[str]
    stops: frozenset[str]
    units: re.Pattern[str]
    links: frozenset[str]
    cue: re.Pattern[str]
    venue_type: re.Pattern[str]
    venue_types: frozenset[str]
    venue_first: frozenset[str]
    venue_after_words: frozenset[str]
    venue_suffixes: tuple[str, ...]
    street_before_words: frozenset[str]
    own_street_before: frozenset[str]
    street_after_words: frozenset[str]
    type_qualifiers: re.Pattern[str]
    street_suffixes: tuple[str, ...]
    street_prefixes: frozenset[str]
    cue_before: re.Pattern[str]
    cue_last: frozenset[str]
    contracted: frozenset[str]
    lowercase_named: frozenset[str]
    demonym_endings: tuple[str, ...]
    own_venue_first: frozenset[str]
    article_words: frozenset[str]
    time_words: frozenset[str]
    not_towns: frozenset[str]
    cue_words: frozenset[str]
    genitive: re.Pattern[str]
    venue_suffix: re.Pattern[str]
    venue_after: re.Pattern[str]
    stopwords: frozenset[str]
    countries: dict[str, str]
    belgian_forms: re.Pattern[str]
    saints: frozenset[str] = frozenset()
    lang: str = "fr"


@functools.cache
def compile_grammar(lang: str) -> Grammar:
    """Compile a language's place patterns once per process."""
    data = language_places(lang)
    connectors = frozenset(w.lower() for w in merged_words("connectors"))
    cues = sorted(data.get("cues", []), key=len, reverse=True)
    articles = alternation(data.get("articles", []))
    before = alternation(merged_words("street_before"))
    suffixes = alternation(merged_words("street_suffixes"))
    prefixes = alternation(merged_words("street_prefixes"))
    # types written after the name are read in the text's own language only: in French
    # "Rassemblement Place Saint-Lambert" is no English "… Place"
    after = alternation(data.get("street_after", []) or ["§"])
    venue_types = merged_words("venue_types")
    stopwords = {w.casefold() for w in data.get("locality_stopwords", [])}
    time = language_data.load(lang).get("time", {}) if lang in language_data.available() else {}
    time_words = {str(w).casefold().rstrip(".") for table in ("weekday_words", "month_words",
                                                                   "weekday_plural_words")
                  for w in time.get(table, {})}
    stopwords.update(time_words)
    countries = {}
    for code in language_data.available():
        for item in language_data.load(code).get("places", {}).get("country_names", []):
            name, _, iso = item.partition("=")
            countries[name.casefold()] = iso
    function_words = {w.lower() for w in cues} | {w.lower() for w in merged_words("locality_links")}
    return Grammar(
        street_before=re.compile(rf"(?<![\w\-])(?:{before})(?=[ \t])", re.IGNORECASE),
        street_suffix=re.compile(
            rf"(?<![\w\-])(?:(?:{prefixes})[ \t\-])?[A-ZÀ-Þ][\w\-]*?(?:{suffixes})(?![\w\-])"),
        street_after=re.compile(rf"(?<![\w\-])(?:{after})(?![\w\-])"),
        squares=frozenset(w.lower() for w in merged_words("square_types")),
        connectors=connectors,
        stops=frozenset(function_words - connectors),
        units=re.compile(rf"[ \t]*,?[ \t]*(?:{alternation(merged_words('unit_words'))})\.?[ \t]*"
                         r"\d{1,4}[A-Za-z]?(?![\w])", re.IGNORECASE),
        links=frozenset(w.lower() for w in merged_words("locality_links")),
        # only cues followed by a capital or a venue word: the engine skips the rest in C
        cue=re.compile(rf"(?<![\w\-'’])(?P<cue>(?i:{alternation(cues)}))"
                       rf"(?:[ \t]+(?P<article>(?i:{articles}))(?=[ \t])|[ \t]+(?P<elided>[lL]['’])"
                       r"(?=[^\W\d_])|(?=[ \t]))[ \t]*"
                       rf"(?=[A-ZÀ-ÖØ-Þ]|(?i:{alternation(venue_types)})(?![\w\-]))"),
        venue_type=re.compile(rf"(?<![\w\-])(?:{alternation(venue_types)})(?![\w\-])",
                              re.IGNORECASE),
        venue_types=frozenset(w.lower() for w in venue_types),
        venue_first=frozenset(w.split()[0].lower() for w in venue_types),
        venue_after_words=frozenset(w.split()[0].lower() for w in merged_words("venue_after")),
        venue_suffixes=tuple(w.lower() for w in data.get("venue_suffixes", [])),
        street_before_words=frozenset(w.split()[0].lower().rstrip(".")
                                      for w in merged_words("street_before")),
        street_after_words=frozenset(data.get("street_after", [])),
        type_qualifiers=re.compile(
            rf"\.?[ \t]+(?:{alternation(data.get('type_qualifiers', []) or ['§'])})(?![\w\-])"),
        own_street_before=frozenset(w.lower().rstrip(".") for w in data.get("street_before", [])),
        street_suffixes=tuple(w.lower() for w in merged_words("street_suffixes")),
        street_prefixes=frozenset(merged_words("street_prefixes")),
        cue_before=re.compile(rf"(?<![\w\-'’])(?P<cue>{alternation(cues)})"
                              rf"(?:[ \t]+(?P<article>{articles})[ \t]+|[ \t]+(?P<elided>[lL]['’])"
                              r"|[ \t]+)$", re.IGNORECASE),
        cue_last=frozenset(c.split()[-1].lower() for c in cues),
        contracted=frozenset(w.lower() for w in data.get("contracted_articles", [])),
        lowercase_named=frozenset(w.lower() for w in data.get("lowercase_named", [])),
        demonym_endings=tuple(data.get("demonym_endings", [])),
        own_venue_first=frozenset(w.split()[0].lower() for w in data.get("venue_types", [])),
        article_words=frozenset(a.lower() for a in data.get("articles", [])),
        time_words=frozenset(time_words),
        not_towns=frozenset(w.lower() for w in venue_types + merged_words("street_before")
                            + merged_words("street_after")),
        cue_words=frozenset(function_words | connectors
                            | {w.lower() for w in data.get("articles", [])}),
        genitive=re.compile(rf"(?:[ \t]+[^\W\d_]+){{0,2}}?[ \t]+"
                            rf"(?:{alternation(merged_words('genitives'))})"
                            r"(?:[ \t]|(?<=['’]))"
                            rf"(?!(?:{alternation(data.get('possessives', []) or ['§'])})\b)",
                            re.IGNORECASE),
        # glued venue words are read in the text's own language only ("Marchal" is no hall)
        venue_suffix=re.compile(rf"(?<![\w\-])[A-ZÀ-Þ][\w\-]{{2,}}?"
                                rf"(?:{alternation(data.get('venue_suffixes', []) or ['§'])})"
                                r"(?![\w\-])"),
        venue_after=re.compile(rf"(?<![\w\-])(?:{alternation(merged_words('venue_after'))})(?![\w\-])",
                               re.IGNORECASE),
        stopwords=frozenset(stopwords),
        countries=countries,
        belgian_forms=re.compile(r"steenweg|chaussée|\bdrève\b|\bbus\b|\bbte\b", re.IGNORECASE),
        saints=frozenset(w.casefold() for w in merged_words("saint_words")),
        lang=lang if lang in language_data.available() else "fr",
    )


@functools.lru_cache(maxsize=8)
def words_of(text: str) -> tuple[tuple[int, int, str], ...]:
    """The words of a text with their offsets, an elided article cut off ("l'Aire" → "Aire");
    shared by the finders, which probe sets per word instead of running large alternations."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text)]
    if "'" in text or "’" in text:
        for index, (start, end, token) in enumerate(tokens):
            cut = max(token.find("'"), token.find("’"))
            if 0 < cut <= 2 and cut + 1 < len(token):
                tokens[index] = (start + cut + 1, end, token[cut + 1:])
    return tuple(tokens)


def preceding_cue(text: str, tokens: tuple[tuple[int, int, str], ...], index: int,
               grammar: Grammar) -> tuple[str | None, bool]:
    """The locative cue right before token `index` ("devant le", "aan het", "in front of"), if
    any; the word sets rule most tokens out before the cue pattern runs."""
    start = tokens[index][0]
    back = index - 1
    if back >= 0 and (tokens[back][2].lower() in grammar.article_words
                      or text[tokens[back][1]:start] in ("'", "’")):
        back -= 1  # "devant le …", "devant l'…"
    if back < 0 or tokens[back][2].lower() not in grammar.cue_last:
        return None, False
    before = grammar.cue_before.search(text, max(0, start - 30), start)
    if before is None:
        return None, False
    cue = before.group("cue")
    if cue.isupper() and len(cue) > 1:
        return None, False  # a shouted headline ("DEVANT TOUS LES CENTRES") names no venue
    articled = bool(before.group("article") or before.group("elided")) \
        or cue.lower() in grammar.contracted
    return cue, articled


# ---- names: how far a street or venue name goes -------------------------------------------

def next_word(text: str, position: int) -> re.Match[str] | None:
    """The word right after `position`, across spaces but never across a line break."""
    gap = GAP.match(text, position)
    start = gap.end() if gap else position
    if start > position and not gap:
        return None
    return WORD.match(text, start)


def scan_name(text: str, position: int, grammar: Grammar, lowercase_allowed: int = 3,
               numbers: bool = False, limit: int = 8) -> int:
    """End of a name starting at `position`: capitalised words joined by connectors; a few
    lowercase words only before the first capitalised one ("rue remparts des moines", "bvd du
    général Leclerc"); with `numbers`, a trailing number such as "127bis" belongs to the name."""
    end = position
    seen_capital = False
    cursor = position
    after_connector = False
    before_lower = None  # where the name ended before a lowercase word, while it may be a verb
    for _ in range(limit):
        elided = re.match(r"[ \t]*([dDlL]['’])(?=[^\W\d_])", text[cursor:cursor + 4])
        if elided:
            if before_lower is not None and not after_connector and elided.group(1)[0] in "lL":
                # "cathédrale divise l'Église": a lowercase word then an article is a verb
                end = before_lower
                break
            cursor += elided.end()
            continue
        if numbers:
            number = _NAME_NUMBER.match(text, cursor)
            if number and after_connector:
                break  # "Angleur le 7": a date after the name, not a house number
            if number:
                cursor = number.end()
                end = cursor
                break
        word = next_word(text, cursor)
        if word is None:
            break
        token = word.group(0)
        lower = token.lower()
        if lower in grammar.connectors:
            cursor = word.end()
            after_connector = True
            continue
        if lower in grammar.stops or (after_connector and lower.rstrip(".") in grammar.time_words):
            break  # "Town Hall on Tue, 23rd", "consulate on Sunday": the day, not the name
        before_lower = None
        if token[0].isupper():
            seen_capital = True
        elif lower in grammar.venue_types and not seen_capital:
            pass  # "entrée principale de l'hôpital": a venue word continues the name
        elif seen_capital or lowercase_allowed <= 0 or len(token) < 3:
            break
        else:
            lowercase_allowed -= 1
            before_lower = end
        after_connector = False
        cursor = end = word.end()
        if token[-1:] in "sS" and text[cursor:cursor + 1] in ("'", "’") \
                and text[cursor + 1:cursor + 2] == " " and text[cursor + 2:cursor + 3].isupper():
            cursor = end = cursor + 1  # "Speakers' Corner", "Workers' Memorial": a plural's
    return end




def name_start_before(text: str, end: int, limit: int = 4) -> int | None:
    """Start of the capitalised words right before `end` ("Portland " before "Place")."""
    start = None
    cursor = end
    for _ in range(limit):
        match = re.search(r"([A-ZÀ-Þ][\w'’\-.]*)[ \t]+$", text[max(0, cursor - 40):cursor])
        if not match:
            break
        start = cursor - (len(text[max(0, cursor - 40):cursor]) - match.start(1))
        cursor = start
    return start




# A shouted word before a name in ordinary case ("JUPILLE Maison des Jeunes"), and a shouted
# heading glued to the next word's capital ("GRIVEGNEE-HAUTÉcole": the heading, then "École").
_SHOUTED_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ\-'’]{3,}[ \t]+"
                           r"(?=[A-ZÀ-ÖØ-Þ][^\W\d_]*[a-zß-öø-ÿ])")
GLUED_HEAD = re.compile(r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ\-]{2,}(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
_FIRST_WORD = re.compile(r"([^\W\d_]+)[ \t]+(?=[A-ZÀ-ÖØ-Þ])")


def name_head(name: str, grammar: Grammar) -> int:
    """How many leading characters of a found name are not the venue's: a shouted heading
    ("JUPILLE Maison …", "HAUTÉcole …"), a cue written with a capital ("A L'Atelier …") or an
    adjective of place ("Brusselse Noordstation")."""
    cut = 0
    for _ in range(4):
        match = _SHOUTED_WORD.match(name, cut) or GLUED_HEAD.match(name, cut)
        if match is None:
            first = _FIRST_WORD.match(name, cut)
            if first is None:
                break
            word = first.group(1)
            lower = word.lower()
            demonym = bool(grammar.demonym_endings) and len(word) > 4 and word[0].isupper() \
                and lower.endswith(grammar.demonym_endings)
            if (lower not in grammar.stops and not demonym) or lower in grammar.venue_first \
                    or lower in grammar.street_before_words:
                break
            match = first
        cut = match.end()
    return cut


@functools.cache
def merged_lower(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in merged_words(key))


def capitalised(token: str) -> bool:
    """True when a word starts with a capital letter."""
    return token[:1].isupper()


def town_qualifier(inside: str) -> bool:
    """A bracket after a town that belongs to its name: a department ("86"), a borough
    ("7e arrondissement") or the larger town ("Seraing")."""
    inside = inside.strip()
    if re.fullmatch(r"\d{1,3}|2[AB]", inside) or re.match(r"\d{1,2}(?:e|er|ème|de|ste)\b", inside):
        return True
    return gazetteer.normalise(inside) in gazetteer.load().mentions
