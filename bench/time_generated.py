"""Generated time expressions for bench/time.py: built from categories, checked independently.

Each family crosses categories of the language (a number with a unit in a relative frame, a
modifier with a period, an ordinal with a weekday and a month, a clock time in words or compact
digits, a date joined to a time by a dash, a deadline, a zone, a holiday shifted by a day) with
values chosen here, not taken from Duckling's corpus. The words are written out in this file
(not read from affiche/lang/*.toml) and the expected reading is computed here with dateutil, not
by the engine's resolver, so the figure measures the engine against an independent reading.

The expectations follow the conventions of Contract 3 (Duckling's): a value is the start of its
period at its grain; an interval's `to` is exclusive at the grain; "in N units" lands at the next
finer grain (in 3 days → hour); "the next N units" are the N whole units after the current one;
"by X" is the interval from now to X; "until X" is open before X; a season's beginning, middle
and end are its thirds; English "next Friday" is the Friday of next week, French and Dutch the
coming one. The families after `ranges` (offsets, weekday_times, clock_ranges) were written
once the engine passed the others, and scored as they came.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

OFFSET = dt.timezone(dt.timedelta(hours=1))
REF = dt.datetime(2024, 5, 15, 10, 20, 0)  # a Wednesday, wall-clock time at UTC+1
REFERENCE = REF.replace(tzinfo=OFFSET).isoformat()
TODAY = dt.datetime(REF.year, REF.month, REF.day)

Row = dict[str, Any]

NUMBER = {
    "fr": {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 8: "huit", 10: "dix"},
    "nl": {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 8: "acht", 10: "tien"},
    "en": {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight", 10: "ten"},
}
UNIT = {  # singular, plural, abbreviation
    "fr": {"second": ("seconde", "secondes", "sec"), "minute": ("minute", "minutes", "min"),
           "hour": ("heure", "heures", "h"), "day": ("jour", "jours", None),
           "week": ("semaine", "semaines", None), "month": ("mois", "mois", None),
           "year": ("an", "ans", None)},
    "nl": {"second": ("seconde", "seconden", "sec"), "minute": ("minuut", "minuten", "min"),
           "hour": ("uur", "uur", "u"), "day": ("dag", "dagen", None),
           "week": ("week", "weken", None), "month": ("maand", "maanden", None),
           "year": ("jaar", "jaar", None)},
    "en": {"second": ("second", "seconds", "sec"), "minute": ("minute", "minutes", "mins"),
           "hour": ("hour", "hours", "hrs"), "day": ("day", "days", None),
           "week": ("week", "weeks", None), "month": ("month", "months", None),
           "year": ("year", "years", "yrs")},
}
FEMININE = {"second", "minute", "hour", "week"}
FINER = {"second": "second", "minute": "second", "hour": "minute", "day": "hour",
         "week": "day", "month": "day", "year": "month"}
MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
ORDINAL = {
    "fr": {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", -1: "dernier",
           -2: "avant-dernier"},
    "nl": {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", -1: "laatste", -2: "voorlaatste"},
    "en": {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last", -2: "second last"},
}


def _grain_start(value: dt.datetime, grain: str) -> dt.datetime:
    """The start of the `grain` period holding `value` (weeks start on Monday)."""
    if grain == "second":
        return value.replace(microsecond=0)
    if grain == "minute":
        return value.replace(second=0, microsecond=0)
    if grain == "hour":
        return value.replace(minute=0, second=0, microsecond=0)
    day = dt.datetime(value.year, value.month, value.day)
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "year":
        return day.replace(month=1, day=1)
    return day


def _shift(value: dt.datetime, unit: str, count: float) -> dt.datetime:
    whole = int(count)
    if unit in ("second", "minute", "hour", "day", "week"):
        return value + dt.timedelta(**{unit + "s": count})
    return value + relativedelta(**{unit + "s": whole})


def _value(text: str, lang: str, family: str, when: dt.datetime, grain: str) -> Row:
    return {"text": text, "lang": lang, "family": family,
            "expected": ("value", when, None, grain)}


def _interval(text: str, lang: str, family: str, low: dt.datetime | None,
              high: dt.datetime | None, grain: str) -> Row:
    return {"text": text, "lang": lang, "family": family,
            "expected": ("interval", low, high, grain)}


def _unit_word(lang: str, unit: str, count: float, abbreviated: bool = False) -> str:
    singular, plural, short = UNIT[lang][unit]
    if abbreviated and short:
        return short
    return singular if count == 1 else plural


def quantities() -> Iterator[Row]:
    """Number × unit × relative frame: in/dans/over N, N ago, next/last N, decimals, words."""
    for lang in ("fr", "nl", "en"):
        for unit in ("second", "minute", "hour", "day", "week", "month", "year"):
            for count in (2, 3, 5, 8):
                for spelled in (False, True):
                    number = NUMBER[lang][count] if spelled else str(count)
                    words = _unit_word(lang, unit, count)
                    later = _grain_start(_shift(REF, unit, count), FINER[unit])
                    earlier = _grain_start(_shift(REF, unit, -count), FINER[unit])
                    ahead = {"fr": f"dans {number} {words}", "nl": f"over {number} {words}",
                             "en": f"in {number} {words}"}[lang]
                    back = {"fr": f"il y a {number} {words}", "nl": f"{number} {words} geleden",
                            "en": f"{number} {words} ago"}[lang]
                    yield _value(ahead, lang, "quantity_in", later, FINER[unit])
                    yield _value(back, lang, "quantity_ago", earlier, FINER[unit])
                    if unit == "second":
                        continue
                    base = _grain_start(REF, unit)
                    feminine = unit in FEMININE
                    nxt = {"fr": f"les {number} prochain{'e' if feminine else ''}s {words}",
                           "nl": f"de komende {number} {words}",
                           "en": f"the next {number} {words}"}[lang]
                    last = {"fr": f"les {number} dernier{'e' if feminine else ''}s {words}",
                            "nl": f"de afgelopen {number} {words}",
                            "en": f"the last {number} {words}"}[lang]
                    yield _interval(nxt, lang, "quantity_next", _shift(base, unit, 1),
                                    _shift(base, unit, count + 1), unit)
                    yield _interval(last, lang, "quantity_last", _shift(base, unit, -count),
                                    base, unit)
            short = UNIT[lang][unit][2]
            if short:
                ahead = {"fr": "dans 4 {}", "nl": "over 4 {}", "en": "in 4 {}"}[lang]
                yield _value(ahead.format(short), lang, "quantity_abbrev",
                             _grain_start(_shift(REF, unit, 4), FINER[unit]), FINER[unit])
        decimal = "," if lang != "en" else "."
        for count, unit, finer, whole in ((1.5, "hour", "minute", 90), (2.5, "hour", "minute", 150),
                                          (1.5, "day", "hour", 36), (0.5, "day", "hour", 12)):
            number = str(count).replace(".", decimal)
            words = _unit_word(lang, unit, 2)
            ahead = {"fr": f"dans {number} {words}", "nl": f"over {number} {words}",
                     "en": f"in {number} {words}"}[lang]
            when = REF + dt.timedelta(**{finer + "s": whole})
            yield _value(ahead, lang, "quantity_decimal", _grain_start(when, FINER[finer]),
                         FINER[finer])
    half_hour = _grain_start(REF + dt.timedelta(minutes=30), "second")
    ninety = _grain_start(REF + dt.timedelta(minutes=90), "second")
    for lang, text, when in (
            ("fr", "dans une demi-heure", half_hour), ("nl", "over een half uur", half_hour),
            ("en", "in half an hour", half_hour), ("nl", "over anderhalf uur", ninety),
            ("en", "in an hour and a half", ninety), ("fr", "dans une heure et demie", ninety),
            ("en", "in a couple of hours", _grain_start(REF + dt.timedelta(hours=2), "minute")),
            ("en", "in 7'", _grain_start(REF + dt.timedelta(minutes=7), "second")),
            ("en", 'in 40"', _grain_start(REF + dt.timedelta(seconds=40), "second"))):
        yield _value(text, lang, "quantity_words", when, "second" if "'" in text or '"' in text
                     or "half" in text or "demi" in text else "minute")


def _season(name: str, year: int) -> tuple[dt.datetime, dt.datetime]:
    starts = {"spring": (3, 20, 6, 21), "summer": (6, 21, 9, 24), "autumn": (9, 23, 12, 21)}
    m1, d1, m2, d2 = starts[name]
    return dt.datetime(year, m1, d1), dt.datetime(year, m2, d2)


def modifiers() -> Iterator[Row]:
    """Begin/middle/end × month, week, year, season; early/late × part of the day."""
    month_words = {"fr": ("début", "mi-", "fin"), "nl": ("begin", "midden", "eind"),
                   "en": ("early", "mid", "late")}
    mid_days = {"fr": (10, 20), "nl": (11, 21), "en": (11, 21)}
    for lang in ("fr", "nl", "en"):
        begin, mid, end = month_words[lang]
        for month in (6, 8, 10, 12, 3):
            year = 2024 if month >= 5 else 2025
            name = MONTHS[lang][month - 1]
            first = dt.datetime(year, month, 1)
            after = first + relativedelta(months=1)
            low, high = mid_days[lang]
            middle = f"{mid}{name}" if mid.endswith("-") else f"{mid} {name}"
            for text, a, b in ((f"{begin} {name}", first, first.replace(day=11)),
                               (middle, first.replace(day=low), first.replace(day=high)),
                               (f"{end} {name}", first.replace(day=21), after)):
                yield _interval(text, lang, "modifier_month", a, b, "day")
        monday = _grain_start(TODAY, "week")
        week = {"fr": ("en début de semaine prochaine", "en fin de semaine prochaine"),
                "nl": ("begin volgende week", "eind volgende week"),
                "en": ("early next week", "late next week")}[lang]
        spans = {"fr": ((0, 2), (3, 7)), "nl": ((0, 3), (4, 7)), "en": ((0, 3), (4, 7))}[lang]
        for text, (a, b) in zip(week, spans, strict=True):
            yield _interval(text, lang, "modifier_week", monday + dt.timedelta(days=7 + a),
                            monday + dt.timedelta(days=7 + b), "day")
        seasons = {"fr": {"summer": "l'été", "autumn": "l'automne"},
                   "nl": {"summer": "de zomer", "autumn": "de herfst"},
                   "en": {"summer": "the summer", "autumn": "the autumn"}}[lang]
        frames = {"fr": ("au début de {}", "au milieu de {}", "à la fin de {}"),
                  "nl": ("begin van {}", "midden van {}", "eind van {}"),
                  "en": ("the beginning of {}", "the middle of {}", "the end of {}")}[lang]
        for season, words in seasons.items():
            start, stop = _season(season, 2024)
            third = (stop - start).days // 3
            cuts = (start, start + dt.timedelta(days=third),
                    stop - dt.timedelta(days=third), stop)
            for position, frame in enumerate(frames):
                low = cuts[position] if position < 2 else cuts[2]
                high = cuts[1] if position == 0 else (cuts[2] if position == 1 else cuts[3])
                yield _interval(frame.format(words), lang, "modifier_season", low, high, "day")
        parts = {"fr": [("demain en début de matinée", 1, 7, 9),
                        ("demain en fin de matinée", 1, 10, 12),
                        ("samedi en début d'après-midi", 3, 12, 14),
                        ("samedi en fin d'après-midi", 3, 17, 19),
                        ("vendredi en fin de soirée", 2, 21, 24)],
                 "nl": [("zaterdag vroeg in de ochtend", 3, 7, 9),
                        ("zaterdag laat in de middag", 3, 16, 18),
                        ("vrijdag laat op de avond", 2, 21, 24),
                        ("morgen begin van de middag", 1, 12, 14)],
                 "en": [("tomorrow early in the morning", 1, 4, 9),
                        ("saturday late in the afternoon", 3, 16, 19),
                        ("friday late in the evening", 2, 21, 24),
                        ("tomorrow in the early afternoon", 1, 12, 14)]}[lang]
        for text, days, a, b in parts:
            day = TODAY + dt.timedelta(days=days)
            yield _interval(text, lang, "modifier_part_of_day", day + dt.timedelta(hours=a),
                            day + dt.timedelta(hours=b), "hour")


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.datetime:
    days = [dt.datetime(year, month, d) for d in range(1, 32)
            if d <= (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day]
    matching = [d for d in days if d.weekday() == weekday]
    return matching[nth - 1] if nth > 0 else matching[nth]


def ordinals() -> Iterator[Row]:
    """Ordinal (first … fourth, last, second last) × weekday × month."""
    for lang in ("fr", "nl", "en"):
        for nth in (1, 2, 3, -1, -2):
            for weekday in (0, 3, 5):
                for month in (7, 9, 11):
                    when = _nth_weekday(2024, month, weekday, nth)
                    o, w, m = ORDINAL[lang][nth], WEEKDAYS[lang][weekday], MONTHS[lang][month - 1]
                    article = "l'" if o[0] in "aeiou" else "le "
                    text = {"fr": f"{article}{o} {w} de {m}", "nl": f"de {o} {w} van {m}",
                            "en": f"the {o} {w} of {m}"}[lang]
                    yield _value(text, lang, "ordinal_weekday", when, "day")


def clocks() -> Iterator[Row]:
    """Clock times in words and compact digits, read on the reference day (later than 10:20)."""
    def at(hour: int, minute: int = 0) -> dt.datetime:
        return TODAY.replace(hour=hour, minute=minute)

    fr_hours = {11: "onze", 14: "quatorze", 15: "quinze", 16: "seize", 18: "dix-huit",
                20: "vingt"}
    for hour, word in fr_hours.items():
        yield _value(f"{word} heures et quart", "fr", "clock_words", at(hour, 15), "minute")
        yield _value(f"{word} heures et demie", "fr", "clock_words", at(hour, 30), "minute")
        yield _value(f"{word} heures trois quarts", "fr", "clock_words", at(hour, 45), "minute")
        yield _value(f"à {hour}h{25:02d}", "fr", "clock_digits", at(hour, 25), "minute")
        yield _value(f"{hour}h", "fr", "clock_digits", at(hour), "hour")
    nl_hours = {3: "drie", 4: "vier", 6: "zes", 7: "zeven", 8: "acht"}
    for hour, word in nl_hours.items():
        yield _value(f"half {word}", "nl", "clock_words", at(hour + 11, 30), "minute")
        yield _value(f"kwart over {word}", "nl", "clock_words", at(hour + 12, 15), "minute")
        yield _value(f"kwart voor {word}", "nl", "clock_words", at(hour + 11, 45), "minute")
        yield _value(f"om {hour + 12}u30", "nl", "clock_digits", at(hour + 12, 30), "minute")
        yield _value(f"{hour + 12}.45 uur", "nl", "clock_digits", at(hour + 12, 45), "minute")
    en_hours = {3: "three", 4: "four", 6: "six", 7: "seven", 8: "eight"}
    for hour, word in en_hours.items():
        yield _value(f"half {word} pm", "en", "clock_words", at(hour + 12, 30), "minute")
        yield _value(f"quarter past {word} pm", "en", "clock_words", at(hour + 12, 15),
                     "minute")
        yield _value(f"{hour}45 pm", "en", "clock_digits", at(hour + 12, 45), "minute")
        yield _value(f"at {hour}ish", "en", "clock_digits", at(hour + 12), "hour")
        yield _value(f"{hour}:05 p.m.", "en", "clock_digits", at(hour + 12, 5), "minute")


def joined() -> Iterator[Row]:
    """A weekday and day (and month) joined to a time by a dash, slash or em dash."""
    dates = [dt.datetime(2024, 6, 7), dt.datetime(2024, 5, 25), dt.datetime(2024, 7, 4)]
    for lang in ("fr", "nl", "en"):
        for date in dates:
            wd, month = WEEKDAYS[lang][date.weekday()], MONTHS[lang][date.month - 1]
            clock = {"fr": "18H", "nl": "18u", "en": "6pm"}[lang]
            for sep in (" — ", " - ", " / ", " – "):
                with_month = {"fr": f"{wd} {date.day} {month}", "nl": f"{wd} {date.day} {month}",
                              "en": f"{wd} {month} {date.day}"}[lang]
                yield _value(f"{with_month}{sep}{clock}".upper(), lang, "date_dash_time",
                             date.replace(hour=18), "hour")
                if date.month < 7:  # the next such day of a month is that weekday
                    yield _value(f"{wd} {date.day}{sep}{clock}", lang, "date_dash_time",
                                 date.replace(hour=18), "hour")


def anchors() -> Iterator[Row]:
    """Deadlines, open ends and zones over clock times and days."""
    now = REF
    words = {"fr": ("avant {}h", "jusqu'à {}h", "à partir de {}h", "{}h"),
             "nl": ("voor {} uur", "tot {} uur", "vanaf {} uur", "{} uur"),
             "en": ("before {}pm", "until {}pm", "from {}pm onwards", "{}pm")}
    for lang in ("fr", "nl", "en"):
        before, until, onwards, _ = words[lang]
        for hour in (14, 16, 19):
            shown = hour - 12 if lang == "en" else hour
            when = TODAY.replace(hour=hour)
            yield _interval(before.format(shown), lang, "anchor_before", None, when, "hour")
            yield _interval(until.format(shown), lang, "anchor_until", None, when, "hour")
            yield _interval(onwards.format(shown), lang, "anchor_after", when, None, "hour")
        by = {"fr": "d'ici {}", "nl": "tegen {}", "en": "by {}"}[lang]
        for weekday in (4, 5):
            day = TODAY + dt.timedelta(days=(weekday - TODAY.weekday()) % 7 or 7)
            yield _interval(by.format(WEEKDAYS[lang][weekday]), lang, "anchor_by", now, day,
                            "second")
        clock = {"fr": "d'ici {}h", "nl": "tegen {} uur", "en": "by {}pm"}[lang]
        for hour in (15, 17):
            shown = hour - 12 if lang == "en" else hour
            yield _interval(clock.format(shown), lang, "anchor_by", now,
                            TODAY.replace(hour=hour), "second")
    zones = {"CET": 1, "cet": 1, "PST": -8, "pst": -8, "UTC": 0, "gmt": 0, "CEST": 2}
    for lang, pattern in (("fr", "{}h {}"), ("nl", "{} uur {}"), ("en", "{}pm {}")):
        for name, offset in zones.items():
            if lang == "fr" and name == "cet":
                continue  # "cet" is a French word ("cet après-midi")
            local = 13 if offset >= 0 else 15
            shown = local - 12 if lang == "en" else local
            when = TODAY + dt.timedelta(hours=local - offset + 1)
            yield _value(pattern.format(shown, name), lang, "zone", when, "minute")
    yield _value("18h heure de Paris", "fr", "zone", TODAY.replace(hour=17), "minute")
    yield _value("18 uur Belgische tijd", "nl", "zone", TODAY.replace(hour=17), "minute")
    yield _value("6pm London time", "en", "zone", TODAY.replace(hour=18), "minute")


def holidays() -> Iterator[Row]:
    """Holidays over computed dates, with their day-before and day-after forms."""
    christmas = dt.datetime(2024, 12, 25)
    pasen = dt.datetime.combine(easter(2025), dt.time())
    pentecost = dt.datetime.combine(easter(2024), dt.time()) + dt.timedelta(days=49)
    if pentecost + dt.timedelta(days=1) < TODAY:
        pentecost = dt.datetime.combine(easter(2025), dt.time()) + dt.timedelta(days=49)
    one = dt.timedelta(days=1)
    table = [
        ("fr", "la veille de Noël", christmas - one), ("fr", "le lendemain de Noël",
                                                       christmas + one),
        ("fr", "le lundi de Pâques", pasen + one), ("fr", "la veille de Pâques", pasen - one),
        ("fr", "le lendemain de Pâques", pasen + one),
        ("nl", "kerstavond", christmas - one), ("nl", "de dag na Kerstmis", christmas + one),
        ("nl", "tweede paasdag", pasen + one), ("nl", "de dag voor Pasen", pasen - one),
        ("nl", "tweede pinksterdag", pentecost + one),
        ("en", "Christmas Eve", christmas - one), ("en", "the day after Christmas",
                                                   christmas + one),
        ("en", "Easter Monday", pasen + one), ("en", "the day before Easter", pasen - one),
        ("en", "the day after Easter", pasen + one),
    ]
    for lang, text, when in table:
        yield _value(text, lang, "holiday", when, "day")
        yield _value(f"{text} 2026", lang, "holiday_year",
                     _holiday_2026(text, lang), "day")


def _holiday_2026(text: str, lang: str) -> dt.datetime:
    """The same holiday form in 2026."""
    lowered = text.lower()
    one = dt.timedelta(days=1)
    if any(w in lowered for w in ("noël", "kerst", "christmas")):
        base = dt.datetime(2026, 12, 25)
    else:
        base = dt.datetime.combine(easter(2026), dt.time())
    if "pinkster" in lowered:
        return base + dt.timedelta(days=50)
    if any(w in lowered for w in ("veille", "avond", "eve", "voor", "before")):
        return base - one
    return base + one


def ranges() -> Iterator[Row]:
    """Day ranges and hour ranges with bare numbers next to a part of the day."""
    for lang in ("fr", "nl", "en"):
        for month in (6, 9):
            name = MONTHS[lang][month - 1]
            for a, b in ((3, 5), (12, 19), (27, 29)):
                text = {"fr": f"du {a} au {b} {name}", "nl": f"van {a} tot {b} {name}",
                        "en": f"from {name} {a} to {b}"}[lang]
                yield _interval(text, lang, "range_days", dt.datetime(2024, month, a),
                                dt.datetime(2024, month, b + 1), "day")
        for a, b in ((2, 4), (3, 6)):
            text = {"fr": f"samedi de {a} à {b} de l'après-midi",
                    "nl": f"zaterdag van {a} tot {b} 's middags",
                    "en": f"saturday from {a} till {b} in the afternoon"}[lang]
            day = TODAY + dt.timedelta(days=3)
            yield _interval(text, lang, "range_hours", day.replace(hour=a + 12),
                            day.replace(hour=b + 13), "hour")


def offsets() -> Iterator[Row]:
    """A quantity of days or weeks before or after a holiday."""
    christmas = dt.datetime(2024, 12, 25)
    pasen = dt.datetime.combine(easter(2025), dt.time())
    words = {"fr": ("{n} jours après {h}", "{n} semaines avant {h}", {"c": "Noël", "e": "Pâques"}),
             "nl": ("{n} dagen na {h}", "{n} weken voor {h}", {"c": "Kerstmis", "e": "Pasen"}),
             "en": ("{n} days after {h}", "{n} weeks before {h}",
                    {"c": "Christmas", "e": "Easter"})}
    for lang, (after, before, names) in words.items():
        for count in (2, 3, 6):
            for key, base in (("c", christmas), ("e", pasen)):
                yield _value(after.format(n=count, h=names[key]), lang, "offset_holiday",
                             base + dt.timedelta(days=count), "day")
                yield _value(before.format(n=count, h=names[key]), lang, "offset_holiday",
                             base - dt.timedelta(weeks=count), "day")


def weekday_times() -> Iterator[Row]:
    """A weekday (bare or next) at a clock time, and a month with its year."""
    for lang in ("fr", "nl", "en"):
        for weekday in range(7):
            ahead = (weekday - TODAY.weekday()) % 7 or 7
            day = TODAY + dt.timedelta(days=ahead)
            name = WEEKDAYS[lang][weekday]
            text = {"fr": f"{name} à 20h30", "nl": f"{name} om 20.30 uur",
                    "en": f"{name} at 8:30pm"}[lang]
            yield _value(text, lang, "weekday_time", day.replace(hour=20, minute=30), "minute")
            nxt = {"fr": f"{name} prochain", "nl": f"volgende {name}", "en": f"next {name}"}[lang]
            if lang == "en":  # English "next Friday" is the Friday of next week (Duckling's)
                day = _grain_start(TODAY, "week") + dt.timedelta(days=7 + weekday)
            yield _value(nxt, lang, "weekday_next", day, "day")
        for month, year in ((3, 2026), (11, 2025), (1, 2027)):
            name = MONTHS[lang][month - 1]
            text = {"fr": f"en {name} {year}", "nl": f"in {name} {year}",
                    "en": f"in {name} {year}"}[lang]
            yield _value(text, lang, "month_year", dt.datetime(year, month, 1), "month")


def clock_ranges() -> Iterator[Row]:
    """A range of clock times on the reference day (after 10:20)."""
    for start, end in ((14, 16), (11, 13), (18, 22)):
        low, high = TODAY.replace(hour=start, minute=30), TODAY.replace(hour=end)
        for lang, text in (("fr", f"de {start}h30 à {end}h"),
                           ("nl", f"van {start}.30 tot {end} uur"),
                           ("en", f"from {start - 12 if start > 12 else start}:30"
                                  f"{'pm' if start >= 12 else 'am'} to "
                                  f"{end - 12 if end > 12 else end}pm")):
            yield _interval(text, lang, "clock_range", low, high + dt.timedelta(minutes=1),
                            "minute")


FAMILIES = (quantities, modifiers, ordinals, clocks, joined, anchors, holidays, ranges, offsets,
            weekday_times, clock_ranges)


def rows() -> list[Row]:
    """Every generated expression with its expected reading."""
    return [row for family in FAMILIES for row in family()]
