"""The agenda's feeds, parsed back with the libraries their readers use: iCalendar with
icalendar, Atom with feedparser, JSON-LD with pyld; filters, status changes, 304s."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("affiche.store")
import feedparser  # noqa: E402
import icalendar  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from tests.web_fixtures import agenda, at  # noqa: E402


@pytest.fixture()
def site(tmp_path: Path) -> Any:
    store, app, slugs = agenda(tmp_path)
    client = TestClient(app)
    client.slugs = slugs  # type: ignore[attr-defined]
    client.store = store  # type: ignore[attr-defined]
    yield client
    store.close()


def _vevents(text: str) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(c["summary"]): c for c in calendar.walk("VEVENT")}


def test_full_ics_feed(site: Any) -> None:
    answer = site.get("/events.ics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(answer.text)
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    events = _vevents(answer.text)
    assert set(events) == {"Rassemblement devant le centre fermé", "Mars voor het klimaat",
                           "Zine-making workshop"}
    rally = events["Rassemblement devant le centre fermé"]
    slug = site.slugs["rally"]
    assert str(rally["uid"]) == f"{slug}@agenda.example.org"
    assert rally["dtstart"].params["TZID"] == "Europe/Brussels"
    assert rally["dtstart"].dt == at(5, 14)
    assert str(rally["url"]) == f"https://agenda.example.org/events/{slug}"
    assert str(rally["status"]) == "CONFIRMED"
    assert int(rally["sequence"]) >= 0
    assert "Gare de Nossegem" in str(rally["description"])
    assert "Bruxelles-Midi" in str(rally["description"])
    workshop = events["Zine-making workshop"]
    assert workshop["dtstart"].dt == at(12, 0).date()    # all day: a DATE


def test_cancelled_event_stays_with_status_and_bumped_sequence(site: Any) -> None:
    slug = site.slugs["rally"]
    before = int(_vevents(site.get("/events.ics").text)
                 ["Rassemblement devant le centre fermé"]["sequence"])
    site.store.set_status(slug, "cancelled", actor="test", reason="Interdit par la commune")
    rally = _vevents(site.get("/events.ics").text)["Rassemblement devant le centre fermé"]
    assert str(rally["status"]) == "CANCELLED"
    assert int(rally["sequence"]) > before
    assert str(rally["uid"]) == f"{slug}@agenda.example.org"      # the same entry, updated
    assert "Interdit par la commune" in str(rally["description"])
    one = icalendar.Calendar.from_ical(site.get(f"/events/{slug}.ics").text)
    assert str(one.walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_postponed_event_moves_in_every_feed(site: Any) -> None:
    slug = site.slugs["march"]
    new = at(30, 11)
    site.store.set_status(slug, "postponed", actor="test", new_start=new.isoformat())
    event = _vevents(site.get("/events.ics").text)["Mars voor het klimaat"]
    assert event["dtstart"].dt == new
    graph = site.get("/events.jsonld").json()["@graph"]
    march = next(item for item in graph if item["name"] == "Mars voor het klimaat")
    assert march["eventStatus"] == "https://schema.org/EventRescheduled"
    assert march["previousStartDate"].startswith(at(8, 10).date().isoformat())
    feed = feedparser.parse(site.get("/feed.atom").text)
    entry = next(e for e in feed.entries if "Mars voor het klimaat" in e.title)
    assert entry.title.startswith("Rescheduled: ")


def test_single_event_ics(site: Any) -> None:
    slug = site.slugs["march"]
    answer = site.get(f"/events/{slug}.ics")
    assert answer.status_code == 200
    assert f'filename="{slug}.ics"' in answer.headers["content-disposition"]
    events = icalendar.Calendar.from_ical(answer.text).walk("VEVENT")
    assert len(events) == 1 and events[0]["dtend"].dt == at(8, 13)


def test_atom_feed(site: Any) -> None:
    answer = site.get("/feed.atom")
    assert answer.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(answer.text)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.id == "https://agenda.example.org/feed.atom"
    titles = [e.title for e in feed.entries]
    assert "Rassemblement devant le centre fermé" in titles and len(titles) == 3
    slug = site.slugs["rally"]
    entry = next(e for e in feed.entries if e.id == f"https://agenda.example.org/events/{slug}")
    assert entry.link == f"https://agenda.example.org/events/{slug}"
    site.store.set_status(slug, "cancelled", actor="test", reason="Storm")
    feed = feedparser.parse(site.get("/feed.atom").text)
    entry = next(e for e in feed.entries if e.id == f"https://agenda.example.org/events/{slug}")
    assert entry.title.startswith("Cancelled: ")
    assert "Storm" in entry.summary
    assert entry.updated_parsed is not None


def test_json_feed_is_contract_1_with_slug_and_url(site: Any) -> None:
    from affiche.model import Event

    answer = site.get("/events.json")
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.headers["access-control-allow-origin"] == "*"
    events = answer.json()["events"]
    assert [e["title"] for e in events] == ["Rassemblement devant le centre fermé",
                                            "Mars voor het klimaat", "Zine-making workshop"]
    first = events[0]
    assert first["slug"] == site.slugs["rally"]
    assert first["url"] == f"https://agenda.example.org/events/{site.slugs['rally']}"
    assert first["meeting_points"][0]["role"] == "group_departure"
    assert first["transport"][0]["from"] == "Bruxelles-Midi"
    from tests.web_fixtures import rally

    assert first["source_url"] is None
    first["url"] = first.pop("source_url")
    assert Event.from_dict(first).to_dict() == rally().to_dict()   # the event, unchanged


def test_jsonld_feed_expands_with_pyld(site: Any) -> None:
    from pyld import jsonld

    document = site.get("/events.jsonld").json()
    assert document["@context"] == "https://schema.org"
    assert len(document["@graph"]) == 3
    # Expand offline: give pyld the context inline instead of letting it fetch schema.org.
    context = {"@vocab": "https://schema.org/"}
    expanded = jsonld.expand({"@context": context, "@graph": document["@graph"]})
    names = {node["https://schema.org/name"][0]["@value"] for node in expanded
             if "https://schema.org/name" in node}
    assert "Mars voor het klimaat" in names
    types = {t for node in expanded for t in node.get("@type", [])}
    assert "https://schema.org/EducationEvent" in types


@pytest.mark.parametrize("path", ["/events.ics", "/feed.atom", "/events.json", "/events.jsonld"])
def test_feeds_take_the_filters(site: Any, path: str) -> None:
    text = site.get(f"{path}?kind=march").text
    assert "Mars voor het klimaat" in text and "Rassemblement" not in text
    text = site.get(f"{path}?past=1").text
    assert "Assemblée de quartier" in text
    text = site.get(f"{path}?q=zine").text
    assert "Zine-making" in text and "Mars voor" not in text
    bad = site.get(f"{path}?from=yesterday")
    assert bad.status_code == 400 and bad.text.startswith("400 Bad request: ")
    assert bad.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize("path", ["/events.ics", "/feed.atom", "/events.json", "/events.jsonld"])
def test_feeds_answer_304_until_something_changes(site: Any, path: str) -> None:
    first = site.get(path)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert site.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert site.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert site.get(path + "?kind=rally", headers={"If-None-Match": etag}).status_code == 200
    site.store.set_status(site.slugs["workshop"], "cancelled", actor="test")
    changed = site.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_event_ics_304(site: Any) -> None:
    slug = site.slugs["rally"]
    first = site.get(f"/events/{slug}.ics")
    assert site.get(f"/events/{slug}.ics",
                    headers={"If-None-Match": first.headers["etag"]}).status_code == 304


def test_head_requests(site: Any) -> None:
    for path in ("/", "/events.ics", "/events.json"):
        answer = site.head(path)
        assert answer.status_code == 200 and answer.content == b"", path


def test_feed_json_is_valid_even_with_hostile_text(tmp_path: Path) -> None:
    from affiche.model import Event, Place

    store, app, _ = agenda(tmp_path)
    store.add(Event(title='</script><script>alert(1)</script> "quoted"', kind="rally",
                    start=at(2, 12), place=Place(locality="Gent")), status="published")
    client = TestClient(app)
    events = client.get("/events.json").json()["events"]
    assert any(e["title"].startswith("</script>") for e in events)
    json.loads(client.get("/events.jsonld").text)
    icalendar.Calendar.from_ical(client.get("/events.ics").text)
    assert not feedparser.parse(client.get("/feed.atom").text).bozo
    store.close()


def test_feeds_compress_for_clients_that_accept_it(site: Any) -> None:

    plain = site.get("/events.ics", headers={"Accept-Encoding": "identity"})
    zipped = site.get("/events.ics", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.text == plain.text           # the client decompressed the same calendar
    assert zipped.headers["etag"] != plain.headers["etag"]
    assert site.get("/events.ics", headers={"Accept-Encoding": "gzip",
                                            "If-None-Match": zipped.headers["etag"]}
                    ).status_code == 304


def test_feed_window(site: Any) -> None:
    events = site.get("/events.json?limit=2").json()["events"]
    assert [e["title"] for e in events] == ["Rassemblement devant le centre fermé",
                                            "Mars voor het klimaat"]
    rest = site.get("/events.json?limit=2&offset=2").json()["events"]
    assert [e["title"] for e in rest] == ["Zine-making workshop"]
    assert site.get("/events.json?limit=0").status_code == 400
    assert site.get("/events.ics?offset=-1").status_code == 400


def test_calendar_reuses_unchanged_events_and_redoes_changed_ones(site: Any) -> None:
    from affiche.web import feeds

    feeds._vevents.clear()
    site.get("/events.ics")
    assert len(feeds._vevents) == 3
    site.store.set_status(site.slugs["rally"], "cancelled", actor="test")
    text = site.get("/events.ics").text
    assert len(feeds._vevents) == 4             # the cancelled revision is new, the others kept
    assert str(_vevents(text)["Rassemblement devant le centre fermé"]["status"]) == "CANCELLED"


def test_render_cache_makes_a_body_once_for_concurrent_requests() -> None:
    import threading
    import time

    from affiche.web.caching import RenderCache

    cache, made = RenderCache(size=2), []

    def make() -> bytes:
        made.append(1)
        time.sleep(0.05)
        return b"body"

    threads = [threading.Thread(target=cache.get, args=("k", make)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == [1] and cache.get("k", make) == b"body"
    cache.get("a", lambda: b"a")
    cache.get("b", lambda: b"b")
    assert cache.get("k", lambda: b"again") == b"again"     # the oldest was forgotten


def test_the_full_calendar_is_made_at_start_in_the_background(tmp_path: Path) -> None:
    import threading

    from affiche.web import feeds

    store, app, _ = agenda(tmp_path)
    feeds._vevents.clear()
    with TestClient(app) as client:
        for thread in threading.enumerate():
            if thread.name == "affiche-warm":
                thread.join(30)
        assert len(feeds._vevents) == 3                     # made before anyone asked
        answer = client.get("/events.ics", headers={"Accept-Encoding": "gzip"})
        assert answer.status_code == 200 and "Mars voor het klimaat" in answer.text
    store.close()
