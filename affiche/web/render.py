"""Rendering pages: one Jinja2 environment, the request's locale, its translations and dates.

- The locale is, in order: the `affiche_lang` cookie set by the language switch, the best match
  of the Accept-Language header, the site's default (`negotiate`).
- Messages come from Babel catalogues (`affiche/web/locale/<code>/LC_MESSAGES/messages.mo`,
  checked in beside their `.po`); templates say `{{ _("…") }}` or `{% trans %}`.
- Dates are formatted by Babel (CLDR) in the event's own time zone: "sam. 18 janv. 2025, 14:00".

Translations are chosen per request through a context variable, so one environment serves every
request (thread-safe: sync endpoints run in a thread pool, each with its own context).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import jinja2
from babel.dates import format_date, format_datetime, format_time
from babel.support import NullTranslations, Translations
from starlette.requests import Request
from starlette.responses import HTMLResponse

from affiche.web.settings import LOCALES

__all__ = [
    "COOKIE",
    "LOCALES",
    "environment",
    "negotiate",
    "translations",
    "gettext",
    "N_",
    "render",
    "render_text",
    "format_moment",
    "format_day",
    "format_clock",
    "zone_label",
]

HERE = Path(__file__).parent
LOCALE_DIR = HERE / "locale"
TEMPLATE_DIR = HERE / "templates"
COOKIE = "affiche_lang"  # caching.LANGUAGE_COOKIE says the same
LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}

_current: contextvars.ContextVar[NullTranslations | None] = contextvars.ContextVar(
    "affiche_translations", default=None)
_NULL = NullTranslations()


@functools.cache
def translations(locale: str) -> NullTranslations:
    """The compiled catalogue of a locale (English messages are the msgids themselves)."""
    if locale not in LOCALES:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [locale], domain="messages")


def N_(message: str) -> str:
    """Mark a message for extraction (`pybabel extract -k N_`); translated where it is shown."""
    return message


def gettext(locale: str, message: str) -> str:
    """`message` translated into `locale`."""
    return translations(locale).gettext(message)


def _accepted(header: str) -> list[str]:
    """The languages of an Accept-Language header, best first (q=0 ones dropped)."""
    ranked = []
    for position, item in enumerate(header.split(",")):
        code, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if code and quality > 0:
            ranked.append((-quality, position, code.strip().lower()))
    return [code for _, _, code in sorted(ranked)]


def negotiate(request: Request) -> str:
    """The locale of this request: cookie, else Accept-Language, else the site's default."""
    cached = getattr(request.state, "locale", None)
    if cached:
        return cached
    locale = request.cookies.get(COOKIE, "")
    if locale not in LOCALES:
        locale = ""
        for code in _accepted(request.headers.get("accept-language", "")):
            primary = code.split("-")[0]
            if primary in LOCALES:
                locale = primary
                break
    if not locale:
        locale = request.app.state.settings.default_locale
    request.state.locale = locale
    return locale


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


# Recent CLDR writes Dutch month abbreviations without their point ("jan"); the Taalunie's
# spelling, which Belgian and Dutch readers expect, keeps it ("jan.", but "mei" in full).
_MONTHS = {"nl": ("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.",
                  "nov.", "dec.")}


def _month(value: dt.date, locale: str) -> str:
    """The abbreviated-month part of a date pattern: CLDR's, or a quoted literal override."""
    table = _MONTHS.get(locale)
    return f"'{table[value.month - 1]}'" if table else "MMM"


def format_moment(value: dt.date | dt.datetime, timezone: str | None, locale: str) -> str:
    """A day, or a day and time in the event's zone: "sam. 18 janv. 2025, 14:00"."""
    if isinstance(value, dt.datetime):
        local = value.astimezone(_zone(timezone)) if value.tzinfo else value
        return format_datetime(local, f"EEE d {_month(local, locale)} y, HH:mm", locale=locale)
    return format_date(value, f"EEE d {_month(value, locale)} y", locale=locale)


def format_day(value: dt.date, locale: str) -> str:
    """A day heading in full: "samedi 18 janvier 2025"."""
    return format_date(value, "EEEE d MMMM y", locale=locale)


def format_clock(value: dt.datetime, timezone: str | None, locale: str) -> str:
    """A time of day in the event's zone: "14:00"."""
    local = value.astimezone(_zone(timezone)) if value.tzinfo else value
    return format_time(local, "HH:mm", locale=locale)


def zone_label(value: dt.datetime, timezone: str | None) -> str:
    """The zone of a moment for people: "Europe/Brussels, UTC+01:00"."""
    local = value.astimezone(_zone(timezone)) if value.tzinfo else value
    offset = local.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"{timezone or 'UTC'}, UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _gettext(message: str) -> str:
    return (_current.get() or _NULL).gettext(message)


def _ngettext(singular: str, plural: str, number: int) -> str:
    return (_current.get() or _NULL).ngettext(singular, plural, number)


@functools.cache
def environment() -> jinja2.Environment:
    """The one template environment: autoescaped HTML, i18n, the date filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["language_names"] = LANGUAGE_NAMES
    env.globals["locales"] = LOCALES
    return env


def _switch_links(request: Request) -> list[dict[str, str]]:
    """One link per locale that sets the cookie and comes back to this page."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return [{"code": code, "name": LANGUAGE_NAMES[code],
             "href": f"/lang/{code}?next={quote(here, safe='')}"} for code in LOCALES]


def render_text(request: Request, template: str, **context: Any) -> str:
    """A template rendered for this request's locale, as text."""
    locale = negotiate(request)
    settings = request.app.state.settings
    values = {
        "request": request,
        "locale": locale,
        "settings": settings,
        "site_name": settings.site_name,
        "switch_links": _switch_links(request),
        "path": request.url.path,
    }
    values.update(context)
    token = _current.set(translations(locale))
    try:
        return environment().get_template(template).render(values)
    finally:
        _current.reset(token)


def render(request: Request, template: str, status_code: int = 200,
           headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
    """An HTML response of a template for this request's locale (pages vary by language)."""
    body = render_text(request, template, **context)
    response = HTMLResponse(body, status_code=status_code, headers=headers)
    response.headers["Content-Language"] = negotiate(request)
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response

