"""The submission flow on /submit: read a call, check and correct it, send it to the editors."""

from __future__ import annotations

import io
import re

import pytest
from submitkit import CALL, ORIGIN, client, csrf_of, extract, form_values, make_app, press

from affiche.store import Filters


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def http(app):
    with client(app) as c:
        yield c


def store_of(app):
    return app.state.store


def test_form_has_the_contract_fields(http):
    page = http.get("/submit")
    assert page.status_code == 200
    for needle in ('<textarea id="text" name="text"', 'type="file" id="file" name="file"',
                   'type="url" id="url" name="url"', 'name="reference"',
                   'type="hidden" name="csrf"', 'name="website"'):
        assert needle in page.text
    assert "affiche_csrf" in page.headers.get("set-cookie", "")


def test_a_call_becomes_a_prefilled_form_with_warnings_and_candidates(http):
    page = extract(http)
    assert page.status_code == 200
    values = form_values(page.text)
    assert values["e0.start_date"] == "2025-01-18"
    assert values["e0.start_time"] == "15:00"
    assert values["e0.timezone"] == "Europe/Brussels"
    assert values["e0.place_locality"] == "Ixelles"
    assert "logement-pour-tous@example.org" in values["e0.contacts"]
    assert 'data-code="weekday_mismatch"' in page.text
    assert 'value="choose:0:2025-01-19T15:00:00+01:00"' in page.text
    assert "UTC+01:00" in page.text
    # the evidence of the start is highlighted in the escaped source
    assert re.search(r'<mark id="e0-src-start"[^>]*>samedi 19 à 15h</mark>', page.text)
    assert "confidence" in page.text


def test_choosing_a_candidate_sets_the_start_without_javascript(http):
    page = extract(http)
    again = press(http, page, "choose:0:2025-01-19T15:00:00+01:00")
    values = form_values(again.text)
    assert values["e0.start_date"] == "2025-01-19"
    assert values["e0.start_time"] == "15:00"
    assert re.search(r'class="choice current"[^>]*aria-pressed="true">[^<]*19', again.text)


def test_edits_survive_a_redraw_and_the_confirmation_stores_pending(http, app):
    page = extract(http)
    page = press(http, page, "refresh", **{"e0.title": "Logement : rassemblement",
                                           "e0.tags": "logement, Ixelles"})
    assert form_values(page.text)["e0.title"] == "Logement : rassemblement"
    done = press(http, page, "confirm", contact="me@example.net")
    assert done.status_code == 200
    assert "What happens next" in done.text
    items, total = store_of(app).queue()
    assert total == 1
    stored = items[0]
    assert stored.status == "pending"
    assert stored.event.title == "Logement : rassemblement"
    assert sorted(stored.tags) == ["ixelles", "logement"]
    assert stored.event.evidence.get("start")  # kept from the reading
    sources = store_of(app).sources(stored.slug)
    assert sources[0].kind == "text"
    assert "place Flagey" in sources[0].text
    assert sources[0].submitter_contact == "me@example.net"
    # the submitter's contact is for editors only: never on a public page or feed
    assert "me@example.net" not in http.get("/events.json?past=1").text


def test_confirming_twice_stores_once(http, app):
    page = extract(http)
    press(http, page, "confirm")
    press(http, page, "confirm")
    assert store_of(app).queue()[1] == 1


def test_events_can_be_removed_and_added(http, app):
    page = extract(http)
    page = press(http, page, "add")
    values = form_values(page.text)
    assert "e1.title" in values and values["e1.title"] == ""
    page = press(http, page, "remove:0")
    values = form_values(page.text)
    assert "e0.title" not in values and "e1.title" in values
    # the added, empty event must be filled in before it can be sent
    refused = press(http, page, "confirm")
    assert refused.status_code == 400
    assert "This field is needed." in refused.text
    done = press(http, refused, "confirm", **{"e1.title": "Assemblée de quartier",
                                              "e1.start_date": "2025-02-01",
                                              "e1.start_time": "19h30"})
    assert done.status_code == 200
    (item,), _ = store_of(app).queue()
    assert item.event.title == "Assemblée de quartier"
    assert item.event.start.isoformat() == "2025-02-01T19:30:00+01:00"


def test_no_event_found_gives_an_empty_form_with_the_text_kept(http, app):
    text = "Merci à toutes et à tous pour votre soutien, à bientôt !"
    page = extract(http, text=text)
    assert page.status_code == 200
    assert "No event could be read" in page.text
    assert form_values(page.text)["e0.title"] == ""
    assert "Merci à toutes et à tous" in page.text
    done = press(http, page, "confirm", **{"e0.title": "Fête de soutien",
                                           "e0.start_date": "2025-03-08"})
    assert done.status_code == 200
    (item,), _ = store_of(app).queue()
    assert store_of(app).sources(item.slug)[0].text.startswith("Merci")
    assert item.event.all_day


def test_bad_values_are_shown_not_lost(http):
    page = extract(http)
    refused = press(http, page, "confirm", **{"e0.start_date": "18/01/2025",
                                              "e0.start_time": "25:99"})
    assert refused.status_code == 400
    values = form_values(refused.text)
    assert values["e0.start_date"] == "18/01/2025"
    assert "YYYY-MM-DD" in refused.text


def test_an_empty_submission_says_what_to_do(http):
    page = extract(http, text="   ")
    assert page.status_code == 400
    assert "paste the text of the call" in page.text


def test_a_bad_reference_date_is_a_clear_error(http):
    page = extract(http, reference="13/01/2025")
    assert page.status_code == 400
    assert "YYYY-MM-DD" in page.text
    assert CALL.splitlines()[0] in page.text  # the pasted text is kept in the form


def test_the_reference_date_is_used(http):
    page = extract(http, text="Rassemblement samedi à 15h place Flagey, Ixelles",
                   reference="2025-03-03")
    assert form_values(page.text)["e0.start_date"] == "2025-03-08"


def test_a_tampered_draft_is_refused(http):
    page = extract(http)
    data = form_values(page.text)
    data["draft"] = data["draft"][:-4] + "AAAA"
    data["action"] = "confirm"
    assert http.post("/submit", data=data).status_code == 400


def test_the_honeypot_drops_the_submission_quietly(http, app):
    page = extract(http)
    done = press(http, page, "confirm", website="http://spam.example")
    assert done.status_code == 200
    assert store_of(app).queue()[1] == 0


def test_the_submit_rate_limit_per_address(tmp_path):
    app = make_app(tmp_path, submit_limit=2)
    with client(app) as http:
        assert extract(http).status_code == 200
        assert extract(http).status_code == 200
        third = extract(http)
        assert third.status_code == 429
        assert "Retry-After" in third.headers


def test_a_duplicate_is_shown_beside_the_new_event(http, app):
    page = extract(http)
    press(http, page, "confirm")
    (first,), _ = store_of(app).queue()
    store_of(app).set_status(first.slug, "published", actor="test")
    again = extract(http)
    assert "Already in the agenda?" in again.text
    assert f'href="/events/{first.slug}"' in again.text


def test_the_origin_document(http, app):
    if not ORIGIN.exists():
        pytest.skip(f"{ORIGIN} is missing (../shared beside the clone)")
    page = extract(http, text=ORIGIN.read_text(encoding="utf-8"), reference="")
    values = form_values(page.text)
    assert values["e0.start_date"] == "2025-01-18"
    assert 'data-code="weekday_mismatch"' in page.text
    assert values["e0.mp0_role"] == "group_departure"
    assert values["e0.mp0_time"] == "13:30"
    assert values["e0.tr0_mode"] == "train"
    done = press(http, page, "choose:0:2025-01-18T14:00:00+01:00")
    done = press(http, done, "confirm")
    assert done.status_code == 200
    (item,), _ = store_of(app).queue()
    assert item.event.meeting_points[0].place.locality == "Nossegem"
    assert item.event.transport[0].departs.isoformat() == "2025-01-18T13:00:00+01:00"
    assert store_of(app).list(Filters())[1] == 0  # pending is not public


def test_a_text_file_upload(http, app):
    page = http.get("/submit")
    data = {"csrf": csrf_of(page.text), "action": "extract", "reference": "2025-01-13",
            "text": "Un autre appel collé par erreur"}
    files = {"file": ("appel.txt", io.BytesIO(CALL.encode()), "text/plain")}
    review = http.post("/submit", data=data, files=files)
    assert review.status_code == 200
    assert "only the file was read" in review.text
    assert form_values(review.text)["e0.place_locality"] == "Ixelles"
    press(http, review, "confirm")
    (item,), _ = store_of(app).queue()
    source = store_of(app).sources(item.slug)[0]
    assert (source.kind, source.filename, source.media_type) == ("file", "appel.txt",
                                                                 "text/plain")
    assert source.content == CALL.encode()


def test_redraws_keep_one_blank_row_for_a_new_meeting_point(http):
    page = extract(http)
    for _ in range(3):
        page = press(http, page, "refresh")
    assert page.text.count("Add a meeting point") == 1
    page = press(http, page, "refresh", **{"e0.mp0_name": "Gare du Midi", "e0.mp0_time": "13:00"})
    assert page.text.count("Add a meeting point") == 1
    assert form_values(page.text)["e0.mp0_name"] == "Gare du Midi"
