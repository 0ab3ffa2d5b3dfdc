"""The agenda's pages and feeds on PostgreSQL (a throwaway cluster from tests/pg.py; skipped,
with the reason, when its binaries are missing): search, filters, feeds, status changes."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("affiche.store")
import icalendar  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from tests.web_fixtures import agenda  # noqa: E402


def test_agenda_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    store, app, slugs = agenda(tmp_path, database=postgres_url)
    client = TestClient(app)
    html = client.get("/").text
    assert "Rassemblement devant le centre fermé" in html and "Pas encore modéré" not in html
    assert "Mars voor" in client.get("/?q=klimaat").text
    assert "Mars voor" not in client.get("/?q=zine").text
    assert "Zine-making" in client.get("/?locality=LIEGE").text
    assert "Assemblée de quartier" in client.get("/?past=1").text
    page = client.get(f"/events/{slugs['rally']}")
    assert page.status_code == 200 and "Gare de Nossegem" in page.text
    store.set_status(slugs["rally"], "cancelled", actor="test", reason="Storm")
    calendar = icalendar.Calendar.from_ical(client.get("/events.ics").text)
    statuses = {str(e["summary"]): str(e["status"]) for e in calendar.walk("VEVENT")}
    assert statuses["Rassemblement devant le centre fermé"] == "CANCELLED"
    events = client.get("/events.json?kind=march").json()["events"]
    assert [e["title"] for e in events] == ["Mars voor het klimaat"]
    store.close()
