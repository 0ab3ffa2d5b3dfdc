"""Turn the bytes of a plain-text document into text, or refuse them as not text.

UTF-8 (with or without a byte-order mark) first; UTF-16 when it starts with its byte-order mark;
UTF-8 with the odd bad byte replaced (and an `invalid_utf8` warning) when nearly all of its
non-ASCII bytes are valid UTF-8 (a text pasted together from two sources); Windows-1252 (then
Latin-1) only when the bytes are clearly text in that encoding. Binary data
(NUL bytes, many control characters) is refused with a one-line `InputError`.

Why no charset detector (chardet, charset-normalizer): calls arrive in UTF-8 or a Western code
page; guessing among fifty encodings turns binary files into "text" instead of refusing them.

The text is otherwise kept intact, because evidence offsets index into it: only newlines are
normalised to `\n`, and Unicode is composed (NFC) so that accents typed or pasted as two code
points (macOS file names, some PDFs) match the language data.
"""

from __future__ import annotations

import unicodedata

from affiche.errors import InputError
from affiche.model import Warning

__all__ = ["decode", "normalise"]

# Allowed C0 controls in text: tab, newline, carriage return, form feed (PDF page breaks), and
# vertical tab / escape which some editors leave behind. Anything else counts against "text".
_TEXT_CONTROLS = {9, 10, 11, 12, 13, 27}
# Share of other control characters above which a document is taken as binary. Real texts in
# the corpus have none; a compressed or executable file has about 10 %.
_MAX_CONTROL_SHARE = 0.01


def normalise(text: str) -> str:
    """Newlines to `\\n` (CRLF, CR, Unicode line/paragraph separators) and Unicode to NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    return unicodedata.normalize("NFC", text)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:200_000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ord(ch) not in _TEXT_CONTROLS)
              or 0x7F <= ord(ch) < 0xA0)
    return bad / len(sample)


def decode(data: bytes, source: str = "-", warnings: list[Warning] | None = None) -> str:
    """The text of a plain-text document, or `InputError` when the bytes are not text; what
    had to be repaired is added to `warnings`."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{source}: not a text file (broken UTF-16)") from None
        return _checked(text, source)
    if b"\x00" in data[:1_000_000]:
        raise InputError(f"{source}: not a text file (it contains NUL bytes, so it is binary data)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = _mostly_utf8(data, error, warnings)
        if text is None:
            text = _legacy(data, source, error)
    return _checked(text, source)


# Share of a text's non-ASCII bytes that must belong to valid UTF-8 sequences for the others
# to be taken as stray bytes (a Windows-1252 text has no valid sequence at all)
_UTF8_SHARE = 0.9


def _mostly_utf8(data: bytes, error: UnicodeDecodeError,
                 warnings: list[Warning] | None) -> str | None:
    """`data` as UTF-8 with its few bad bytes replaced, when nearly all of it is UTF-8."""
    text = data.decode("utf-8", errors="replace")
    high = sum(1 for byte in data if byte >= 0x80)
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if not high or (high - bad) < _UTF8_SHARE * high:
        return None
    if warnings is not None:
        warnings.append(Warning("invalid_utf8", f"{bad} byte(s) were not valid UTF-8 and were "
                                f"replaced by \ufffd (the first at byte {error.start})", []))
    return text


def _legacy(data: bytes, source: str, error: UnicodeDecodeError) -> str:
    """Windows-1252 or Latin-1, when the bytes that are not UTF-8 look like accented letters."""
    high = [b for b in data[:200_000] if b >= 0x80]
    # A text in a Western code page has a few high bytes among mostly ASCII; binary data has
    # about half its bytes high.
    if len(high) > 0.3 * min(len(data), 200_000):
        raise InputError(f"{source}: not a text file (not UTF-8 and mostly non-ASCII bytes, "
                         f"so probably binary; first bad byte at offset {error.start})")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # The five bytes undefined in Windows-1252 are C1 controls in Latin-1: _checked counts them.
        return data.decode("latin-1")


def _checked(text: str, source: str) -> str:
    share = _control_share(text)
    if share > _MAX_CONTROL_SHARE:
        raise InputError(f"{source}: not a text file ({share:.0%} control characters, "
                         f"so probably binary data)")
    return normalise(text)
