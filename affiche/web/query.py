"""Reading a list's query: the Contract 4 filters, the page number, and links that keep them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from affiche.errors import InputError
from affiche.store import Filters

__all__ = ["FILTER_KEYS", "filters_of", "page_of", "raw_filters", "with_query", "window_of"]

FILTER_KEYS = ("from", "to", "locality", "kind", "tag", "lang", "q", "past")
MAX_PAGE = 10_000


def raw_filters(request: Request) -> dict[str, str]:
    """The filter values of the query as given (empty fields of a submitted form dropped)."""
    values = {}
    for key in FILTER_KEYS:
        value = request.query_params.get(key, "").strip()
        if value:
            values[key] = value
    return values


def filters_of(request: Request) -> Filters:
    """The store `Filters` of the query; `InputError` (a 400 page) on a bad value."""
    return Filters.from_query(raw_filters(request))


def page_of(request: Request) -> int:
    """The page number of the query, 1 when absent; `InputError` when not a number ≥ 1."""
    text = request.query_params.get("page", "").strip()
    if not text:
        return 1
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
        raise InputError(f"page {text!r}: give a page number from 1 to {MAX_PAGE}")
    return int(text)


def _count(request: Request, name: str, default: int, low: int, high: int) -> int:
    text = request.query_params.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise InputError(f"{name} {text!r}: give a number from {low} to {high}")
    return int(text)


def window_of(request: Request, cap: int) -> tuple[int, int]:
    """The `limit` (default and at most `cap`) and `offset` (default 0) of a feed's query."""
    return _count(request, "limit", cap, 1, cap), _count(request, "offset", 0, 0, 10**9)


def with_query(path: str, values: dict[str, str], **extra: Any) -> str:
    """`path` with the filters and extra parameters as its query (None values left out)."""
    merged = dict(values)
    merged.update({k: str(v) for k, v in extra.items() if v is not None})
    return f"{path}?{urlencode(merged)}" if merged else path
