"""What a reader of one kind hands back before the reference date and language are settled."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from affiche.model import Warning

__all__ = ["Reading", "Origin", "MAX_BYTES"]

# Largest input read at all (bytes). Per-kind caps are lower (text, HTML); this one bounds
# memory before the kind is known. Photos from phones are 2-12 MB, PDFs of flyers under 20 MB.
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class Origin:
    """Where the bytes came from: a file path, a URL, or standard input ("-")."""

    source: str
    path: str | None = None
    url: str | None = None
    mtime: float | None = None
    charset: str | None = None
    content_type: str | None = None


@dataclass
class Reading:
    """The text and metadata one kind reader found in a document."""

    text: str
    kind: str
    title: str | None = None
    url: str | None = None
    language: str | None = None
    published: dt.datetime | None = None
    published_source: str | None = None
    captured: dt.datetime | None = None
    ocr_confidence: float | None = None
    line_confidence: list[tuple[int, int, float]] = field(default_factory=list)
    hints: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
