"""Moderation on /admin: login, the queue, edits, publish/reject/cancel/postpone, conflicts,
merges, and status changes reaching the feeds."""

from __future__ import annotations

import datetime as dt

import feedparser
import icalendar
import pytest
from submitkit import CALL, PASSWORD, client, csrf_of, extract, form_values, login, make_app, press

from affiche.model import Event, Place


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def http(app):
    with client(app) as c:
        yield c


def submitted(http, app, text=CALL, **changes):
    """Send a call through /submit and return the stored, pending event."""
    page = extract(http, text=text)
    assert press(http, page, "confirm", **changes).status_code == 200
    items, _ = app.state.store.queue()
    return items[0]


def open_edit(http, slug):
    page = http.get(f"/admin/events/{slug}")
    assert page.status_code == 200, page.text[:400]
    return page


def test_admin_needs_a_login(http):
    answer = http.get("/admin")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/admin/login?next=")
    assert http.post("/admin/events/x", data={}).status_code == 403


def test_login_sets_a_safe_session_cookie_and_logout_ends_it(http, app):
    answer = login(http, app.state.store)
    cookie = [c for c in answer.headers.get_list("set-cookie") if "affiche_session" in c][0]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    assert http.get("/admin").status_code == 200
    page = http.get("/admin")
    assert http.post("/admin/logout", data={"csrf": csrf_of(page.text)}).status_code == 303
    assert http.get("/admin").status_code == 303


def test_session_cookie_is_secure_over_https(tmp_path):
    app = make_app(tmp_path)
    with client(app, base_url="https://agenda.test") as http:
        answer = login(http, app.state.store)
        cookies = answer.headers.get_list("set-cookie")
        assert all("Secure" in c for c in cookies if "affiche_session" in c)


def test_wrong_password_is_refused(http, app):
    app.state.store.add_editor("ann", PASSWORD)
    page = http.get("/admin/login")
    answer = http.post("/admin/login", data={"csrf": csrf_of(page.text), "name": "ann",
                                             "password": "guess"})
    assert answer.status_code == 401
    assert "wrong name or password" in answer.text
    assert "affiche_session" not in answer.headers.get("set-cookie", "")


def test_the_next_page_after_login_never_leaves_the_site(http, app):
    app.state.store.add_editor("ann", PASSWORD)
    page = http.get("/admin/login?next=https://evil.example/")
    assert 'value="/admin"' in page.text
    answer = http.post("/admin/login", data={"csrf": csrf_of(page.text), "name": "ann",
                                             "password": PASSWORD, "next": "//evil.example"})
    assert answer.headers["location"] == "/admin"


def test_the_queue_lists_pending_newest_first_with_warnings(http, app):
    first = submitted(http, app)
    second = submitted(http, app, **{"e0.title": "Deuxième appel"})
    login(http, app.state.store)
    page = http.get("/admin")
    assert page.text.index(second.slug) < page.text.index(first.slug)
    # the weekday_mismatch warning, and uncertain_start when the calibrated confidence of a
    # start whose weekday disagrees is under its threshold
    codes = first.event.warning_codes()
    assert "weekday_mismatch" in codes
    assert f'class="badge warn">{len(codes)}<' in page.text


def test_the_edit_page_shows_the_source_beside_the_form(http, app):
    item = submitted(http, app, contact="submitter@example.net")
    login(http, app.state.store)
    page = open_edit(http, item.slug)
    assert '<mark id="e0-src-start"' in page.text
    assert "submitter@example.net" in page.text
    assert form_values(page.text, f"/admin/events/{item.slug}")["e0.start_date"] == "2025-01-18"


def test_publish_shows_the_event_on_the_agenda_and_in_the_feeds(http, app):
    item = submitted(http, app)
    login(http, app.state.store)
    page = open_edit(http, item.slug)
    done = press(http, page, "publish", path=f"/admin/events/{item.slug}")
    assert done.status_code == 303
    assert app.state.store.get(item.slug).status == "published"
    assert item.slug in http.get("/?past=1").text
    calendar = icalendar.Calendar.from_ical(http.get("/events.ics?past=1").content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [item.event.title]


def test_an_edit_is_saved_with_the_editor_in_the_audit_log(http, app):
    item = submitted(http, app)
    login(http, app.state.store)
    page = open_edit(http, item.slug)
    press(http, page, "save", path=f"/admin/events/{item.slug}",
          **{"e0.title": "Rassemblement pour le logement", "e0.place_name": "Place Flagey"})
    stored = app.state.store.get(item.slug)
    assert stored.event.title == "Rassemblement pour le logement"
    assert stored.event.place.name == "Place Flagey"
    assert any(a.actor == "ann" for a in app.state.store.audit(item.slug))


def test_reject_needs_a_reason_kept_in_the_audit_log(http, app):
    item = submitted(http, app)
    login(http, app.state.store)
    page = open_edit(http, item.slug)
    refused = press(http, page, "reject", path=f"/admin/events/{item.slug}")
    assert refused.status_code == 400
    assert app.state.store.get(item.slug).status == "pending"
    press(http, page, "reject", path=f"/admin/events/{item.slug}", reason="hors agenda")
    assert app.state.store.get(item.slug).status == "rejected"
    assert "hors agenda" in str([a.detail for a in app.state.store.audit(item.slug)])


def test_cancel_and_postpone_travel_to_the_feeds(http, app):
    item = submitted(http, app)
    login(http, app.state.store)
    path = f"/admin/events/{item.slug}"
    press(http, open_edit(http, item.slug), "publish", path=path)
    before = icalendar.Calendar.from_ical(http.get("/events.ics?past=1").content)
    sequence = int(next(iter(before.walk("VEVENT"))).get("SEQUENCE", 0))
    press(http, open_edit(http, item.slug), "postpone", path=path, postpone_date="2025-02-01",
          postpone_time="15:00")
    stored = app.state.store.get(item.slug)
    assert stored.status == "postponed"
    assert stored.event.start == dt.datetime(2025, 2, 1, 15, 0, tzinfo=stored.event.start.tzinfo)
    moved = next(iter(icalendar.Calendar.from_ical(
        http.get("/events.ics?past=1").content).walk("VEVENT")))
    assert moved["DTSTART"].dt.date() == dt.date(2025, 2, 1)
    assert int(moved["SEQUENCE"]) > sequence
    press(http, open_edit(http, item.slug), "cancel", path=path, reason="pluie")
    cancelled = next(iter(icalendar.Calendar.from_ical(
        http.get("/events.ics?past=1").content).walk("VEVENT")))
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(moved["SEQUENCE"])
    feed = feedparser.parse(http.get("/feed.atom?past=1").content)
    (entry,) = feed.entries
    assert entry.title.lower().startswith("cancelled")
    stored = app.state.store.get(item.slug)
    assert dt.datetime(*entry.updated_parsed[:6], tzinfo=dt.UTC) >= stored.updated.replace(
        microsecond=0)
    page = http.get(f"/events/{item.slug}")
    assert page.status_code == 200
    assert "Cancelled" in page.text and "pluie" in page.text


def test_two_editors_saving_the_same_version_get_a_conflict_and_lose_nothing(tmp_path):
    app = make_app(tmp_path)
    with client(app) as ann, client(app) as bob:
        item = submitted(ann, app)
        login(ann, app.state.store, "ann")
        login(bob, app.state.store, "bob")
        path = f"/admin/events/{item.slug}"
        page_ann = open_edit(ann, item.slug)
        page_bob = open_edit(bob, item.slug)
        assert press(ann, page_ann, "save", path=path,
                     **{"e0.title": "Titre d'Ann"}).status_code == 303
        conflict = press(bob, page_bob, "save", path=path, **{"e0.title": "Titre de Bob"})
        assert conflict.status_code == 409
        assert "Someone else changed this event" in conflict.text
        assert "Titre d&#39;Ann" in conflict.text  # the saved version is shown
        assert form_values(conflict.text, path)["e0.title"] == "Titre de Bob"  # nothing lost
        assert app.state.store.get(item.slug).event.title == "Titre d'Ann"
        # saving again from the conflict page is a deliberate overwrite
        assert press(bob, conflict, "save", path=path).status_code == 303
        assert app.state.store.get(item.slug).event.title == "Titre de Bob"


def test_a_duplicate_is_merged_in_one_click(http, app):
    store = app.state.store
    kept = store.add(Event(title="Rassemblement pour le droit au logement", kind="rally",
                           start=dt.datetime.fromisoformat("2025-01-18T15:00:00+01:00"),
                           place=Place(name="Place Flagey", locality="Ixelles", country="BE")),
                     status="published", actor="test")
    item = submitted(http, app)
    login(http, store)
    page = open_edit(http, item.slug)
    assert f'value="merge:{kept.slug}"' in page.text
    done = press(http, page, f"merge:{kept.slug}", path=f"/admin/events/{item.slug}")
    assert done.status_code == 303
    assert done.headers["location"].startswith(f"/admin/events/{kept.slug}")
    assert len(store.sources(kept.slug)) >= 1
    merged = store.get(kept.slug)
    assert merged.event.contacts  # the richer fields of the submission were kept


def test_uploads_are_shown_to_editors_only(http, app):
    import io

    from PIL import Image

    from affiche.store import SourceIn

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(picture, format="JPEG")
    store = app.state.store
    photo = store.add(Event(title="Affiche"), source=SourceIn(
        kind="file", text="", filename="flyer.jpg", media_type="image/jpeg",
        content=picture.getvalue()))
    pdf = store.add(Event(title="Tract"), source=SourceIn(
        kind="file", text="", filename="tract \"x\".pdf", media_type="application/pdf",
        content=b"%PDF-1.4 not really"))
    photo_url = f"/admin/sources/{photo.slug}/{store.sources(photo.slug)[0].id}"
    pdf_url = f"/admin/sources/{pdf.slug}/{store.sources(pdf.slug)[0].id}"
    assert http.get(photo_url).status_code == 303  # to the login page
    login(http, store)
    answer = http.get(photo_url)
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/jpeg"
    answer = http.get(pdf_url)
    assert answer.headers["content-type"] == "application/octet-stream"
    assert answer.headers["content-disposition"] == 'attachment; filename="tract__x_.pdf"'
    assert f'src="{photo_url}"' in http.get(f"/admin/events/{photo.slug}").text
    assert http.get(f"/admin/sources/{photo.slug}/999999").status_code == 404


def test_postpone_without_a_new_date(http, app):
    item = submitted(http, app)
    login(http, app.state.store)
    path = f"/admin/events/{item.slug}"
    press(http, open_edit(http, item.slug), "publish", path=path)
    done = press(http, open_edit(http, item.slug), "postpone", path=path)
    assert done.status_code == 303
    stored = app.state.store.get(item.slug)
    assert stored.status == "postponed"
    page = http.get(f"/events/{item.slug}")
    assert page.status_code == 200 and "Postponed" in page.text
    refused = press(http, open_edit(http, item.slug), "postpone", path=path,
                    postpone_date="1 février")
    assert refused.status_code == 400 and "YYYY-MM-DD" in refused.text


def test_an_edited_place_is_located_again(http, app):
    item = submitted(http, app)
    assert item.event.place.lat is not None
    login(http, app.state.store)
    press(http, open_edit(http, item.slug), "save", path=f"/admin/events/{item.slug}",
          **{"e0.place_name": "Place d'Armes", "e0.place_postcode": "5000",
             "e0.place_locality": "Namur"})
    place = app.state.store.get(item.slug).event.place
    assert place.locality == "Namur"
    assert place.lat is not None and 50.3 < place.lat < 50.6 and 4.7 < place.lon < 5.0
