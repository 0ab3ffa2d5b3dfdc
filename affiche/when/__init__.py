"""affiche.when: find and resolve time expressions in French, Dutch and English running text.

Why our own engine: calls to action say when in forms the Python libraries miss or misread.
dateparser's `search_dates` is slow on whole documents (tens of milliseconds per text, seconds
without a language hint), misses most French and Dutch running-text forms ("14u" becomes a
year, "samedi 19 à 14h" a Sunday) and never checks a weekday against the day of the month;
ctparse is English-first; Duckling (the reference corpus we measure against) is a Haskell
service. Here the language knowledge lives in `affiche/lang/<lang>.toml` (`[time.*]`: month
and weekday names, numbers, parts of the day, connectors, holidays), so a fourth language is a
new data file, and the engine is a few regular expressions and slot-filling rules, fast enough
to run on every document.

Stages:
  1. lexicon  — the language's `[time.*]` data compiled, on first use, into one trie-shaped
                regular expression (`affiche.when.lexicon`).
  2. scan     — one pass over the text yields atoms (numeric dates, clock times, numbers and
                words) and cuts them into chunks separated by anything but glue
                (`affiche.when.scan`).
  3. grammar  — each chunk fills frames (weekday, day, month, year, time, part of day...),
                joined into ranges and lists that share what they state; a time shortly after
                a bare date is attached to it (`affiche.when.grammar`, `affiche.when.frame`,
                `affiche.when.numbers`, `affiche.when.combine`). Each construction is one rule
                over word categories: a position (begin/mid/end) × any period, a quantity ×
                any unit × any relative frame, an ordinal × a weekday × a period, a deadline
                or an open end × any time, a day shifted from a holiday, a date and its time
                joined by a dash.
  4. resolve  — frames become `TimeMention`s against the reference: next occurrences,
                weekday/day-of-month checks with candidates, 12/24-hour clock, parts of day,
                holidays and periods (`affiche.when.resolve`, `affiche.when.periods`); ranges
                end to end, bare-number ranges read as hours or flagged, and a range that ends
                before it starts rejected (`affiche.when.ranges`); the reference's zone (or the
                one the text names) is attached last, so daylight-saving offsets are right for
                each date.

`find` returns every mention in a text; `parse` the best readings of one expression;
`TimeMention.to_values` gives the Contract 3 form (`affiche when`, see `affiche.when.cli`).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import functools
import logging

from affiche.errors import InputError
from affiche.when.mention import Reading, TimeMention

logger = logging.getLogger(__name__)

__all__ = ["DEFAULT_ZONE", "Reading", "TimeMention", "find", "parse", "values"]

DEFAULT_ZONE = "Europe/Brussels"
# Locales whose numeric dates put the month first ("12/04" is December 4th)
MONTH_FIRST = frozenset({"en_us", "en_ca"})


@functools.cache
def _default_zone() -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(DEFAULT_ZONE)


def _lexicon(lang: str):
    from affiche.when.lexicon import lexicon

    try:
        return lexicon(lang)
    except KeyError as error:
        raise InputError(f"no time data for language {lang!r}: use fr, nl or en") from error


def _mentions(text: str, reference: dt.datetime, lang: str, locale: str | None,
              strict: bool) -> list[TimeMention]:
    from affiche.when.combine import attach_times, share
    from affiche.when.grammar import CONTENT, read_chunk
    from affiche.when.ranges import resolve_group
    from affiche.when.scan import chunks, scan

    if not isinstance(text, str):
        raise InputError(f"time text must be a string, not {type(text).__name__}")
    if not isinstance(reference, dt.datetime):
        raise InputError(f"reference must be a datetime, not {reference!r}")
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=_default_zone())
    lex = _lexicon(lang)
    month_first = str(locale or "").lower() in MONTH_FIRST
    atoms = scan(text, lex, month_first, locale)
    # "12/04, 8pm ET": a US call writes the month first
    if locale is None and _american_zone(atoms):
        atoms = scan(text, lex, True, locale)
    if strict:  # running text: "3e étage", "3rd floor" count, they date nothing (when.context)
        from affiche.when.context import prune

        atoms = prune(atoms, text, lex)
    groups = []
    for chunk in chunks(atoms, text, lex):
        for atom in chunk:  # only a chunk that holds some time content is read
            if atom.kind in CONTENT:
                groups.extend(read_chunk(chunk, lex, strict))
                break
    groups = attach_times(groups, text)
    ref = reference.replace(tzinfo=None)
    found: list[TimeMention] = []
    for group in groups:
        share(group)
        try:
            found.extend(resolve_group(group, ref, lex, strict))
        except (ValueError, IndexError, OverflowError, StopIteration) as error:
            # one expression the calendar cannot place ("quarter 13") never sinks the text
            logger.debug("time expression not resolved: %r", error)
    if strict:  # running text: drop numbers, names and nouns (affiche.when.context)
        from affiche.when.context import plausible

        found = plausible(found, text, atoms, lex, ref)
    return _finish(found, text, reference)


def _american_zone(atoms: list) -> bool:
    """True when a numeric date is read in a text that names a North American zone."""
    if not any(a.kind == "date" for a in atoms):
        return False
    for atom in atoms:
        if atom.kind == "zone" and (
                (isinstance(atom.value, str) and atom.value.startswith("America/"))
                or (isinstance(atom.value, int) and -480 <= atom.value <= -240)):
            return True
    return False


def _zone_of(stated: int | str | None) -> dt.tzinfo | None:
    """The zone a text named: minutes east of UTC ("CET") or a zone's name ("heure de Paris")."""
    if stated is None:
        return None
    if isinstance(stated, str):
        from zoneinfo import ZoneInfo

        return ZoneInfo(stated)
    return dt.timezone(dt.timedelta(minutes=stated))


def _aware(candidate: str, zone: dt.tzinfo | None) -> str:
    """An ISO datetime candidate with the reference's zone when it has none."""
    try:
        value = dt.datetime.fromisoformat(candidate)
    except ValueError:
        return candidate
    return value.replace(tzinfo=zone).isoformat() if value.tzinfo is None else candidate


def _finish(found: list[TimeMention], text: str, reference: dt.datetime) -> list[TimeMention]:
    """Attach the zone, check for past dates, and keep non-overlapping mentions in text order."""
    from affiche.model import Warning

    zone = reference.tzinfo
    today = reference.date()
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[TimeMention] = []
    for mention in found:
        if mention.start < 0 or (out and mention.start < out[-1].end):
            continue
        if mention.kind == "interval" and mention.value is not None \
                and mention.end_exclusive is not None and mention.end_exclusive <= mention.value:
            logger.debug("interval ending before it starts rejected: %r", mention)
            continue  # "from Friday to the 3rd" read backwards: no reading rather than a wrong one
        mention.text = text[mention.start:mention.end]
        stated = _zone_of(mention.stated_zone)
        for name in ("value", "end_value", "end_exclusive"):
            value = getattr(mention, name)
            if value is not None:
                value = (value.replace(tzinfo=stated).astimezone(zone) if stated
                         else value.replace(tzinfo=zone))
                setattr(mention, name, value)
        mention.candidates = [c.replace(tzinfo=zone) for c in mention.candidates]
        for warning in mention.warnings:  # readings offered by the resolver, in wall-clock time
            warning.candidates = [_aware(c, zone) for c in warning.candidates]
        if mention.candidates:
            chosen = mention.value or mention.candidates[0]
            stated = mention.candidates[1] if len(mention.candidates) > 1 else chosen
            mention.warnings.append(Warning(
                "weekday_mismatch",
                f"{mention.text!r}: the {stated.day} is a {_cal.day_name[stated.weekday()]}; "
                f"read as {_cal.day_name[chosen.weekday()]} {chosen.date().isoformat()}",
                [c.isoformat() for c in mention.candidates],
            ))
        last = mention.end_value or mention.value
        if mention.has_date and last is not None and last.date() < today and not mention.recurring:
            mention.warnings.append(Warning(
                "past_date", f"{mention.text!r} is before the reference day {today.isoformat()}",
                [last.isoformat()],
            ))
        out.append(mention)
    return out


def find(text: str, reference: dt.datetime, lang: str,
         locale: str | None = None) -> list[TimeMention]:
    """Every time expression of a running text, resolved against `reference`, in text order."""
    return _mentions(text, reference, lang, locale, strict=True)


def parse(expression: str, reference: dt.datetime, lang: str,
          locale: str | None = None) -> list[Reading]:
    """The readings of one time expression, best (widest cover of the expression) first."""
    found = _mentions(expression, reference, lang, locale, strict=False)
    return sorted(found, key=lambda m: -(m.end - m.start))


def values(expression: str, reference: dt.datetime, lang: str,
           locale: str | None = None) -> list[dict]:
    """Contract 3 values of one expression, best first."""
    out: list[dict] = []
    if isinstance(reference, dt.datetime) and reference.tzinfo is None:
        reference = reference.replace(tzinfo=_default_zone())  # as parse reads it
    for reading in parse(expression, reference, lang, locale):
        out.extend(reading.to_values(reference))
    return out
