"""Running-text plausibility of time mentions: the checks `find` applies, `parse` does not.

`find` reads whole documents, where numbers, common words and names look like time expressions:
a house number ("6/1 Place ..."), an organisation ("CNCD 11.11.11"), a station ("Bruxelles
Midi"), a newspaper ("De Morgen"), a festival ("Festival Maintenant"), a street named after a
date ("place du Vingt-Août"), a count ("entre trois organisations", "plus de trois heures"), an
event noun ("une grande soirée caritative"), an offset from an unknown moment ("une heure plus
tard", "dans l'heure qui précède"). An isolated expression handed to `parse` has none of that
ambiguity, so these rules run on the `find` path only, in two places: `prune` drops atoms
before the grammar reads them (house numbers "au 12 rue Haute", ordinals that count "au 3e
étage"), so a range cannot end on them; `plausible` judges each resolved mention, which is kept,
dropped, moved to the past ("le 22 février dernier") or read again without a dangling tail ("à
18h50, ce que"), a leading verb ("could last two hours") or an unannounced "now" ("Ceasefire
Now – 11 November"). The words the rules need live in `[time.context]` of the language files;
the rules themselves are language-neutral.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from affiche.when.calendar import add_months
from affiche.when.lexicon import Lexicon, norm
from affiche.when.mention import TimeMention
from affiche.when.scan import Atom

__all__ = ["plausible", "prune"]

# Atom kinds that state a day on their own (a bare number or a number word does not).
DAY_KINDS = frozenset({"date", "wd", "wdpl", "month", "reld", "reldp", "hol", "season"})
# Atom kinds that may be a name's word when written with a capital inside a name.
NAME_KINDS = frozenset({"clock", "reld", "period", "pod"})
# Units below a day: an offset in them counts from a clock time the text does not give.
CLOCK_UNITS = frozenset({"second", "minute", "hour", "half_hour", "quarter_hour",
                         "three_quarter_hour"})
# Kinds that may dangle after a comma at the end of a span ("18h50, ce", "avril, un").
DANGLING = frozenset({"mod", "conn", "numw", "ordw", "unit", "period"})
URL_MARKS = ("://", "www.", "@")
URL_SUFFIX = re.compile(r"\.(?:html?|php|aspx?|pdf|jpe?g|png)\b", re.IGNORECASE)
SHORT_YEAR = re.compile(r"^(\d{1,2})\D(\d{1,2})\D(\d{2})\Z")
NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")
LABEL_BEFORE = re.compile(r"(?:^|\n)[ \t>•*·–-]*\Z")
LABEL_AFTER = re.compile(r"[ \t]*[:–-]")
PHONE_GROUP = re.compile(r"(?:[ .]\d{2,4}){2}")
WORD_BEFORE = re.compile(r"([^\W\d_][\w'’]*)([ \t]*)\Z")


@dataclass(frozen=True)
class Context:
    """A language's `[time.context]` words, compiled into end- and start-anchored patterns."""

    name_before: re.Pattern[str]
    station_before: re.Pattern[str]
    name_after: re.Pattern[str]
    quantity_before: re.Pattern[str]
    part_of_day_cues: re.Pattern[str]
    future_before: re.Pattern[str]
    verb_before: re.Pattern[str]
    hour_words: frozenset[str]
    capitalised_only: frozenset[str]
    counted_after: frozenset[str]
    march_after: frozenset[str]
    month_before: re.Pattern[str]


def _phrases(words: list[str]) -> str:
    """An alternation of phrases, longest first, spaces matching any run of blanks."""
    written = {" ".join(w.lower().replace("’", "'").split()) for w in words if w.strip()}
    ordered = sorted(written | {norm(w) for w in written}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+").replace("'", "['’][ \t]?")
                    for w in ordered)


def _ending(words: list[str], links: list[str] | None = None) -> re.Pattern[str]:
    """A pattern for text ending with one of `words` (then optionally one of `links`)."""
    if not words:
        return re.compile(r"(?!)")
    link = rf"(?:[ \t]+(?:{_phrases(links)}))?" if links else ""
    return re.compile(rf"(?<!\w)(?:{_phrases(words)}){link}[ \t]*\Z", re.IGNORECASE)


@functools.cache
def _context(lang: str) -> Context:
    from affiche import lang as lang_data

    data = lang_data.load(lang)["time"]
    words = data["context"]
    starts = words["name_after"]
    return Context(
        name_before=_ending(words["name_before"], words["name_links"]),
        station_before=_ending(words["station_before"]),
        # up to two capitalised words may come between: "12/3 Baker Street"
        name_after=re.compile(r"[ \t]*(?:(?-i:[A-Z])[\w'’-]*[ \t]+){0,2}(?:" + _phrases(starts)
                              + r")(?!\w)", re.IGNORECASE)
        if starts else re.compile(r"(?!)"),
        quantity_before=_ending(words["quantity_before"]),
        part_of_day_cues=_ending(words["part_of_day_cues"]),
        future_before=_ending(words["future_before"]),
        verb_before=_ending(words["verb_before"]),
        hour_words=frozenset(norm(w) for w in data["settings"]["hour_word_markers"]),
        capitalised_only=frozenset(norm(w) for w in words["capitalised_only"]),
        counted_after=frozenset(norm(w) for w in words["counted_after"]),
        march_after=frozenset(norm(w) for w in words.get("march_after", [])),
        month_before=_ending(words.get("month_before", [])),
    )


def prune(atoms: list[Atom], text: str, lex: Lexicon) -> list[Atom]:
    """Atoms minus house numbers, counting ordinals and lowercase capital-only words."""
    context = _context(lex.lang)
    out: list[Atom] = []
    for index, atom in enumerate(atoms):
        if text[atom.start:atom.start + 1].islower() \
                and norm(text[atom.start:atom.end]) in context.capitalised_only \
                and not _next_to_number(atoms, index, text, lex):
            continue  # "the march on 22 February": a walk, not the month ("3 march" stays)
        if atom.kind == "month" and _noun_month(atoms, index, text, lex, context):
            continue  # "March for Palestine", "March against the war": the walk, not the month
        dated = bool(out) and out[-1].kind in ("wd", "reld", "reldp", "month") \
            and atom.start - out[-1].end <= 2  # "samedi 6/1 place", "November 11th concerns"
        if atom.kind in ("num", "date") and not dated \
                and context.name_after.match(text, atom.end) \
                and not lex.article_before.search(text, max(0, atom.start - 12), atom.start):
            continue
        if atom.kind == "num" and _enumerator(text, atom):
            continue  # "1) treasurer's report 2) the December action": a list's numbering
        following = NEXT_WORD.match(text, atom.end) if atom.kind == "num" else None
        if atom.ordinal and following is not None:
            word = following.group(1)
            if norm(word) in context.counted_after:
                continue  # "au 3e étage", "on the 3rd floor"
            article = lex.article_before.search(text, max(0, atom.start - 12), atom.start)
            if not dated and not article and word.islower() and not lex.lookup(word) \
                    and not lex.glue.fullmatch(word):
                continue  # "(7e arrondissement)", "21st century", "1er rendez-vous"
        out.append(atom)
    return out


def _enumerator(text: str, atom: Atom) -> bool:
    """True for a small number closed by a bracket that none opened ("2) the December
    action"): the numbering of a list."""
    if not text.startswith(")", atom.end) or atom.end - atom.start > 2:
        return False
    line_start = text.rfind("\n", 0, atom.start) + 1
    return text.count("(", line_start, atom.start) <= text.count(")", line_start, atom.start)


def _noun_month(atoms: list[Atom], index: int, text: str, lex: Lexicon,
                context: Context) -> bool:
    """True for a capital-only month word followed by a preposition and a word that dates
    nothing, with no day number beside it and no "in"/"of" before it: "March for Palestine"."""
    atom = atoms[index]
    if not context.march_after or norm(text[atom.start:atom.end]) not in context.capitalised_only:
        return False
    link = NEXT_WORD.match(text, atom.end)
    if link is None or norm(link.group(1)) not in context.march_after:
        return False
    following = NEXT_WORD.match(text, link.end())
    if following is None:
        return False  # "Rally ... March 3" / digits after: a date
    dating = {kind for kind, _ in lex.lookup(following.group(1))}
    if dating & {"month", "num", "numw", "ordw", "reld", "hol", "season"}:
        return False  # "March to May", "March to mid-April"
    if _next_to_number(atoms, index, text, lex):
        return False
    return not context.month_before.search(text, max(0, atom.start - 20), atom.start)


def _next_to_number(atoms: list[Atom], index: int, text: str, lex: Lexicon) -> bool:
    """True when a day number touches the atom: "3 march", "first of march", "march 3rd"."""
    atom = atoms[index]
    before = atoms[index - 1] if index else None
    after = atoms[index + 1] if index + 1 < len(atoms) else None
    numbers = ("num", "ordw")
    if after is not None and after.kind in numbers and after.start - atom.end <= 1:
        return True  # "march first", "may 2025"
    if before is None or before.kind not in numbers or atom.start - before.end > 5:
        return False
    glue = lex.glue.match(text, before.end, atom.start)  # "the first of march"
    return glue is not None and glue.end() == atom.start


def plausible(found: list[TimeMention], text: str, atoms: list[Atom], lex: Lexicon,
              ref: dt.datetime) -> list[TimeMention]:
    """The mentions of a running text its context allows, some re-read or moved to the past."""
    context = _context(lex.lang)
    starts = [atom.start for atom in atoms]
    found_starts = sorted(m.start for m in found)
    out: list[TimeMention] = []
    work = list(found)
    while work:
        mention = work.pop(0)
        low = bisect.bisect_left(starts, mention.start)
        high = bisect.bisect_left(starts, mention.end)
        inside = [a for a in atoms[low:high] if a.end <= mention.end]
        previous = atoms[low - 1] if low else None
        if not inside or _implausible(mention, inside, previous, text, lex, context,
                                      found_starts, ref):
            continue
        tail = _dangling_tail(inside, text)
        if tail is not None:
            work[:0] = _reread(inside[:tail], text, lex, ref)
            continue
        head = _leading_now(inside)
        if head is None and inside[0].kind == "mod" and context.verb_before.search(
                text, max(0, inside[0].start - 20), inside[0].start):
            head = 1  # "could last two hours": a verb, not "the last two hours"
        if head is not None:
            work[:0] = _reread(inside[head:], text, lex, ref)
            continue
        if _month_after_time(inside):  # "1.45 - 2.00 pm March joins": the verb, no month
            work[:0] = _reread(inside[:-1], text, lex, ref)
            continue
        year = _year_phrase(inside, ref)
        if year is not None and mention.value is not None:
            _shift(mention, months=12 * (year - mention.value.year))
        elif _past_modifier(mention, inside, text, context, ref):
            _to_past(mention, inside)
        out.append(mention)
    return out


def _implausible(mention: TimeMention, inside: list[Atom], previous: Atom | None, text: str,
                 lex: Lexicon, context: Context, found_starts: list[int],
                 ref: dt.datetime) -> bool:
    """True when the context says the mention is a number, a name, a noun or an offset."""
    content = [a for a in inside if a.kind not in ("conn", "mod", "zone", "minw")]
    if not content:
        return True
    first = content[0]
    kinds = {a.kind for a in content}
    if _in_url(text, mention.start, mention.end):
        return True
    if context.name_before.search(text, max(0, first.start - 40), first.start) and (
            kinds & {"date", "num", "numw", "month", "ordw", "clock"}):
        return True  # "place du Vingt-Août", "rue du 8 mai", "gare du Midi"
    if kinds == {"clock"} and context.station_before.search(text, max(0, first.start - 40),
                                                            first.start):
        return True  # "Bruxelles Midi": a station
    if kinds == {"num"} and len(content) == 1 and context.name_after.match(text, first.end):
        return True  # "at 10 Downing Street": a house number, not ten o'clock
    if kinds <= {"date", "num"} and any(a.kind == "date" for a in content):
        if context.name_after.match(text, mention.end) and not lex.article_before.search(
                text, max(0, mention.start - 12), mention.start):
            return True  # "6/1 Place Général Piron": a house number
        if any(_stale_short_year(a, text, ref) for a in content if a.kind == "date"):
            return True  # "11.11.11": a two-digit year far from the text's own
    if first.kind in NAME_KINDS and _capitalised_name(first, text, lex):
        return True  # "De Morgen", "Le Soir": a newspaper
    if kinds == {"period"} and all(a.value == "now" for a in content):
        return True  # "maintenant", "now": the moment of writing, not an event's time
    if kinds == {"num"} and (any(a.digits == 3 for a in content)
                             or PHONE_GROUP.match(text, content[-1].end)):
        return True  # "020 7946 0958": a phone number, not the 20th
    bare = "numw" in kinds or not any(a.ordinal or a.article for a in content)
    opened = mention.end_value is not None and "num" in kinds and any(
        a.kind == "conn" and a.value & {"from", "between"} for a in inside)  # "du 13 au 18"
    if kinds <= {"num", "numw"} and bare and not mention.has_time and not opened \
            and all(a.digits != 4 for a in content):
        return not _list_item(mention, text, found_starts)  # "entre trois", "4 by 4"
    if kinds == {"time"} and not mention.has_date and len(content) == 1:
        clock = first.value
        if clock.marker == "word" or norm(clock.marker) in context.hour_words:
            if context.quantity_before.search(text, max(0, first.start - 40), first.start):
                return True  # "plus de trois heures", "gedurende 3 uur": a duration
            if clock.marker == "word" and not _cued(inside, first, previous, text):
                return True  # "deux heures" alone: a number of hours, not two o'clock
    if _unanchored_offset(inside, content, kinds, context):
        return True
    if kinds == {"pod"} and len(content) == 1 and _bare_word(first, text) and not any(
            a.kind in ("mod", "conn") for a in inside):
        if LABEL_BEFORE.search(text, max(0, first.start - 8), first.start) \
                and LABEL_AFTER.match(text, first.end):
            return False  # a programme label: "Après-midi : ateliers"
        return not context.part_of_day_cues.search(text, max(0, first.start - 30), first.start)
    return False


def _in_url(text: str, start: int, end: int) -> bool:
    """True when the span sits inside a link or an address ("...-22-02-2015.html")."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    if left == start and right == end:
        return False
    token = text[left:right]
    return any(mark in token for mark in URL_MARKS) or bool(URL_SUFFIX.search(token))


def _stale_short_year(atom: Atom, text: str, ref: dt.datetime) -> bool:
    """ "11.11.11": three equal parts, a two-digit year away from the reference's: a name."""
    year = atom.value[0]
    parts = SHORT_YEAR.match(text[atom.start:atom.end].replace(" ", ""))
    return (year is not None and parts is not None and abs(year - ref.year) > 1
            and len({int(part) for part in parts.groups()}) == 1)


def _capitalised_name(atom: Atom, text: str, lex: Lexicon) -> bool:
    """A capitalised time word right after a capitalised article: "De Morgen", "Le Soir"."""
    word = text[atom.start:atom.end]
    if not word[:1].isupper() or word.isupper():
        return False
    parts = word.split()
    if len(parts) > 1:  # the article inside the atom: "Le Soir"
        return norm(parts[0]) in _articles(lex.lang) and parts[-1][:1].isupper()
    line_start = text.rfind("\n", 0, atom.start) + 1
    before = WORD_BEFORE.search(text, line_start, atom.start)
    if before is None or not before.group(1)[:1].isupper() or before.group(1).isupper():
        return False
    return norm(before.group(1)) in _articles(lex.lang)


@functools.cache
def _articles(lang: str) -> frozenset[str]:
    from affiche import lang as lang_data

    return frozenset(norm(w) for w in lang_data.load(lang)["time"]["context"]["name_articles"])


def _list_item(mention: TimeMention, text: str, found_starts: list[int]) -> bool:
    """ "les 24 et 25 septembre": a bare day right before a dated list item."""
    position = bisect.bisect_right(found_starts, mention.start)
    if position >= len(found_starts):
        return False
    gap = text[mention.end:found_starts[position]]
    return len(gap) <= 6 and "\n" not in gap


def _cued(inside: list[Atom], atom: Atom, previous: Atom | None, text: str) -> bool:
    """True when a connector such as "à", "om", "at", "vers" stands right before the atom."""
    before = [other for other in inside if other.end <= atom.start]
    other = before[-1] if before else previous
    if other is None or atom.start - other.end > 12 or "\n" in text[other.end:atom.start]:
        return False
    return other.kind == "conn" and bool(other.value & {"at", "to", "before", "after"})


def _unanchored_offset(inside: list[Atom], content: list[Atom], kinds: set[str],
                       context: Context) -> bool:
    """ "une heure plus tard", "un an après", "dans l'heure": counted from an unknown moment."""
    anchored = any(a.kind in DAY_KINDS and not a.weak for a in content) or any(
        a.kind == "num" and (a.article or a.digits == 4) for a in content)
    if anchored:
        return False
    # "une heure", "2 uur" counted from something are read by the scanner as clock times
    hours = [a for a in content if a.kind == "time" and (
        a.value.marker == "word" or norm(a.value.marker) in context.hour_words)]
    if sum(1 for a in content if a.kind == "time") > len(hours):
        return False  # a real clock time ("18h, un peu plus tard") anchors the mention
    units = [a for a in content if a.kind == "unit"] + hours
    if any(a.kind == "period" and a.value == "later" for a in content):
        return True
    if any(a.kind == "conn" and "after" in a.value and any(u.end <= a.start for u in units)
           for a in inside):
        return True
    counted = [u for u in units if u.kind == "time" or u.value in CLOCK_UNITS]
    for index, atom in enumerate(inside):
        if atom.kind != "conn":
            continue
        if atom.value & {"in", "within"}:  # "dans l'heure", "in 2 hours", "binnen het uur"
            following = [a for a in inside[index + 1:] if a.kind not in ("num", "numw", "mod")]
            if following and following[0] in counted:
                return True
        if "ago" in atom.value and index and inside[index - 1] in counted:
            return True  # "deux heures plus tôt", "2 hours ago"
    return False


def _bare_word(atom: Atom, text: str) -> bool:
    """A part of the day written as one word ("soirée"), not a phrase ("dans la soirée")."""
    word = text[atom.start:atom.end]
    return not any(ch.isspace() or ch in "'’" for ch in word)


def _dangling_tail(inside: list[Atom], text: str) -> int | None:
    """Index of the first atom after a comma when all atoms from there dangle (", ce", ", un")."""
    for index in range(len(inside) - 1, 0, -1):
        if "," in text[inside[index - 1].end:inside[index].start]:
            tail = inside[index:]
            if all(a.kind in DANGLING for a in tail) and any(
                    a.kind in DAY_KINDS | {"time", "num", "clock", "pod"} for a in inside[:index]):
                return index
            return None
    return None


def _leading_now(inside: list[Atom]) -> int | None:
    """ "Ceasefire Now – 11 November": a "now" opening a range no "from" announced."""
    first = inside[0]
    if first.kind != "period" or first.value != "now" or len(inside) < 3:
        return None
    joint = inside[1]
    if joint.kind == "conn" and "to" in joint.value:
        return 2
    return None


def _month_after_time(inside: list[Atom]) -> bool:
    """A weak month word ("March", "mars") closing a span of clock times with no day."""
    last = inside[-1]
    if last.kind != "month" or not last.weak or len(inside) < 2 or inside[-2].kind != "time":
        return False
    return not any(a.kind in ("num", "numw", "ordw", "date", "wd", "reld") for a in inside)


def _reread(atoms: list[Atom], text: str, lex: Lexicon, ref: dt.datetime) -> list[TimeMention]:
    """The mentions a subset of atoms states on its own (a span without its dangling tail)."""
    from affiche.when.combine import attach_times, share
    from affiche.when.grammar import CONTENT, read_chunk
    from affiche.when.ranges import resolve_group
    from affiche.when.scan import chunks

    groups = []
    for chunk in chunks(atoms, text, lex):
        if any(atom.kind in CONTENT for atom in chunk):
            groups.extend(read_chunk(chunk, lex, True))
    found: list[TimeMention] = []
    for group in attach_times(groups, text):
        share(group)
        found.extend(resolve_group(group, ref, lex, True))
    return found


def _past_modifier(mention: TimeMention, inside: list[Atom], text: str, context: Context,
                   ref: dt.datetime) -> bool:
    """ "le 22 février dernier", "ce week-end passé": a past day the engine put ahead."""
    last = inside[-1]
    if last.kind != "mod" or last.value != "last" or mention.value is None:
        return False
    if mention.value.date() < ref.date() or mention.recurring:
        return False
    if any((a.kind == "num" and a.digits == 4) or (a.kind == "date" and a.value[0] is not None)
           for a in inside):
        return False  # a stated year: the date is what it says
    if context.future_before.search(text, max(0, mention.start - 30), mention.start):
        return False  # "une fois ce week-end passé": once the coming weekend is over
    return any(a.kind in ("month", "date", "unit", "wd") for a in inside)


def _to_past(mention: TimeMention, inside: list[Atom]) -> None:
    """Move a mention back by a year (a stated month) or a week (a weekday, a weekend)."""
    if any(a.kind in ("month", "date") for a in inside):
        _shift(mention, months=-12)
    else:
        _shift(mention, days=-7)


def _year_phrase(inside: list[Atom], ref: dt.datetime) -> int | None:
    """The year named beside a day and month: "22 februari vorig jaar", "next year" (else None)."""
    if not any(a.kind == "month" or (a.kind == "date" and a.value[0] is None) for a in inside):
        return None
    if any(a.kind == "num" and a.digits == 4 for a in inside):
        return None
    steps = {"last": -1, "next": 1, "this": 0}
    for left, right in zip(inside, inside[1:], strict=False):
        pair = {left.kind: left.value, right.kind: right.value}
        if pair.get("unit") == "year" and pair.get("mod") in steps:
            return ref.year + steps[pair["mod"]]
    return None


def _shift(mention: TimeMention, months: int = 0, days: int = 0) -> None:
    """Move every resolved value of a mention by whole months and days."""

    def move(value: dt.datetime) -> dt.datetime:
        return add_months(value, months) + dt.timedelta(days=days)

    mention.value = move(mention.value) if mention.value is not None else None
    mention.end_value = move(mention.end_value) if mention.end_value is not None else None
    if mention.end_exclusive is not None:
        mention.end_exclusive = move(mention.end_exclusive)
    mention.candidates = [move(c) for c in mention.candidates]
