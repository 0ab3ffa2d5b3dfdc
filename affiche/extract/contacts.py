"""Contacts in running text: e-mails (also obfuscated), phone numbers, URLs and social handles.

E-mail and URL shapes are simple enough for regular expressions (links to read, such as a news
article's page or an encyclopedia entry, are not contacts and are left out); what varies by
language (the words of obfuscated addresses, "arobase", "apenstaartje", "punt", and the words
that announce a phone number) comes from the `[places]` tables of every language file, because
a call in one language often quotes an address written in another. Phone numbers are found and
validated by `phonenumbers`, each in the regions of its text: the country of the place named
nearest it (the event's), then the country the text names most (the document's), then Belgium.
Numbers valid in one of those regions, or written in international form, or announced by a
phone word, are kept, so dates and amounts are not.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Sequence

import phonenumbers

from affiche import lang as language_data
from affiche.model import Contact

__all__ = ["find_contacts"]

# Top-level domains accepted for a bare domain written without http:// or www. ("stuut.info",
# "example.org/agenda"); with a scheme or www. every domain is accepted. File extensions
# ("IMG_2025.jpg", "appel.pdf") and abbreviations ("p.ex", "etc.") are not in this list.
# Nor ".es", ".e" or ".s": French inclusive writing ("militant.es", "tou.te.s").
_BARE_TLDS = (
    "be|fr|nl|lu|ch|de|uk|eu|org|com|net|info|io|coop|ngo|online|site|xyz|blog|brussels|"
    "vlaanderen|gent|paris|bzh|alsace|corsica|me|tv|fm|social|community|agency|africa|it|"
    "pt|dk|se|no|fi|ie|pl|cz|ca|us|ma|tn|dz|cd|sn|ci|cm|ps|lb|tr|gr|ro|hu|sk|si|hr"
)
_SOCIAL_HOSTS = ("facebook.com", "fb.com", "fb.me", "instagram.com", "twitter.com", "x.com",
                 "tiktok.com", "youtube.com", "youtu.be", "linkedin.com", "mastodon.social",
                 "threads.net", "bsky.app", "t.me", "telegram.me", "framapiaf.org",
                 "kolektiva.social", "mobilizon.fr")
_TRAILING = ".,;:!?'\"»)]}›>…"
# Local-part pieces exclude the dot: dots (plain or obfuscated) are matched between pieces, which
# keeps the pattern linear on long dotted strings.
_LOCAL = r"[A-Za-z0-9_%+\-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"


@functools.cache
def _words(key: str) -> tuple[str, ...]:
    """The union over every language file of a `[places]` word list, longest first."""
    found: set[str] = set()
    for code in language_data.available():
        found.update(w.lower() for w in language_data.load(code).get("places", {}).get(key, []))
    return tuple(sorted(found, key=len, reverse=True))


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Compile the contact patterns once per process."""
    at_words = _alternation(_words("email_at"))
    dot_words = _alternation(_words("email_dot"))
    # "[at]", "(at)", "{at}", "-at-", " AT ", " arobase ", " @ "; a bare lowercase " at " is
    # accepted only because the whole address must also parse (domain, dot word, TLD).
    at = (rf"(?:\s*[\[({{<]\s*(?:{at_words}|@)\s*[\])}}>]\s*|\s*-\s?(?:{at_words})\s?-\s*"
          rf"|\s+(?:{at_words})\s+|\s+@\s+|@)")
    dot = (rf"(?:\s*[\[({{<]\s*(?:{dot_words}|\.)\s*[\])}}>]\s*|\s*-\s?(?:{dot_words})\s?-\s*"
           rf"|\s+(?:{dot_words})\s+|\s\.\s|\.)")
    email = (rf"(?<![\w.@%+\-])(?P<local>{_LOCAL}(?:{dot}{_LOCAL})*)(?P<at>{at})"
             rf"(?P<domain>{_LABEL}(?:{dot}{_LABEL})*{dot}[A-Za-z]{{2,24}})(?![\w\-@])")
    cues = _alternation(_words("phone_cues"))
    return {
        "email": re.compile(email, re.IGNORECASE),
        # where an e-mail may be: the full pattern runs only around these, which is 10× faster
        # than letting it try every word of the text
        "email_anchor": re.compile(rf"@|[\[({{<]\s*(?:{at_words})\s*[\])}}>]|-\s?(?:{at_words})\s?-"
                                   rf"|\s(?:{at_words})\s", re.IGNORECASE),
        "dot": re.compile(dot, re.IGNORECASE),
        "at": re.compile(at, re.IGNORECASE),
        "url": re.compile(r"(?<![\w@/.])(?:https?://|www\.)[^\s<>\"'«»\[\]{}|\\^`]+",
                          re.IGNORECASE),
        "bare": re.compile(
            rf"(?<![\w@/.\-])(?:{_LABEL}\.)+(?:{_BARE_TLDS})(?:/[^\s<>\"'«»\[\]{{}}|\\^`]*)?"
            r"(?![\w@\-]|\.\w)", re.IGNORECASE),
        # where a bare domain may be: its dot and top-level domain (see `_bare_tokens`)
        "bare_anchor": re.compile(rf"\.(?:{_BARE_TLDS})", re.IGNORECASE),
        "handle": re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
                             r"(?![\w@]|\.[A-Za-z])"),
        "phone_hint": re.compile(r"(?:\+|\b0)\d"),
        "phone_cue": re.compile(rf"(?:{cues})\W{{0,6}}$", re.IGNORECASE),
    }


def _trim_url(text: str, start: int, end: int) -> int:
    """Drop trailing punctuation that ends the sentence, keeping balanced parentheses."""
    while end > start and text[end - 1] in _TRAILING:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def _deobfuscate(match: re.Match[str]) -> str:
    """'nom [at] domaine [dot] org' → 'nom@domaine.org'."""
    patterns = _patterns()
    local = patterns["dot"].sub(".", match.group("local"))
    domain = patterns["dot"].sub(".", match.group("domain"))
    return f"{local}@{domain}".replace(" ", "")


def _emails(text: str) -> list[tuple[int, int, str, str]]:
    patterns = _patterns()
    windows: list[list[int]] = []
    for anchor in patterns["email_anchor"].finditer(text):
        start, end = max(0, anchor.start() - 80), min(len(text), anchor.end() + 120)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    found = []
    for start, end in windows:
        for match in patterns["email"].finditer(text, start, end):
            if found and match.start() < found[-1][1]:
                continue
            found.append((match.start(), match.end(), "email", _deobfuscate(match)))
    return found


_NON_SPACE = re.compile(r"\S*")


def _bare_tokens(text: str) -> list[tuple[int, int]]:
    """The (start, read end) of each run of non-spaces holding a dot and a top-level domain:
    a bare domain, its labels and its path hold no space, so the bare pattern finds in these
    runs all it finds in the text; it is 5× faster than letting it try every word. The read
    end is one character past the run, for the pattern's look-ahead."""
    tokens: list[tuple[int, int]] = []
    for anchor in _patterns()["bare_anchor"].finditer(text):
        if tokens and anchor.start() < tokens[-1][1]:
            continue  # a second top-level domain in the same run
        start = anchor.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = _NON_SPACE.match(text, anchor.start()).end()
        tokens.append((start, min(len(text), end + 1)))
    return tokens


def _url_matches(text: str) -> list[tuple[str, re.Match[str]]]:
    """The matches of the URL pattern, then of the bare-domain pattern, each in text order."""
    patterns = _patterns()
    found: list[tuple[str, re.Match[str]]] = []
    # a URL starts "http://", "https://" or "www." (any case): no such text, no URL to look for
    if "://" in text or "www." in text.lower():
        found += [("url", match) for match in patterns["url"].finditer(text)]
    for start, end in _bare_tokens(text):
        found += [("bare", match) for match in patterns["bare"].finditer(text, start, end)]
    return found


def _urls(text: str) -> list[tuple[int, int, str, str]]:
    patterns = _patterns()
    found = []
    for name, match in _url_matches(text):
        end = _trim_url(text, match.start(), match.end())
        value = text[match.start():end]
        if name == "bare" and not _plausible_bare(value):
            continue
        if _reading_link(value):
            # still claims its span, so no phone or e-mail is read inside it
            found.append((match.start(), end, "skip", value))
            continue
        host = re.sub(r"^(?:https?://)?(?:www\.|m\.|[a-z]{2}-[a-z]{2}\.)?", "", value.lower())
        kind = "social" if host.split("/")[0] in _SOCIAL_HOSTS else "url"
        found.append((match.start(), end, kind, value))
    for match in patterns["handle"].finditer(text) if "@" in text else ():
        found.append((match.start(), match.end(), "social", match.group(0)))
    return found


def _plausible_bare(value: str) -> bool:
    """A bare domain is a URL unless it looks like an abbreviation ("a.s.b.l") or is written as
    a name ("Beweging.net Antwerpen", "sur Rebellyon.info": a capital and no path)."""
    host, _, path = value.partition("/")
    labels = host.split(".")
    if any(len(label) == 1 for label in labels):
        return False  # initials: "p.ex", "S.A.be"
    if value[:1].isupper() and not path:
        return False
    return not all(label.isdigit() for label in labels[:-1])


_ARTICLE = re.compile(r"/[^/?#]*\d[^/?#]*\.(?:s?html?|php|aspx?)(?:[?#].*)?$|/wiki/", re.IGNORECASE)


def _reading_link(value: str) -> bool:
    """A link to read (a news article, an encyclopedia page), not a way to reach the organisers:
    a page file whose name holds a number, or a wiki page."""
    return bool(_ARTICLE.search(value))


_DATE_LIKE = re.compile(r"(?:\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|\d{4}[./\-]\d{1,2}[./\-]\d{1,2})"
                        r"(?:$|[ T]\d{1,2}\b)")
_PHONE_LIKE = re.compile(r"(?<![\w.])[+(]?\d[\d \t./\-()]{6,22}\d(?![\w])")
_PHONE_MARGIN = 12  # characters around a number given to the matcher, for its own checks
_PHONE_DIGITS = 8  # fewer digits than this is no phone (a day, an hour, a postcode, a year)
# besides letters ("ext", "x", "poste"), what an extension of the library's patterns may hold
_EXTENSION_MARKS = frozenset("#＃~～;")


class _PhoneMatcher(phonenumbers.PhoneNumberMatcher):
    """The library's matcher, skipping at once a candidate with too few digits to be kept.

    Most digit runs of a call are dates, hours and postcodes, and the matcher parses each of
    them, several times over for its inner matches: that was most of the time spent on
    contacts. A reading is a part of its candidate, so a candidate with fewer than
    `_PHONE_DIGITS` digits yields no reading `_phones` keeps; rejecting it moves the search
    past it as the library does after any candidate that fails. Only a candidate without an
    extension is rejected so: one with an extension ("12/039 ext 00") can end where a longer
    number starts, which the library finds by searching again from the end of its reading.
    `_extract_match` is the library's per-candidate step (upstream's extractMatch); should a
    later version stop calling it, the override is never reached and phones are read as
    before, only slower.
    """

    def _extract_match(self, candidate: str, offset: int) -> phonenumbers.PhoneNumberMatch | None:
        """None for a short candidate without an extension, else the library's reading."""
        if sum(ch.isdigit() for ch in candidate) < _PHONE_DIGITS and not any(
                ch.isalpha() or ch in _EXTENSION_MARKS for ch in candidate):
            return None
        return super()._extract_match(candidate, offset)

_NEAR = 2000  # characters: a place further from a number than this is another call's


def _phones(text: str, regions: list[str],
            countries: Sequence[tuple[int, str]] = ()) -> list[tuple[int, int, str, str]]:
    """The phone numbers of `text`; `regions` (the document's, then the default) read every
    number, the country of the place nearest a number (`countries`: offset, code) first."""
    patterns = _patterns()
    if not patterns["phone_hint"].search(text):
        return []
    places = sorted((at, code) for at, code in countries if code in phonenumbers.SUPPORTED_REGIONS)
    offsets = [at for at, _ in places]

    def nearest(at: int) -> str | None:
        index = bisect.bisect_left(offsets, at)
        near = [places[i] for i in (index - 1, index) if 0 <= i < len(places)]
        near = [p for p in near if abs(p[0] - at) <= _NEAR]
        return min(near, key=lambda p: abs(p[0] - at))[1] if near else None

    readings: dict[tuple[int, str], dict[str, bool]] = {}

    def read(part: str, offset: int, region: str) -> None:
        matcher = _PhoneMatcher(part, region, leniency=phonenumbers.Leniency.POSSIBLE)
        for match in matcher:
            raw = match.raw_string.strip()
            start = offset + match.start + match.raw_string.index(raw)
            readings.setdefault((start, raw), {})[region] = phonenumbers.is_valid_number(
                match.number)

    for region in regions:
        read(text, 0, region)
    others = {code for _, code in places} - set(regions)
    if others:
        # the country of a place nearby reads only the digits around it: one pass over the
        # whole text per country named would cost more than the rest of the extraction
        for digits in _PHONE_LIKE.finditer(text):
            region = nearest(digits.start())
            if region in others:
                low = max(0, digits.start() - _PHONE_MARGIN)
                read(text[low:digits.end() + _PHONE_MARGIN], low, region)
    found = []
    for (start, raw), valid_in in sorted(readings.items()):
        own = [r for r in dict.fromkeys([nearest(start), *regions]) if r in valid_in]
        if not own:
            continue  # read only in the region of a place far away
        international = raw.startswith(("+", "00"))
        valid = any(valid_in[r] for r in own)
        announced = bool(patterns["phone_cue"].search(text[max(0, start - 40):start]))
        digits = sum(ch.isdigit() for ch in raw)
        # a national number with its trunk prefix and ten digits or more is a phone even in
        # a range the metadata keeps for examples ("07700 900123")
        national = raw.startswith("0") and not raw.startswith("00") and digits >= 10
        if digits < _PHONE_DIGITS or not (valid or international or announced or national):
            continue
        if _DATE_LIKE.match(raw):
            continue  # a date (and hour) that happens to be a possible number
        found.append((start, start + len(raw), "phone", raw))
    return found


def _region(default_region: str) -> str:
    region = (default_region or "BE").upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else "BE"


def find_contacts(text: str, default_region: str = "BE",
                  countries: Sequence[tuple[int, str]] = ()) -> list[Contact]:
    """E-mails, phones, URLs and social handles in `text`, each once, in text order; phones
    are read in the country of the place nearest them, of the text, else `default_region`
    (`countries`: the offset and ISO code of each place of the text)."""
    if not text:
        return []
    named = Counter(code for _, code in countries if code).most_common(1)
    regions = [r for r in dict.fromkeys([named[0][0] if named else None,
                                         _region(default_region)]) if r]
    candidates = _emails(text) + _urls(text) + _phones(text, regions, countries)
    # Longest first at each position, so an e-mail inside a URL (or a domain inside an e-mail)
    # is counted once, as part of the larger contact.
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen: list[tuple[int, int, str, str]] = []
    taken_until = -1
    for start, end, kind, value in candidates:
        if start < taken_until:
            continue
        chosen.append((start, end, kind, value))
        taken_until = end
    # The same contact written twice counts once; of "stuut.info" and "https://stuut.info" the
    # fuller spelling is kept.
    best: dict[tuple[str, str], tuple[int, int, str, str]] = {}
    for start, end, kind, value in chosen:
        if kind == "skip":
            continue
        key = (kind, _identity(kind, value))
        if key not in best or len(value) > len(best[key][3]):
            best[key] = (start, end, kind, value)
    return [Contact(type=kind, value=value, evidence=(start, end))
            for start, end, kind, value in sorted(best.values())]


def _identity(kind: str, value: str) -> str:
    """What two spellings of one contact share: digits of a phone, a URL without its scheme."""
    if kind == "phone":
        return re.sub(r"\D", "", value)
    if kind in ("url", "social"):
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", value.lower()).rstrip("/")
    return value.lower()
