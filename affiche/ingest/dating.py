"""Find a document's reference date: the moment "ce samedi" and "demain" are counted from.

Sources, strongest first (the name is what `Document.reference_source` says):

- ``given``: the caller's `--reference` (a date means midnight in the document's time zone);
- ``exif``: a photo's EXIF DateTimeOriginal (when the flyer was photographed);
- ``filename``: a phone or messenger file name (`IMG_20250113_170339_462.jpg`, `PXL_…`,
  `Screenshot_2025-01-13-…`, `WhatsApp Image 2025-01-13 at 17.03.39.jpeg`, `VID_…`,
  `signal-…`, `photo_…`), of the file itself or, for a text, on the text's first line: a call
  shared as the text of a photo often starts with the photo's name, which dates it the same way;
- ``html``: a web page's publication date; ``pdf``: a PDF's creation date;
- ``mtime``: the file's modification time, as a last resort;
- ``none``: nothing; the extractor then counts from today.

Phone file names carry local wall-clock time, so they are read in the document's time zone.
File names are matched by hand (a table of prefixes and one date-time pattern): a general date
parser would also take the event date in "agenda-2025-01-13.txt" for the document's date.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from affiche.errors import InputError

__all__ = ["SOURCES", "zone", "given", "from_name", "from_first_line", "from_timestamp", "localise"]

SOURCES = ("given", "exif", "filename", "html", "pdf", "mtime", "none")

# Prefixes that phones, cameras and messengers put before the capture date. A name without one
# must be a bare date-and-time ("20250113_170339.jpg", Samsung) to count: plain dates in file
# names ("agenda-2025-01-13.txt") are often the date of the event, not of the document.
_PREFIX = (r"(?:IMG|PXL|VID|MVIMG|PANO|BURST\d*|Screenshot|Screen[ _]Shot|Capture d[’'`]écran"
           r"|Schermafbeelding|WhatsApp[ _](?:Image|Video)|IMG-|VID-|signal|photo|video|Snapchat)")
_DATE = r"(?P<y>(?:19|20)\d\d)[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)"
_TIME = (r"(?P<H>[0-2]?\d)[-_.:h ]?(?P<M>[0-5]\d)(?:[-_.:m ]?(?P<S>[0-5]\d)(?:\d{3})?)?"
         r"(?:\s?(?P<ampm>[AaPp]\.?[Mm]\.?))?")
_NAME = re.compile(
    rf"^(?P<prefix>{_PREFIX})?[ _-]*{_DATE}"
    rf"(?:(?:[ _-]|\s(?:at|à|om|um)\s|T)+{_TIME})?(?![0-9])",
    re.IGNORECASE,
)
# A file name on a line of its own (messenger names have spaces), with an optional extension.
_NAME_LINE = re.compile(
    r"^\s*(?P<name>[\w .’'-]{8,80}?)(?:\.(?:jpe?g|png|heic|webp|mp4|pdf|gif))?\s*$",
    re.IGNORECASE)


def zone(name: str) -> ZoneInfo:
    """The time zone of that IANA name, or `InputError` naming the bad value."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"time zone {name!r} is unknown: give an IANA name such as "
                         f"Europe/Brussels") from None


def localise(value: dt.datetime | dt.date, timezone: str) -> dt.datetime:
    """An aware datetime: dates become midnight, naive times are read in `timezone`."""
    tz = zone(timezone)
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time(0, 0), tzinfo=tz)
    if value.tzinfo is None:
        return value.replace(tzinfo=tz)
    return value.astimezone(tz)


def given(reference: dt.datetime | dt.date, timezone: str) -> dt.datetime:
    """The caller's reference as an aware datetime in `timezone`."""
    return localise(reference, timezone)


def from_name(name: str, timezone: str) -> dt.datetime | None:
    """The capture time a phone or messenger wrote into a file name (without folders), or None."""
    base = re.split(r"[\\/]", name)[-1]
    match = _NAME.match(base)
    if not match:
        return None
    if not match.group("prefix") and match.group("H") is None:
        return None
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    clock = dt.time(0, 0)
    if match.group("H") is not None:
        hour, minute = int(match["H"]), int(match["M"])
        second = int(match["S"]) if match.group("S") else 0
        ampm = (match.group("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour < 24:
            clock = dt.time(hour, minute, second)
    return dt.datetime.combine(day, clock, tzinfo=zone(timezone))


def from_first_line(text: str, timezone: str) -> dt.datetime | None:
    """The date of a phone file name standing alone on the first non-blank line of a text."""
    first = next((line for line in text.split("\n", 5)[:5] if line.strip()), "")
    match = _NAME_LINE.match(first)
    if not match:
        return None
    name = match.group("name").strip()
    # The line must be a name with a recognised prefix, not a sentence that starts with a date.
    found = _NAME.match(name)
    if not found or not found.group("prefix"):
        return None
    return from_name(name, timezone)


def from_timestamp(seconds: float, timezone: str) -> dt.datetime:
    """A POSIX timestamp (file modification time) as an aware datetime in `timezone`."""
    return dt.datetime.fromtimestamp(seconds, zone(timezone)).replace(microsecond=0)
