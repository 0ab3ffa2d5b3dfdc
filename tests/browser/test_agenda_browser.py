"""The agenda in a real browser (Debian's Chromium through Playwright): the home page, an event
page with its map, the filters and the language switch, at desktop and phone widths. Screenshots
go to bench/out/screenshots/
(docs/screenshots/ with AFFICHE_SCREENSHOTS=docs/screenshots). Map tiles cannot load offline:
the map container and markers can."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.agenda_server import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    chromium,
    need_browser,
    serve,
)

pytest.importorskip("affiche.store")
SIZES = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    need_browser()
    from affiche.store import Store
    from affiche.web.demo import load_examples
    from tests.web_fixtures import march, rally, workshop

    folder = tmp_path_factory.mktemp("agenda")
    database = f"sqlite:///{folder / 'agenda.db'}"
    store = Store(database)
    slugs = {"rally": store.add(rally(), status="published", tags=["migration"]).slug,
             "march": store.add(march(), status="published", tags=["klimaat"]).slug,
             "workshop": store.add(workshop(), status="published").slug}
    store.set_status(slugs["workshop"], "cancelled", actor="test",
                     reason="The room is not available; a new date will follow.")
    load_examples(store)
    store.close()
    with serve(database) as base:
        yield {"base": base, "slugs": slugs}


@pytest.fixture(scope="module")
def browser(site: dict[str, Any]) -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser: Any, site: dict[str, Any], request: pytest.FixtureRequest) -> Iterator[Any]:
    size = getattr(request, "param", "desktop")
    context = browser.new_context(viewport=SIZES[size], locale="en-GB")
    tab = context.new_page()
    tab.problems = []  # console errors (CSP violations among them) and off-site requests
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(m.text))
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tile_host = "tile.openstreetmap.org"

    def route(r: Any) -> None:
        host = urlsplit(r.request.url).hostname or ""
        if host == "127.0.0.1":
            r.continue_()
            return
        if not host.endswith(tile_host):
            tab.problems.append(f"third-party request: {r.request.url}")
        r.abort()

    tab.route("**/*", route)
    tab.size = size
    yield tab
    context.close()


def _shot(tab: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{tab.size}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def _real_problems(tab: Any) -> list[str]:
    # Tiles are aborted on purpose (offline): their failed loads are not the page's fault.
    return [p for p in tab.problems if "net::ERR_FAILED" not in p]


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
def test_home_page(page: Any, site: dict[str, Any]) -> None:
    page.goto(site["base"] + "/")
    assert page.locator("h1").inner_text() == "Upcoming events"
    cards = page.locator("li.card")
    assert cards.count() >= 6
    assert page.locator("section.day h2 time").count() >= 3
    assert page.locator("nav.langs a").count() == 3
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[page.size]["width"], "the page scrolls sideways"
    _shot(page, "home")
    assert _real_problems(page) == []


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
def test_event_page_with_map(page: Any, site: dict[str, Any]) -> None:
    page.goto(f"{site['base']}/events/{site['slugs']['rally']}")
    assert page.locator("h1").inner_text() == "Rassemblement devant le centre fermé"
    page.wait_for_selector("#map.leaflet-container")
    assert page.locator("#map .leaflet-marker-icon").count() == 1       # the place
    assert page.locator("#map path.leaflet-interactive").count() == 1   # the group departure
    assert page.locator("li.point").first.inner_text().startswith("13:30")
    mail = page.locator('a[href="mailto:collectif@example.org"]')       # assembled by the script
    assert mail.count() == 1 and mail.inner_text() == "collectif@example.org"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[page.size]["width"], "the page scrolls sideways"
    box = page.locator("#map").bounding_box()
    for marker in ("#map .leaflet-marker-icon", "#map path.leaflet-interactive"):
        where = page.locator(marker).bounding_box()
        assert box["x"] <= where["x"] + where["width"] / 2 <= box["x"] + box["width"], marker
        assert box["y"] <= where["y"] + where["height"] / 2 <= box["y"] + box["height"], marker
    _shot(page, "event")
    assert _real_problems(page) == []


@pytest.mark.parametrize("page", ["phone"], indirect=True)
def test_cancelled_event_page_says_so(page: Any, site: dict[str, Any]) -> None:
    page.goto(f"{site['base']}/events/{site['slugs']['workshop']}")
    banner = page.locator("p.banner.cancelled")
    assert "Cancelled" in banner.inner_text() and "new date will follow" in banner.inner_text()
    _shot(page, "event-cancelled")
    page.goto(site["base"] + "/")
    card = page.locator("li.card.cancelled")
    assert card.count() == 1 and "Cancelled" in card.inner_text()


def test_map_page_shows_every_placed_event(page: Any, site: dict[str, Any]) -> None:
    page.goto(site["base"] + "/map")
    page.wait_for_selector("#agenda-map.leaflet-container")
    markers = page.locator("#agenda-map .leaflet-marker-icon").count()
    listed = page.locator(".map-list li").count()
    assert markers == listed and markers >= 3
    page.locator("#agenda-map .leaflet-marker-icon").first.click()
    assert page.locator(".leaflet-popup-content a").count() == 1
    page.wait_for_timeout(400)  # the popup fades in
    _shot(page, "map")
    assert _real_problems(page) == []


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
def test_filters(page: Any, site: dict[str, Any]) -> None:
    page.goto(site["base"] + "/")
    page.fill("#f-q", "klimaat")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?q=klimaat**")
    titles = page.locator("li.card h3").all_inner_texts()
    assert titles == ["Mars voor het klimaat"]
    page.goto(site["base"] + "/")
    page.click("details.more summary")
    page.select_option("#f-kind", "workshop")
    page.click("form.filters button[type=submit]")
    # the agenda's own zine workshop and the example call's writing workshop, nothing else
    workshops = page.locator("li.card h3").all_inner_texts()
    assert "Zine-making workshop" in workshops
    assert all("workshop" in title.lower() for title in workshops)
    assert page.locator("#f-kind").input_value() == "workshop"   # the form keeps the choice
    page.click("text=Clear the filters")
    assert page.locator("li.card").count() >= 6


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
def test_language_switch(page: Any, site: dict[str, Any]) -> None:
    page.goto(site["base"] + "/map")
    page.click("nav.langs a[hreflang=fr]")
    assert page.url.endswith("/map")
    assert page.locator("h1").inner_text() == "Carte des événements à venir"
    page.goto(f"{site['base']}/events/{site['slugs']['rally']}")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Départ groupé" in page.locator("li.point").first.inner_text()
    page.click("nav.langs a[hreflang=nl]")
    assert "Groepsvertrek" in page.locator("li.point").first.inner_text()
    page.click("nav.langs a[hreflang=en]")
    assert "Group departure" in page.locator("li.point").first.inner_text()


def test_a_map_of_many_events_draws_dots_on_a_canvas(browser: Any, tmp_path: Path) -> None:
    import datetime as dt
    import random

    from affiche.store import Store
    from bench.web import make_event

    database = f"sqlite:///{tmp_path / 'many.db'}"
    store = Store(database)
    rng = random.Random(3)
    for number in range(400):
        store.add(make_event(number, rng, dt.date.today()), status="published")
    store.close()
    with serve(database) as base:
        context = browser.new_context(viewport=DESKTOP)
        tab = context.new_page()
        tab.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(base + "/map")
        tab.wait_for_selector("#agenda-map canvas")
        assert tab.locator("#agenda-map .leaflet-marker-icon").count() == 0
        assert tab.locator(".map-list li").count() == 400
        assert errors == []
        context.close()
