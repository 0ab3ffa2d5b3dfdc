"""Shared helper of the per-language time tables: one compact line per reading."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from affiche.when import parse

REF = dt.datetime(2025, 1, 13, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def reading(text: str, lang: str, locale: str | None = None) -> str:
    """The best reading in a compact form: kind, local start[..stated end], grain, flags."""
    found = parse(text, REF, lang, locale)
    assert found, f"nothing found in {text!r}"
    best = found[0]
    start = best.value.strftime("%Y-%m-%dT%H:%M") if best.value else "-"
    end = best.end_value.strftime("%Y-%m-%dT%H:%M") if best.end_value else ""
    flags = "".join(flag for flag, on in (("D", best.has_date), ("T", best.has_time),
                                          ("P", best.has_part_of_day), ("R", best.recurring))
                    if on)
    span = f"{start}..{end}" if best.kind == "interval" else start
    if best.open:
        span = f"{best.open}:{span}"
    return f"{span} {best.grain} {flags}"
