"""No stored text can become markup: an event with a script in every field is shown as text on
every page, its links are never javascript:, and its JSON islands cannot be closed early."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("affiche.store")
from starlette.testclient import TestClient  # noqa: E402

from affiche.model import Contact, Event, MeetingPoint, Place, Transport  # noqa: E402
from tests.web_fixtures import agenda, at  # noqa: E402

X = '<img src=x onerror=alert(1)>"\'</script><script>alert(2)</script>'


def _hostile() -> Event:
    return Event(
        title=f"T{X}", kind="rally", start=at(4, 15), end=at(4, 17),
        place=Place(name=f"N{X}", street=f"S{X}", postcode="1000", locality=f"L{X}",
                    lat=50.85, lon=4.35, precision="address"),
        meeting_points=[MeetingPoint(role="meeting", time=at(4, 14),
                                     place=Place(name=f"MP{X}", lat=50.86, lon=4.36),
                                     note=f"note{X}")],
        transport=[Transport(mode="bus", origin=f"O{X}", destination=f"D{X}", note=f"TN{X}")],
        contacts=[Contact("email", f'a"b{X}@ex<ample>.org'), Contact("url", "javascript:alert(3)"),
                  Contact("social", f"@who{X}"), Contact("phone", f"+32 2 {X}")],
        organisers=[f"O{X}"], language="fr", url="javascript:alert(4)",
        description=f"D{X}\n\nsecond{X}",
    )


@pytest.fixture()
def site(tmp_path: Path) -> Any:
    store, app, slugs = agenda(tmp_path)
    stored = store.add(_hostile(), status="published", tags=[f"tag{X}"], actor="test")
    store.set_status(stored.slug, "cancelled", actor="test", reason=f"why{X}")
    client = TestClient(app)
    client.slug = stored.slug  # type: ignore[attr-defined]
    yield client
    store.close()


def _assert_inert(html: str, where: str) -> None:
    assert "<img src=x" not in html, where
    assert "<script>alert" not in html, where
    for href in re.findall(r'(?:href|src)="([^"]*)"', html):
        assert not href.strip().lower().startswith(("javascript:", "data:")), (where, href)
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    for attrs, body in scripts:
        if "application/" in attrs:
            json.loads(body)      # closed only by its own end tag, and still valid JSON
        else:
            assert body.strip() == "", (where, attrs)


@pytest.mark.parametrize("path", ["/", "/?past=1", "/map", "/embed", "/subscribe?q=x"])
def test_lists_escape_every_field(site: Any, path: str) -> None:
    page = site.get(path)
    assert page.status_code == 200
    _assert_inert(page.text, path)


def test_event_page_escapes_every_field(site: Any) -> None:
    html = site.get(f"/events/{site.slug}").text
    _assert_inert(html, "event")
    assert "T&lt;img src=x onerror=alert(1)&gt;" in html        # shown, as text
    assert "why&lt;img" in html                                  # the cancellation reason
    assert "note&lt;img" in html and "TN&lt;img" in html and "D&lt;img" in html
    assert "javascript:alert(3)" in html                         # the contact, as plain text
    assert 'href="javascript' not in html
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert jsonld and json.loads(jsonld.group(1))["name"].startswith("T<img")


def test_search_query_is_escaped_in_the_form(site: Any) -> None:
    html = site.get("/", params={"q": X}).text
    _assert_inert(html, "search")
    assert 'value="&lt;img src=x' in html


def test_error_message_is_escaped(site: Any) -> None:
    page = site.get("/", params={"kind": X})
    assert page.status_code == 400
    _assert_inert(page.text, "error")
