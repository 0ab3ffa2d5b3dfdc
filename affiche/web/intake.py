"""What a submission brings in: pasted text, an uploaded file or a URL, read into a Document and
its events with the limits of `affiche extract`, and the upload made safe to keep.

- Text: at most `MAX_PASTE` characters (a call is a few KB; a form must answer within a request).
- Files: at most `affiche.ingest.MAX_BYTES`; the kind is told from the content, never the name;
  images are decoded within the pixel limits of `affiche.ingest.image` (bombs and fake images are
  refused) and re-encoded as JPEG without EXIF (so no GPS position or camera serial is kept).
- URLs: `affiche.ingest.fetch.get`, the one fetcher: http(s) only, public addresses only (also
  after each redirect and on the connected address), time and size caps.
- File names are only ever labels: the directory part and control characters are dropped.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from affiche import ingest, pipeline
from affiche.errors import InputError
from affiche.ingest import fetch, sniff
from affiche.model import Document, Event

__all__ = ["Submission", "Draft", "read_submission", "safe_filename", "reencode_image",
           "MAX_PASTE", "MAX_UPLOAD", "MAX_KEPT"]

MAX_PASTE = 1_000_000
MAX_UPLOAD = ingest.MAX_BYTES
# Largest original kept with the source (a PDF, a saved page); bigger ones keep their text only.
MAX_KEPT = 8 * 1024 * 1024
# Longest side of a kept image: enough to read a flyer, not a full-resolution camera file.
KEPT_SIDE = 2400


@dataclass
class Submission:
    """What the submitter sent: pasted text, a file (name, bytes) or a URL, and a date."""

    text: str = ""
    filename: str | None = None
    content: bytes | None = None
    url: str = ""
    reference: str = ""


@dataclass
class Draft:
    """A read submission: the source to keep, the document text and the events found."""

    kind: str
    text: str
    events: list[Event]
    filename: str | None = None
    media_type: str | None = None
    url: str | None = None
    content: bytes | None = None
    reference: str | None = None
    nonce: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    notes: list[str] = field(default_factory=list)

    def to_payload(self) -> dict[str, Any]:
        """A JSON-able form of the draft, to carry signed in the review form."""
        return {"kind": self.kind, "text": self.text, "filename": self.filename,
                "media_type": self.media_type, "url": self.url, "reference": self.reference,
                "content": base64.b64encode(self.content).decode() if self.content else None,
                "events": [e.to_dict() for e in self.events], "nonce": self.nonce}

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Draft:
        """Read back `to_payload`."""
        content = data.get("content")
        return cls(kind=data["kind"], text=data["text"], filename=data.get("filename"),
                   media_type=data.get("media_type"), url=data.get("url"),
                   reference=data.get("reference"),
                   content=base64.b64decode(content) if content else None,
                   events=[Event.from_dict(e) for e in data.get("events") or []],
                   nonce=data.get("nonce") or secrets.token_urlsafe(12))


def safe_filename(name: str | None) -> str | None:
    """A file name fit to show and keep: no directories, no control characters, 120 chars."""
    if not name:
        return None
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[:120] or None


def reencode_image(data: bytes, source: str) -> bytes:
    """The image decoded within the limits and saved again as JPEG, without EXIF or other data."""
    from PIL import Image

    from affiche.ingest.image import open_image

    picture = open_image(data, source)
    picture = picture.convert("RGB") if picture.mode != "RGB" else picture
    if max(picture.size) > KEPT_SIDE:
        picture.thumbnail((KEPT_SIDE, KEPT_SIDE), Image.Resampling.LANCZOS)
    # A fresh image from the pixels alone: no EXIF, XMP, ICC or comment can survive.
    clean = Image.new("RGB", picture.size)
    clean.paste(picture)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


_MEDIA = {"pdf": "application/pdf", "html": "text/html", "text": "text/plain",
          "image": "image/jpeg"}


def _reference(text: str, timezone: str) -> dt.datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"reference date {text!r}: give it as YYYY-MM-DD") from None
    from zoneinfo import ZoneInfo

    return dt.datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(timezone))


def read_submission(sub: Submission, *, allow_private_fetch: bool = False,
                    timezone: str = "Europe/Brussels") -> Draft:
    """Read what was sent and extract its events; `InputError`/`FetchError` say what is wrong."""
    reference = _reference(sub.reference, timezone)
    options = pipeline.Options(timezone=timezone)
    ref_text = sub.reference.strip() or None
    if sub.content or sub.url.strip():
        draft = (_read_file(sub, reference, options, ref_text) if sub.content else
                 _read_url(sub.url.strip(), reference, options, ref_text, allow_private_fetch))
        if sub.text.strip() or (sub.content and sub.url.strip()):
            # One source per submission: say which one was read, never drop the others silently.
            draft.notes.append(f"only the {'file' if sub.content else 'link'} was read; send "
                               f"the other text or link on its own")
        return draft
    text = sub.text.replace("\r\n", "\n")
    if not text.strip():
        raise InputError("nothing to read: paste the text of the call, choose a file or give "
                         "a link")
    if len(text) > MAX_PASTE:
        raise InputError(f"the pasted text is too long ({len(text):,} characters; the limit is "
                         f"{MAX_PASTE:,})")
    document, events = pipeline.extract_text(text, reference=reference, options=options)
    return Draft(kind="text", text=document.text, events=events, reference=ref_text,
                 notes=_notes(document))


def _read_file(sub: Submission, reference: dt.datetime | None, options: pipeline.Options,
               ref_text: str | None) -> Draft:
    data = sub.content or b""
    name = safe_filename(sub.filename) or "upload"
    if len(data) > MAX_UPLOAD:
        raise InputError(f"{name}: too large ({len(data) / 2**20:.0f} MB; the limit is "
                         f"{MAX_UPLOAD // 2**20} MB)")
    kind = sniff.sniff(data, name)
    kept: bytes | None = data if len(data) <= MAX_KEPT else None
    media = _MEDIA[kind]
    if kind == "image":
        kept = reencode_image(data, name)
        name = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name) + ".jpg"
    document = ingest.read_bytes(data, source=name, reference=reference,
                                 timezone=options.timezone)
    events = pipeline.run(document, options)
    return Draft(kind="file", text=document.text, events=events, filename=name, media_type=media,
                 content=kept, reference=ref_text, notes=_notes(document))


def _read_url(url: str, reference: dt.datetime | None, options: pipeline.Options,
              ref_text: str | None, allow_private: bool) -> Draft:
    if len(url) > 2000:
        raise InputError("the link is too long (more than 2000 characters)")
    if "://" not in url:
        url = "https://" + url
    fetched = fetch.get(url, allow_private=allow_private)
    document = ingest.read_bytes(fetched.content, source=fetched.url, reference=reference,
                                 timezone=options.timezone)
    document.url = document.url or fetched.url
    events = pipeline.run(document, options)
    for event in events:
        event.url = event.url or fetched.url
    return Draft(kind="url", text=document.text, events=events, url=fetched.url,
                 reference=ref_text, notes=_notes(document))


def _notes(document: Document) -> list[str]:
    """The document's own warnings, as lines for the submitter."""
    return [w.message for w in document.warnings]
