"""The fast paths of extraction find exactly what the plain, slower way finds.

Each prefilter or skipped step is compared with the computation it replaces, over sentences
written for these tests (dates, hours and postcodes beside phones, extensions, domains in
running text, odd characters).
"""

from __future__ import annotations

import random

import phonenumbers
import pytest

from affiche.extract import contacts

SENTENCES = [
    "Rendez-vous le 12/03 à 14h30, salle 4, 1000 Bruxelles. Infos : 0470 12 34 56.",
    "Bureau 12/039 ext 00 32 2 512 34 56, ou le 2 x 0032 2 512 34 57 le soir.",
    "Call +44 20 7946 0958 (ext. 12) or 020 7946 0959 #3 before 6pm on 3/4.",
    "Bel 09/223.45.67 of 0486-12-34-56; niet op 2025-01-18 14:00.",
    "Tickets 12,50 € ; 1 2 3 4 5 6 7 8 ; (02) 512 34 56 ; 1060 Saint-Gilles (1060).",
    "Numéros : 04 70 12 34 56 / 57 ~ 58 ; poste 7 ; 00 33 1 23 45 67 89.",
    "Site: stuut.info, www.Example.ORG/agenda, https://example.be/a.html?x=1, "
    "Beweging.net Antwerpen, p.ex. etc., mail@example.fr, @collectif_x.",
    "Meer info: HTTP://EXAMPLE.NL of WWW.voorbeeld.be/pagina, of voorbeeld.nl.",
]


def _random_texts(count: int, seed: int) -> list[str]:
    """Texts of digits, separators, extension marks and domain pieces in random order."""
    pieces = list("0123456789 .-/()+#~;,x:") + [
        "+33 ", "00 32 ", "ext ", "poste ", "2025-01-", "12/03", "\u0663", "\u00b2", "\u00a0",
        ".be", ".com", "www.", "http://", "Tel ", "0470 ", "ſ", "İ", "\n", "a", "B"]
    rnd = random.Random(seed)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 80)))
            for _ in range(count)]


def _long_readings(matcher: type, text: str) -> list[tuple[int, str]]:
    """(start, raw) of the readings of `matcher` with at least 8 digits, as `_phones` keeps."""
    found = matcher(text, "BE", leniency=phonenumbers.Leniency.POSSIBLE)
    return [(m.start, m.raw_string) for m in found
            if sum(ch.isdigit() for ch in m.raw_string) >= contacts._PHONE_DIGITS]


@pytest.mark.parametrize("texts", [SENTENCES, _random_texts(3000, 7)], ids=["own", "random"])
def test_phone_matcher_keeps_every_long_reading(texts: list[str]) -> None:
    """Skipping short candidates loses no reading of eight digits or more."""
    for text in texts:
        assert _long_readings(contacts._PhoneMatcher, text) == _long_readings(
            phonenumbers.PhoneNumberMatcher, text), text


def test_short_number_with_extension_still_lets_the_next_number_be_read() -> None:
    """A short candidate with an extension ends where the next number starts: still read."""
    text = "Bureau 12/039ext 00 32 912 03 24 55 pour infos"
    assert _long_readings(contacts._PhoneMatcher, text) == _long_readings(
        phonenumbers.PhoneNumberMatcher, text) != []


@pytest.mark.parametrize("texts", [SENTENCES, _random_texts(3000, 11)], ids=["own", "random"])
def test_url_prefilters_find_what_the_patterns_find(texts: list[str]) -> None:
    """URLs, bare domains: the same matches as the patterns run over the whole text."""
    patterns = contacts._patterns()
    for text in texts:
        plain = [(name, m.span()) for name in ("url", "bare")
                 for m in patterns[name].finditer(text)]
        assert [(name, m.span()) for name, m in contacts._url_matches(text)] == plain, text


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "Départ 14h(CET) — DEUX HEURES, Quinze heures",
     [("time", "14h"), ("zone", "(CET)"), ("conn", "—"), ("time", "DEUX HEURES"),
      ("time", "Quinze heures")]),
    ("nl", "zaterdag ’s-avonds om half vier",
     [("wd", "zaterdag"), ("pod", "’s-avonds"), ("conn", "om"), ("time", "half vier")]),
    ("en", "Q4 2025, at TEN past 3pm",
     [("num", "Q"), ("unit", "4"), ("num", "2025"), ("conn", "at"), ("time", "TEN past 3pm")]),
])
def test_scanner_reads_words_behind_their_first_character_tests(
        lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    """Capitals, either apostrophe, a zone in brackets glued to a time: still read."""
    from affiche.when.lexicon import lexicon
    from affiche.when.scan import scan

    assert [(a.kind, text[a.start:a.end]) for a in scan(text, lexicon(lang))] == expected


def test_first_character_test_keeps_what_the_pattern_matches() -> None:
    """`_ahead` only rejects what its pattern would reject, in any case and accent."""
    import re

    from affiche.when.lexicon import _ahead

    pattern = r"(?P<n>(?:(?-i:[eEéÉèÈêÊëË])t[eé]|(?-i:[dD])eux|\d+h))"
    guarded = re.compile(_ahead(pattern, {"e", "d"}, digits=True), re.IGNORECASE)
    plain = re.compile(pattern, re.IGNORECASE)
    for text in ["été", "ÉTÉ", "Ete", "deux", "DEUX", "14h", "٣h", "xdeux", "eux", "", "ſ"]:
        assert bool(guarded.match(text)) == bool(plain.match(text)), text
    assert _ahead(pattern, {"'"}) == pattern  # no known cases: no test


@pytest.mark.parametrize("text", [
    "Samedi dernier, nous étions 300 devant la gare.",
    "Le dernier espace vert du quartier sera défendu ce samedi.",
    "La manifestation s'est déroulée dans le calme.",
    "Rendez-vous samedi à 14h devant la maison communale.",
])
def test_past_pattern_without_day_words_finds_the_same(text: str) -> None:
    """Past cues read with the day-word alternatives left out where no day word appears:
    the same matches as the whole pattern."""
    from affiche.extract import cues

    past = cues.past_pattern("fr")
    assert [m.span() for m in past.finditer(text)] == [
        m.span() for m in past.full.finditer(text)]
    assert past.findall(text) == past.full.findall(text)
