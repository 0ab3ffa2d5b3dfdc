"""The agenda's pages through Starlette's in-process client: list, filters, event page, map,
embed, subscription page, language switch, conditional requests and the error page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("affiche.store")
from starlette.testclient import TestClient  # noqa: E402

from tests.web_fixtures import agenda  # noqa: E402


@pytest.fixture()
def site(tmp_path: Path) -> Any:
    store, app, slugs = agenda(tmp_path)
    client = TestClient(app)
    client.slugs = slugs  # type: ignore[attr-defined]
    client.store = store  # type: ignore[attr-defined]
    yield client
    store.close()


def test_home_lists_upcoming_published_events_by_day(site: Any) -> None:
    page = site.get("/")
    assert page.status_code == 200
    html = page.text
    assert "Rassemblement devant le centre fermé" in html
    assert "Mars voor het klimaat" in html and "Zine-making workshop" in html
    assert "Pas encore modéré" not in html          # pending: never public
    assert "Assemblée de quartier" not in html      # past
    assert html.index("Rassemblement") < html.index("Mars voor") < html.index("Zine-making")
    assert len(re.findall(r'<section class="day"', html)) == 3
    assert "3 events" in html
    assert len(page.content) < 100_000


@pytest.mark.parametrize(("query", "present", "absent"), [
    ("q=klimaat", ["Mars voor"], ["Rassemblement", "Zine-making"]),
    ("locality=liege", ["Zine-making"], ["Rassemblement", "Mars voor"]),
    ("kind=rally", ["Rassemblement"], ["Mars voor", "Zine-making"]),
    ("tag=klimaat", ["Mars voor"], ["Rassemblement"]),
    ("lang=en", ["Zine-making"], ["Rassemblement", "Mars voor"]),
    ("past=1", ["Assemblée de quartier", "Rassemblement"], []),
])
def test_home_filters(site: Any, query: str, present: list[str], absent: list[str]) -> None:
    html = site.get(f"/?{query}").text
    for text in present:
        assert text in html, (query, text)
    for text in absent:
        assert text not in html, (query, text)


def test_date_range_filter_and_empty_form_fields(site: Any) -> None:
    from tests.web_fixtures import at

    day = at(8, 0).date().isoformat()
    html = site.get(f"/?from={day}&to={day}&q=&locality=&kind=").text
    assert "Mars voor" in html and "Rassemblement" not in html
    assert f'value="{day}"' in html                 # the form keeps what was asked
    empty = site.get("/?q=nothing-matches-this").text
    assert "No event matches these filters." in empty


def test_pagination(tmp_path: Path) -> None:
    store, app, _ = agenda(tmp_path, page_size=2)
    client = TestClient(app)
    first = client.get("/").text
    assert 'rel="next"' in first and "page 1 of 2" in first
    second = client.get("/?page=2").text
    assert "Zine-making" in second and 'rel="prev"' in second
    assert client.get("/?page=3").status_code == 404
    bad = client.get("/?page=zero")
    assert bad.status_code == 400 and "page &#39;zero&#39;" in bad.text
    store.close()


def test_bad_filter_is_a_400_page_with_one_line(site: Any) -> None:
    page = site.get("/?from=2025-13-45")
    assert page.status_code == 400
    assert '<p class="message">' in page.text
    assert "Traceback" not in page.text
    assert site.get("/?kind=picnic").status_code == 400


def test_event_page_shows_everything(site: Any) -> None:
    slug = site.slugs["rally"]
    page = site.get(f"/events/{slug}")
    assert page.status_code == 200
    html = page.text
    assert "<h1>Rassemblement devant le centre fermé</h1>" in html
    assert "Europe/Brussels, UTC+0" in html          # the zone of the time
    assert "Centre fermé 127 bis" in html and "Tervuursesteenweg 300" in html
    assert "Group departure" in html and "13:30" in html and "Gare de Nossegem" in html
    assert "from Bruxelles-Midi to Nossegem" in html and "13:00" in html and "13:29" in html
    assert "Collectif Sans Frontières" in html
    assert "<p>Venez nombreux.</p>" in html and "<p>Prenez des banderoles.</p>" in html
    # e-mail: no address a harvester can read, a fallback a person can
    assert "collectif@example.org" not in html and "mailto:collectif" not in html
    assert "collectif [at] example.org" in html and 'data-u="collectif"' in html
    assert 'href="tel:+32470123456"' in html
    assert f'href="/events/{slug}.ics"' in html
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "outlook.live.com/calendar/0/deeplink/compose" in html
    assert "t.me/share/url" in html and "mailto:?subject=" in html
    assert 'id="map"' in html and 'data-lat="50.9135"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert len(page.content) < 100_000


def test_event_page_jsonld_is_schema_org_without_email(site: Any) -> None:
    import extruct

    slug = site.slugs["rally"]
    html = site.get(f"/events/{slug}").text
    data = extruct.extract(html, base_url=f"https://agenda.example.org/events/{slug}",
                           syntaxes=["json-ld"])["json-ld"]
    assert len(data) == 1
    event = data[0]
    assert event["@type"] == "Event"
    assert event["url"] == f"https://agenda.example.org/events/{slug}"
    assert event["startDate"].endswith(("+01:00", "+02:00"))
    assert event["location"]["name"] == "Centre fermé 127 bis"
    assert event["subEvent"][0]["location"]["name"] == "Gare de Nossegem"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert "collectif@example.org" not in json.dumps(event)


def test_event_page_jsonld_drops_an_organiser_left_empty(site: Any) -> None:
    from dataclasses import replace

    from tests.web_fixtures import rally

    anonymous = replace(rally(), title="Vigile sans signataire", organisers=[])
    slug = site.store.add(anonymous, status="published").slug
    html = site.get(f"/events/{slug}").text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block is not None
    event = json.loads(block.group(1))
    # the contacts' unnamed holder loses them on the page, so nothing of it is left to say
    assert "organizer" not in event
    assert "collectif@example.org" not in block.group(1)


def test_unknown_and_pending_events_are_404(site: Any) -> None:
    for path in ("/events/no-such-event", f"/events/{site.slugs['pending']}",
                 f"/events/{site.slugs['pending']}.ics", "/nowhere"):
        page = site.get(path)
        assert page.status_code == 404, path
    html = site.get("/events/no-such-event").text
    assert "Page not found" in html and "Back to the agenda" in html


def test_status_banners(site: Any) -> None:
    store = site.store
    cancelled = site.slugs["march"]
    store.set_status(cancelled, "cancelled", actor="test", reason="Storm warning")
    html = site.get(f"/events/{cancelled}").text
    assert 'class="banner cancelled"' in html and "Cancelled" in html and "Storm warning" in html
    assert "Add to calendar" not in html            # the ICS still says CANCELLED to subscribers
    assert '<strong class="badge cancelled">Cancelled</strong>' in site.get("/").text
    from tests.web_fixtures import at

    moved = site.slugs["rally"]
    store.set_status(moved, "postponed", actor="test", new_start=at(20, 15).isoformat())
    html = site.get(f"/events/{moved}").text
    assert 'class="banner rescheduled"' in html and "first announced for" in html
    fr = site.get(f"/events/{moved}", headers={"Accept-Language": "fr"}).text
    assert "Date modifiée" in fr and "annoncé d&#39;abord pour le" in fr


def test_map_page_has_markers_as_json_and_a_list(site: Any) -> None:
    page = site.get("/map")
    assert page.status_code == 200
    html = page.text
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match
    data = json.loads(match.group(1))
    titles = {m["title"] for m in data["markers"]}
    assert titles == {"Rassemblement devant le centre fermé", "Mars voor het klimaat"}
    assert data["tiles"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "1 without a known place" in html      # the workshop has no coordinates
    assert 'id="agenda-map"' in html
    assert "Mars voor" not in site.get("/map?kind=rally").text


def test_embed_is_small_framable_and_filtered(site: Any) -> None:
    page = site.get("/embed?limit=1")
    assert page.status_code == 200
    assert "frame-ancestors *" in page.headers["content-security-policy"]
    assert "x-frame-options" not in page.headers
    assert page.text.count('class="card') == 1
    assert 'target="_blank"' in page.text and "<nav" not in page.text
    assert site.get("/embed?limit=500").status_code == 400
    assert "Zine-making" in site.get("/embed?lang=en").text


def test_security_headers_on_pages_and_errors(site: Any) -> None:
    for path in ("/", "/nowhere", f"/events/{site.slugs['rally']}"):
        headers = site.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert "https://tile.openstreetmap.org" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"


def test_no_inline_script_and_no_third_party_request(site: Any) -> None:
    for path in ("/", "/map", "/embed", "/subscribe", f"/events/{site.slugs['rally']}"):
        html = site.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert 'type="application/' in tag or "src=\"/static/" in tag, (path, tag)
        for url in re.findall(r'<(?:script|link|img)\b[^>]*(?:src|href)="([^"]+)"', html):
            assert url.startswith("/") or url.startswith("https://agenda.example.org"), (path, url)


def test_subscribe_page_keeps_filters(site: Any) -> None:
    html = site.get("/subscribe?kind=rally").text
    assert "webcal://agenda.example.org/events.ics?kind=rally" in html
    assert "/feed.atom?kind=rally" in html


def test_conditional_requests_on_pages(site: Any) -> None:
    first = site.get("/")
    etag = first.headers["etag"]
    assert first.headers["last-modified"]
    again = site.get("/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert site.get("/", headers={"If-None-Match": etag,
                                  "Accept-Language": "fr"}).status_code == 200
    since = site.get("/", headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304
    slug = site.slugs["rally"]
    page = site.get(f"/events/{slug}")
    assert site.get(f"/events/{slug}",
                    headers={"If-None-Match": page.headers["etag"]}).status_code == 304
    site.store.set_status(site.slugs["march"], "cancelled", actor="test")
    assert site.get("/", headers={"If-None-Match": etag}).status_code == 200


def test_language_from_header_cookie_and_switch(site: Any) -> None:
    assert "Upcoming events" in site.get("/").text
    fr = site.get("/", headers={"Accept-Language": "fr-BE,fr;q=0.9,en;q=0.5"})
    assert "Événements à venir" in fr.text and fr.headers["content-language"] == "fr"
    assert '<html lang="fr">' in fr.text
    nl = site.get("/", headers={"Accept-Language": "de, nl;q=0.8"})
    assert "Komende activiteiten" in nl.text
    switch = site.get("/lang/nl?next=/map%3Fkind%3Drally", follow_redirects=False)
    assert switch.status_code == 303 and switch.headers["location"] == "/map?kind=rally"
    assert "affiche_lang=nl" in switch.headers["set-cookie"]
    assert "Kaart van de komende activiteiten" in site.get("/map").text   # the cookie is kept
    assert "Kaart" in site.get("/", headers={"Accept-Language": "fr"}).text  # cookie wins
    assert site.get("/lang/de").status_code == 404


def test_language_switch_never_redirects_off_site(site: Any) -> None:
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"):
        answer = site.get("/lang/fr", params={"next": target}, follow_redirects=False)
        assert answer.headers["location"] == "/", target


def test_dates_on_pages_follow_the_locale(site: Any) -> None:
    from affiche.web.render import format_moment
    from tests.web_fixtures import at

    slug = site.slugs["rally"]
    for lang in ("fr", "nl", "en"):
        html = site.get(f"/events/{slug}", headers={"Accept-Language": lang}).text
        expected = format_moment(at(5, 14), "Europe/Brussels", lang)
        assert expected.replace("'", "&#39;") in html, lang


def test_server_error_page_has_no_traceback(tmp_path: Path) -> None:
    store, app, _ = agenda(tmp_path)
    from starlette.routing import Route

    def boom(request: Any) -> Any:
        raise RuntimeError("secret detail")

    app.router.routes.insert(0, Route("/boom", boom))
    client = TestClient(app, raise_server_exceptions=False)
    page = client.get("/boom")
    assert page.status_code == 500
    assert "secret detail" not in page.text and "Traceback" not in page.text
    assert "Something went wrong" in page.text
    assert "content-security-policy" in page.headers
    store.close()


def test_static_assets_are_served_with_their_licence(site: Any) -> None:
    assert site.get("/static/agenda.css").status_code == 200
    assert site.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert "BSD" in site.get("/static/vendor/leaflet/LICENSE").text or \
        "Redistribution" in site.get("/static/vendor/leaflet/LICENSE").text
    assert site.get("/static/../settings.py").status_code == 404


def test_pages_with_a_session_cookie_are_never_cached(site: Any) -> None:
    from affiche.web import pages

    site.get("/?kind=march")
    before = len(pages._pages._items)
    site.cookies.set("session", "editor-x")
    html = site.get("/?kind=rally").text
    assert "Rassemblement" in html
    assert len(pages._pages._items) == before
    site.cookies.clear()
    site.get("/?kind=rally")
    assert len(pages._pages._items) == before + 1


def test_anonymous_pages_may_lag_the_store_by_the_freshness_only(tmp_path: Path) -> None:
    store, app, slugs = agenda(tmp_path, freshness=3600)
    client = TestClient(app)
    etag = client.get("/").headers["etag"]
    store.set_status(slugs["march"], "cancelled", actor="test")
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 304   # within 1 h
    client.cookies.set("session", "editor")
    fresh = client.get("/", headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and "Cancelled" in fresh.text             # an editor: now
    store.close()


def test_an_undated_event_is_listed_last_and_left_out_of_the_calendar(site: Any) -> None:
    from affiche.model import Event, Place

    stored = site.store.add(Event(title="Permanence juridique", kind="meeting",
                                  place=Place(locality="Bruxelles")), status="published")
    html = site.get("/").text
    assert "Date to be announced" in html
    assert html.index("Zine-making") < html.index("Permanence juridique")
    assert "Permanence juridique" not in site.get("/events.ics").text
    page = site.get(f"/events/{stored.slug}")
    assert page.status_code == 200 and "Date to be announced" in page.text
    assert "Add to calendar" not in page.text              # nothing to add to a calendar
