"""Stage 2 of the time engine: scan a text into atoms and cut the atoms into chunks.

An atom is one recognised piece with its span: a numeric date ("12/3"), a clock time ("14h30",
"20u", "6.30pm", "quinze heures"), a number ("19", "1er") or a word of the lexicon (a weekday,
a month, "demain", "soir", "de", "prochain"...). Atoms whose gap holds only spaces, commas and
the language's glue words ("le", "de", "the"...) belong to the same chunk; each chunk is then
read by `affiche.when.grammar`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from affiche.when.lexicon import ZONES, Lexicon, norm

__all__ = ["Atom", "Clock", "chunks", "scan"]


@dataclass(slots=True)
class Clock:
    """A time of day as written: hour, minute, second, am/pm, grain and whether 12h-ambiguous."""

    hour: int
    minute: int = 0
    second: int = 0
    meridiem: str | None = None
    grain: str = "hour"
    ambiguous: bool = False
    marker: str = "h"


@dataclass(slots=True)
class Atom:
    """One recognised piece of text: its kind, span, value and other readings."""

    kind: str
    start: int
    end: int
    value: Any = None
    alts: tuple[tuple[str, Any], ...] = ()
    ordinal: bool = False
    article: bool = False
    digits: int = 0
    weak: bool = False
    dashed: bool = False

    def can_be(self, kind: str) -> Any:
        """The value of this atom read as `kind`, or None."""
        if self.kind == kind:
            return self.value
        for alt_kind, value in self.alts:
            if alt_kind == kind:
                return value
        return None


def _meridiem(text: str | None, lex: Lexicon) -> str | None:
    if not text:
        return None
    key = text.lower().replace(" ", "")
    if key in {m.replace(" ", "") for m in lex.settings["pm_markers"]}:
        return "pm"
    return "am"


def _minute_word(text: str | None, lex: Lexicon) -> int:
    if not text:
        return 0
    for kind, value in lex.lookup(text):
        if kind == "minw":
            return int(value)
    return 0


def _number(text: str, lex: Lexicon) -> int | None:
    if text.isdigit():
        return int(text)
    for kind, value in lex.lookup(text):
        if kind == "numw":
            return int(value)
    return None


def _clock(hour: int, minute: int, second: int | None, meridiem: str | None,
           explicit_minutes: bool, ambiguous: bool, marker: str) -> Clock | None:
    if hour > 24 or minute > 59 or (meridiem and not 1 <= hour <= 12 and hour != 0):
        return None
    grain = "second" if second is not None else ("minute" if explicit_minutes else "hour")
    return Clock(hour, minute, second or 0, meridiem, grain,
                 ambiguous and meridiem is None and 1 <= hour <= 12, marker)


def scan(text: str, lex: Lexicon, month_first: bool = False,
         locale: str | None = None) -> list[Atom]:
    """All atoms of `text`, in order (a holiday read with the rule of `locale`)."""
    atoms: list[Atom] = []
    twelve = bool(lex.settings["twelve_hour"])
    hour_words = {norm(w) for w in lex.settings["hour_word_markers"]}
    matches = list(lex.scanner.finditer(text))
    matches.reverse()
    while matches:
        match = matches.pop()
        group = match.lastgroup
        start, end = match.span()
        if group in ("w", "w2", "w3"):
            key = norm(match.group(0))
            readings = lex.words.get(key)  # `lex.lookup`, with the key kept for `lex.weak`
            if not readings:
                continue
            kind, value = readings[0]
            if kind == "hol" and locale:
                value = lex.holiday_rule(match.group(0), value, locale)
            if kind == "clock" and lex.clock_blocker.search(text[max(0, start - 12):start]):
                continue  # "gare du Midi", "Bruxelles-Midi": a name, not noon
            article = kind in ("numw", "ordw") and bool(
                lex.article_before.search(text[max(0, start - 12):start]))
            atoms.append(Atom(kind, start, end, value, tuple(readings[1:]), article=article,
                              weak=key in lex.weak))
        elif group == "rel":
            found = _relation(match, text, lex, twelve)
            if not found:  # not a clock relation after all: read its words one by one
                matches.extend(reversed(list(lex.plain_scanner.finditer(text, start, end))))
            atoms.extend(found)
        elif group in ("hb", "hp"):  # "half vier" is 3:30, British "half four" 4:30
            hour = _number(match.group(group + "_h"), lex)
            meridiem = _meridiem(match.group(group + "_ap"), lex)
            if hour is not None and 1 <= hour <= 24:
                hour = (hour - 1) % 24 if group == "hb" else hour % 24
                atoms.append(Atom("time", start, end, Clock(
                    hour, 30, 0, meridiem, "minute",
                    twelve and hour <= 12 and meridiem is None, "half")))
        elif group == "dec":
            text_value = match.group("dec_v")
            atoms.append(Atom("num", start, end, float(text_value.replace(",", ".")),
                              digits=len(text_value)))
        elif group == "sym":  # "7'" minutes, '40"' seconds
            digits = match.group("sym_v")
            unit = "minute" if match.group("sym_u") in "'’′" else "second"
            atoms.append(Atom("num", start, match.end("sym_v"), int(digits), digits=len(digits)))
            atoms.append(Atom("unit", match.start("sym_u"), end, unit))
        elif group in ("ish", "tk"):  # "5ish", "150ish", "745 pm"
            digits = match.group("ish_v") if group == "ish" else match.group("tk_h") + match.group(
                "tk_m")
            value = int(digits)
            hour, minute = (value, 0) if len(digits) <= 2 else divmod(value, 100)
            meridiem = _meridiem(match.group("tk_ap"), lex) if group == "tk" else None
            clock = _clock(hour, minute, None, meridiem, len(digits) > 2, twelve, "bare")
            if clock:
                atoms.append(Atom("time", start, end, clock))
        elif group in ("zone", "zone2", "zonep"):
            atoms.append(Atom("zone", start, end, ZONES[match.group(0).strip("()").upper()]))
        elif group == "wc":
            for part in ("wc_day", "wc_part"):
                readings = lex.lookup(match.group(part))
                if readings:
                    kind, value = readings[0]
                    atoms.append(Atom(kind, match.start(part), match.end(part), value,
                                      tuple(readings[1:])))
        elif group == "gm":  # "14april": the day, then its month
            months = [(k, v) for k, v in lex.lookup(match.group("gm_m")) if k == "month"]
            if months:
                atoms.append(Atom("num", start, match.start("gm_m"), int(match.group("gm_d")),
                                  ordinal=True, digits=len(match.group("gm_d"))))
                atoms.append(Atom("month", match.start("gm_m"), end, months[0][1]))
        elif group == "qt":  # "18q4", "Q4 2018": read as "2018 4th quarter", "4th quarter 2018"
            atoms.extend(_quarter(match))
        elif group == "num":
            value = int(match.group("num_v"))
            before = text[max(0, start - 12):start]
            atoms.append(Atom("num", start, end, value, ordinal=bool(match.group("num_ord")),
                              article=bool(lex.article_before.search(before)),
                              digits=len(match.group("num_v"))))
        elif group == "th":
            minute = int(match.group("th_m") or 0) + _minute_word(match.group("minw"), lex)
            hour = int(match.group("th_h"))
            hour, minute = _carry(hour, minute)
            mark = norm(match.group("th_mark"))
            units = [v for k, v in lex.lookup(match.group("th_mark")) if k == "unit"]
            if hour >= 24 and (mark in hour_words or units):  # "24 uur", "36 hrs": a duration
                atoms.append(Atom("num", start, match.end("th_h"), hour,
                                  digits=len(match.group("th_h"))))
                if units:
                    atoms.append(Atom("unit", match.start("th_mark"), match.end("th_mark"),
                                      units[0]))
                continue
            clock = _clock(hour, minute, None, _meridiem(match.group("th_ap"), lex),
                           bool(match.group("th_m") or match.group("minw"))
                           or (mark == "h" and lex.settings["h_grain"] == "minute"),
                           twelve and mark in hour_words, mark)
            if clock:
                atoms.append(Atom("time", start, end, clock))
        elif group == "td":
            clock = _clock(int(match.group("td_h")), int(match.group("td_m")), None, None, True,
                           False, norm(match.group("td_mark")))
            if clock:
                atoms.append(Atom("time", start, end, clock))
        elif group == "tc":
            second = match.group("tc_s")
            clock = _clock(int(match.group("tc_h")), int(match.group("tc_m")),
                           int(second) if second else None,
                           _meridiem(match.group("tc_ap"), lex), True, False, ":")
            if clock:
                atoms.append(Atom("time", start, end, clock))
        elif group == "tp":
            hour = _number(match.group("tp_h"), lex)
            minute_text = match.group("tp_m") or match.group("tp_mw")
            minute = _number(minute_text, lex) if minute_text else 0
            if hour is None or minute is None:
                continue
            clock = _clock(hour, minute, None, _meridiem(match.group("tp_ap"), lex),
                           bool(minute_text), False, "ampm")
            if clock:
                atoms.append(Atom("time", start, end, clock))
        elif group == "tw":
            hour = _number(match.group("tw_h"), lex)
            minute_text = match.group("tw_m")
            minute = _number(minute_text, lex) if minute_text else 0
            if hour is None or minute is None:
                continue
            minute += _minute_word(match.group("minw2"), lex)
            hour, minute = _carry(hour, minute)
            clock = _clock(hour, minute, None, None,
                           bool(minute_text or match.group("minw2")), twelve, "word")
            if clock:
                atoms.append(Atom("time", start, end, clock))
        elif group == "iso":
            atoms.append(Atom("date", start, end, (int(match.group("iso_y")),
                                                   int(match.group("iso_m")),
                                                   int(match.group("iso_d")))))
        elif group == "ns":
            year = int(match.group("ns_y"))
            year += (2000 if year < 50 else 1900) if year < 100 else 0
            day, month = int(match.group("ns_d")), int(match.group("ns_m"))
            if 1 <= day <= 31 and 1 <= month <= 12:
                atoms.append(Atom("date", start, end, (year, month, day)))
        elif group == "nd":
            if match.group(0).replace(" ", "") in lex.settings["non_dates"]:
                continue
            found = _numeric_date(match, atoms, text, month_first)
            for atom in found:
                if atom.kind == "date" and match.group("nd_sep") == "-" and not match.group("nd_y"):
                    atom.dashed = True  # "10-12" may be "10 to 12 people": needs a day context
                    atom.article = bool(lex.article_before.search(text[max(0, start - 12):start]))
            atoms.extend(found)
    return _split_dashed_days(atoms, text, lex)


def _quarter(match: Any) -> list[Atom]:
    """The atoms of a quarter written with its year, in text order."""
    year_text = match.group("qt_y") or match.group("qt_y2")
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    letter = "qt_l" if match.group("qt_l") else "qt_l2"
    number = "qt_n" if match.group("qt_n") else "qt_n2"
    nth = Atom("num", match.start(letter), match.end(letter), int(match.group(number)),
               ordinal=True, digits=1)
    unit = Atom("unit", match.start(number), match.end(number), "quarter")
    year_group = "qt_y" if match.group("qt_y") else "qt_y2"
    when = Atom("num", match.start(year_group), match.end(year_group), year, digits=4)
    return [when, nth, unit] if year_group == "qt_y" else [nth, unit, when]


def _relation(match: Any, text: str, lex: Lexicon, twelve: bool) -> list[Atom]:
    """ "20 past 3", "a quarter to noon", "kwart over 3", "10 voor half 4"."""
    minute_text = norm(match.group("rel_m"))
    quarters = {norm(w) for w in lex.settings["quarter_words"]}
    halves = {norm(w) for w in lex.settings["half_words"]}
    direction = norm(match.group("rel_dir"))
    backwards = direction in {norm(w) for w in lex.settings["minutes_to"]}
    hour_text = norm(match.group("rel_h"))
    clock_word = [v for k, v in lex.lookup(hour_text) if k == "clock"]
    if minute_text in quarters:
        minute = 15
    elif minute_text in halves:
        minute = 30
    else:
        minute = _number(minute_text, lex)
        range_word = any(kind == "conn" and "to" in value for kind, value in lex.lookup(direction))
        if minute is None or (backwards and range_word and minute_text.isdigit()
                              and not match.group("rel_mark")
                              and not (clock_word and not _opens_range(text, match.start(), lex))):
            return []  # "2 to 5" is a range, not 4:58; "15 to noon" is 11:45
    hour = int(clock_word[0]) % 24 if clock_word else _number(hour_text, lex)
    if hour is None or hour > 24 or minute > 59:
        return []
    half = 30 if match.groupdict().get("rel_half") else 0
    total = hour * 60 - half + (-minute if backwards else minute)
    hour, minute = divmod(total % (24 * 60), 60)
    meridiem = _meridiem(match.group("rel_ap"), lex)
    ambiguous = twelve and not clock_word and meridiem is None and 1 <= hour % 12 + 1 <= 12
    return [Atom("time", match.start(), match.end(),
                 Clock(hour, minute, 0, meridiem, "minute", ambiguous and hour < 13, "rel"))]


def _opens_range(text: str, start: int, lex: Lexicon) -> bool:
    """True when the word before `start` opens a range ("from 10 to noon")."""
    words = text[max(0, start - 12):start].split()
    if not words:
        return False
    return any(kind == "conn" and value & {"from", "between"}
               for kind, value in lex.lookup(words[-1]))


def _carry(hour: int, minute: int) -> tuple[int, int]:
    """Normalise "midi moins le quart" style minutes (negative) into the previous hour."""
    if minute < 0:
        return (hour - 1) % 24, minute + 60
    return hour, minute


_MONEY_AFTER = re.compile(r"\s?(?:[€$£¥]|eur\b|euros?\b|chf\b|gbp\b|usd\b)", re.IGNORECASE)


_COLON_AFTER = re.compile(r"[ \t]?:(?!\d)")
_LINE_MARKS = " \t-–—•*·>"


def _line_head(text: str, start: int) -> bool:
    """True when only blanks or a bullet stand between the line's start and `start`."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(_LINE_MARKS)


def _numeric_date(match: Any, atoms: list[Atom], text: str, month_first: bool) -> list[Atom]:
    first, second = int(match.group("nd_a")), int(match.group("nd_b"))
    sep = match.group("nd_sep")
    year_text = match.group("nd_y")
    start, end = match.span()
    after_at = bool(atoms) and atoms[-1].kind == "conn" and (
        {"at", "after", "before"} & atoms[-1].value) and not atoms[-1].can_be("mod")
    # "1.00 - 3.00pm": no month is numbered 0, so ".00" is a time too (but not "1.00 €")
    zero = second == 0 and not _MONEY_AFTER.match(text, end) \
        and text[max(0, start - 2):start].strip()[-1:] not in ("€", "$", "£", "¥")
    colon = _COLON_AFTER.match(text, end) is not None
    head = colon and not year_text and _line_head(text, start)
    if colon and not head and text.startswith(":", end):
        return []  # "version 1.2:", "ratio 3/4:": no date and no time
    # "13.10: welcome", "13.10 : speech" at the head of a programme's line: hour.minute
    head_time = head and sep == "." and second <= 59
    if sep == "." and not year_text and (after_at or second > 12 or zero or first > 31
                                         or head_time) and first <= 24:
        if second <= 59:
            return [Atom("time", start, end, Clock(first, second, 0, None, "minute", False, "."))]
        return []
    day, month = (second, first) if month_first else (first, second)
    year = None
    if year_text:
        year = int(year_text)
        if len(year_text) == 2:
            year += 2000 if year < 50 else 1900
    if not (1 <= day <= 31 and 1 <= month <= 12) and 1 <= month <= 31 and 1 <= day <= 12:
        day, month = month, day  # "2/15" can only be the 15th of February, whatever the locale
    if 1 <= day <= 31 and 1 <= month <= 12:
        return [Atom("date", start, end, (year, month, day))]
    if sep == "-" and not year_text:
        dash = text.index("-", match.start("nd_sep"))
        end_a = match.end("nd_a")
        return [Atom("num", start, end_a, first, digits=len(match.group("nd_a"))),
                Atom("conn", dash, dash + 1, frozenset({"to"})),
                Atom("num", match.start("nd_b"), match.end("nd_b"), second,
                     digits=len(match.group("nd_b")))]
    return []


def _split_dashed_days(atoms: list[Atom], text: str, lex: Lexicon) -> list[Atom]:
    """ "10-12 juin" is a range of days, not the 10th of December."""
    out: list[Atom] = []
    for index, atom in enumerate(atoms):
        if atom.kind != "date":  # the only atom this splits: skip the rest at once
            out.append(atom)
            continue
        following = atoms[index + 1] if index + 1 < len(atoms) else None
        span = text[atom.start:atom.end]
        if (following is not None and following.kind == "month"
                and atom.value[0] is None and "-" in span
                and not text[atom.end:following.start].strip(" ,")):
            dash = span.index("-")
            left, right = span[:dash].strip(), span[dash + 1:].strip()
            if left.isdigit() and right.isdigit():
                out.append(Atom("num", atom.start, atom.start + len(span[:dash].rstrip()),
                                int(left), digits=len(left)))
                out.append(Atom("conn", atom.start + dash, atom.start + dash + 1,
                                frozenset({"to"})))
                out.append(Atom("num", atom.end - len(right), atom.end, int(right),
                                digits=len(right)))
                continue
        out.append(atom)
    return out


def chunks(atoms: list[Atom], text: str, lex: Lexicon) -> list[list[Atom]]:
    """Cut atoms into runs whose gaps are only spaces, punctuation and glue words."""
    runs: list[list[Atom]] = []
    current: list[Atom] = []
    glue = lex.glue
    for atom in atoms:
        if current:
            gap_start = current[-1].end
            if text.find("\n", gap_start, atom.start) >= 0 \
                    and not _stacked(current[-1], atom, text):
                runs.append(current)  # a new line starts a new statement
                current = []
            elif atom.start > gap_start:
                match = glue.match(text, gap_start, atom.start)
                if match is None or match.end() != atom.start:
                    runs.append(current)
                    current = []
        current.append(atom)
    if current:
        runs.append(current)
    return runs


def _stacked(before: Atom, atom: Atom, text: str) -> bool:
    """True for a date stacked one part per line, as agenda pages print it ("29" ↵ "apr" ↵
    "2017"): a day then its month, or a month then its year, each alone on its line."""
    if text[before.end:atom.start].strip() or text.count("\n", before.end, atom.start) != 1:
        return False
    if not (before.kind == "num" and atom.kind == "month" and 1 <= before.value <= 31) and not (
            before.kind == "month" and atom.kind == "num" and atom.digits == 4):
        return False
    line_start = text.rfind("\n", 0, before.start) + 1
    line_end = text.find("\n", atom.end)
    return not text[line_start:before.start].strip() and not text[
        atom.end: line_end if line_end >= 0 else len(text)].strip()
