"""Read a web page: its main text without navigation and comments (trafilatura), its title, its
publication date (htmldate, then JSON-LD), its canonical URL, and the schema.org Events it embeds
(JSON-LD, microdata, microformats via extruct), normalised into `Document.hints` as

    {"syntax": "json-ld|microdata|microformat", "name", "startDate", "endDate", "url",
     "description", "status", "organizer", "location": {"name", "streetAddress", "postalCode",
     "addressLocality", "addressCountry", "latitude", "longitude"}}

("status" is schema.org's eventStatus without its prefix: "EventCancelled", "EventPostponed"…)

(absent values are None). The extractor reads these as strong hints and compares them with the text.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

import lxml.etree
import lxml.html

from affiche.errors import InputError
from affiche.ingest.reading import Origin, Reading
from affiche.ingest.text import normalise

__all__ = ["read_html", "decode_html", "event_hints", "MAX_HTML_BYTES", "MAX_HTML_TEXT"]

log = logging.getLogger(__name__)

# Raw page size read (bytes). Real pages are 50 KB-3 MB, mostly scripts; trafilatura costs about
# 2.5 s per MB of markup that survives its cleaning, so bigger pages are refused, not read slowly.
MAX_HTML_BYTES = 10 * 1024 * 1024
# Visible text (characters) a page may have once scripts and styles are gone: a call to action is
# a few KB; a page with megabytes of text is an archive or a dump and takes too long to read.
MAX_HTML_TEXT = 1_000_000
# Before the main text, the title is added when the main text does not already start with it,
# so that the extractor sees the event's name; "start" means within these first characters.
_TITLE_WINDOW = 300

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
                           re.IGNORECASE)
_INVISIBLE = "//script[not(@type='application/ld+json')]|//style|//noscript|//template|//svg"


def decode_html(data: bytes, source: str, charset: str | None = None) -> str:
    """The text of an HTML page: BOM, then the HTTP charset, then <meta charset>, then UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    candidates = [charset] if charset else []
    found = _META_CHARSET.search(data[:8192])
    if found:
        candidates.append(found.group(1).decode("ascii"))
    for name in candidates:
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_html(data: bytes, origin: Origin) -> Reading:
    """Read an HTML page into its main text, title, dates and event hints."""
    source = origin.source
    if len(data) > MAX_HTML_BYTES:
        raise InputError(f"{source}: too large for a web page ({len(data) / 2**20:.0f} MB; the "
                         f"limit is {MAX_HTML_BYTES // 2**20} MB): save the page's text instead")
    markup = decode_html(data, source, origin.charset)
    # lxml refuses strings with an XML encoding declaration and control characters.
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup).replace("\x00", "")
    try:
        tree = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as error:
        raise InputError(f"{source}: not a readable HTML page ({error})") from None
    canonical = _canonical(tree)
    hints, structured = _structured(markup, tree, origin.url or canonical)
    published = _published(markup, origin.url, structured)
    for node in tree.xpath(_INVISIBLE):
        node.drop_tree()
    visible = tree.text_content()
    if len(visible) > MAX_HTML_TEXT:
        raise InputError(f"{source}: too much text for a web page ({len(visible) / 1e6:.1f} "
                         f"million characters; the limit is {MAX_HTML_TEXT / 1e6:.1f} million)")
    title, main = _main_text(markup, origin.url)
    page_title = title or _title(tree)
    if not main.strip():
        main = _all_text(tree)
    text = normalise(main.strip() + "\n")
    if page_title and page_title.strip() and page_title.strip() not in text[:_TITLE_WINDOW]:
        text = normalise(page_title.strip()) + "\n\n" + text
    return Reading(
        text=text, kind="html", title=page_title.strip() if page_title else None,
        url=canonical or origin.url, published=published[0] if published else None,
        published_source="html" if published else None, hints=hints,
        language=_declared_language(tree),
    )


def _main_text(markup: str, url: str | None) -> tuple[str | None, str]:
    """Title and main text by trafilatura, favouring recall: a call's date line must survive."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_recall=True, deduplicate=False)
    except Exception as error:  # noqa: BLE001 - a library failure on odd markup is not fatal
        log.debug("trafilatura failed: %s", error)
        return None, ""
    if found is None:
        return None, ""
    return getattr(found, "title", None), getattr(found, "text", None) or ""


def _all_text(tree: lxml.html.HtmlElement) -> str:
    """Every visible text block, one per line: the fallback for pages trafilatura finds empty."""
    for node in tree.xpath("//nav|//header|//footer|//aside|//form"):
        node.drop_tree()
    body = tree.find("body")
    lines = []
    for block in (body if body is not None else tree).iter():
        if not isinstance(block.tag, str):
            continue
        for piece in (block.text, block.tail):
            if piece and piece.strip():
                lines.append(" ".join(piece.split()))
    return "\n".join(lines)


def _declared_language(tree: lxml.html.HtmlElement) -> str | None:
    """The page's declared language (`<html lang="fr-BE">` → "fr") when we have its data."""
    from affiche.ingest.language import stopwords

    declared = (tree.get("lang") or tree.get("xml:lang") or "").strip().lower()[:2]
    return declared if declared in stopwords() else None


def _title(tree: lxml.html.HtmlElement) -> str | None:
    for xpath in ("//meta[@property='og:title']/@content", "//title/text()", "//h1//text()"):
        found = [v.strip() for v in tree.xpath(xpath) if v and v.strip()]
        if found:
            return " ".join(found[0].split())
    return None


def _canonical(tree: lxml.html.HtmlElement) -> str | None:
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = [v.strip() for v in tree.xpath(xpath) if v and v.strip().startswith("http")]
        if found:
            return found[0]
    return None


def _published(markup: str, url: str | None,
               structured: list[dict[str, Any]]) -> tuple[dt.datetime, str] | None:
    """The page's publication date from its metadata only: dates in the text are the event's."""
    import htmldate

    try:
        found = htmldate.find_date(markup, url=url, extensive_search=False, original_date=True,
                                   outputformat="%Y-%m-%dT%H:%M:%S%z")
    except Exception as error:  # noqa: BLE001
        log.debug("htmldate failed: %s", error)
        found = None
    value = _parse_datetime(found) if found else None
    if value is None:
        for item in structured:
            for key in ("datePublished", "dateCreated", "uploadDate"):
                if isinstance(item, dict) and isinstance(item.get(key), str):
                    value = _parse_datetime(item[key])
                    if value:
                        break
            if value:
                break
    return (value, "html") if value else None


def _parse_datetime(value: str) -> dt.datetime | None:
    value = value.strip().replace("Z", "+00:00")
    value = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", value)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = dt.datetime.combine(dt.date.fromisoformat(value[:10]), dt.time())
        except ValueError:
            return None
    return parsed


def _structured(markup: str, tree: lxml.html.HtmlElement,
                base_url: str | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Normalised Event hints, and every structured item (for dates), found by extruct."""
    import extruct

    items: list[tuple[str, Any]] = []
    # mf2py is slow on big pages: run it only when the page uses event microformats at all.
    syntaxes = ["json-ld", "microdata"]
    try:
        found = extruct.extract(tree, base_url=base_url, syntaxes=syntaxes, uniform=True,
                                errors="ignore")
        if re.search(r"\b(?:h-event|vevent)\b", markup):
            found.update(extruct.extract(markup, base_url=base_url, syntaxes=["microformat"],
                                         uniform=True, errors="ignore"))
    except Exception as error:  # noqa: BLE001 - broken embedded data must not stop the page
        log.debug("extruct failed: %s", error)
        return [], []
    for syntax, values in found.items():
        for value in values or []:
            items.append((syntax, value))
    hints = []
    flat: list[dict[str, Any]] = []
    for syntax, value in items:
        for node in _walk(value):
            flat.append(node)
            if _is_event(node):
                hint = event_hints(node, syntax)
                if hint not in hints:
                    hints.append(hint)
    return hints, flat


def _walk(value: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Every dict inside a JSON-LD value (graphs, lists, nested items), depth-limited."""
    if depth > 8:
        return []
    if isinstance(value, list):
        return [n for v in value[:200] for n in _walk(v, depth + 1)]
    if isinstance(value, dict):
        nodes = [value]
        for child in value.values():
            if isinstance(child, (dict, list)):
                nodes.extend(_walk(child, depth + 1))
        return nodes
    return []


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type") or node.get("type") or []
    kinds = kind if isinstance(kind, list) else [kind]
    return [str(k).rsplit("/", 1)[-1] for k in kinds]


def _is_event(node: dict[str, Any]) -> bool:
    return any(k.endswith("Event") or k in ("h-event", "vevent") for k in _types(node))


def _first(value: Any) -> Any:
    """One value of a property that may be given as a list (microformats always use lists)."""
    while isinstance(value, list):
        value = value[0] if value else None
    return value


def _text(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("value") or value.get("@value")
        value = _first(value)
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def event_hints(node: dict[str, Any], syntax: str) -> dict[str, Any]:
    """One schema.org Event (JSON-LD, microdata) or h-event, in the normalised hint shape."""
    if any(k in ("h-event", "vevent") for k in _types(node)):
        start, end = node.get("start"), node.get("end")
        location = _location(_first(node.get("location")))
    else:
        start, end = node.get("startDate"), node.get("endDate")
        location = _location(_first(node.get("location")))
    return {
        "syntax": syntax, "name": _text(node.get("name")), "startDate": _text(start),
        "endDate": _text(end), "url": _text(node.get("url")),
        "description": _text(node.get("description") or node.get("summary")),
        "status": _status(node.get("eventStatus")), "organizer": _text(node.get("organizer")),
        "location": location,
    }


def _status(value: Any) -> str | None:
    text = _text(value)
    return text.rstrip("/").rsplit("/", 1)[-1] if text else None


def _location(value: Any) -> dict[str, Any]:
    """A Place, a PostalAddress, an h-card/h-adr or a plain string, as flat address fields."""
    place: dict[str, Any] = dict.fromkeys(
        ("name", "streetAddress", "postalCode", "addressLocality", "addressCountry",
         "latitude", "longitude"))
    if isinstance(value, str):
        place["name"] = _text(value)
        return place
    if not isinstance(value, dict):
        return place
    place["name"] = _text(value.get("name"))
    address = _first(value.get("address")) or value
    if isinstance(address, str):
        place["streetAddress"] = _text(address)
    elif isinstance(address, dict):
        place["streetAddress"] = _text(address.get("streetAddress")
                                       or address.get("street-address"))
        place["postalCode"] = _text(address.get("postalCode") or address.get("postal-code"))
        place["addressLocality"] = _text(address.get("addressLocality") or address.get("locality"))
        place["addressCountry"] = _text(address.get("addressCountry")
                                        or address.get("country-name"))
    geo = _first(value.get("geo")) or value
    if isinstance(geo, dict):
        for key, alias in (("latitude", "lat"), ("longitude", "lon")):
            raw = _first(geo.get(key) or geo.get(alias))
            try:
                place[key] = float(raw) if raw is not None else None
            except (TypeError, ValueError):
                place[key] = None
    return place
