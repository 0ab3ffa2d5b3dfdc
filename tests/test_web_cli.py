"""`affiche serve`'s bad inputs end in one line and exit 2; the example loader is idempotent."""

from __future__ import annotations

import datetime as dt
import re
import socket
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from affiche.cli import main

pytest.importorskip("affiche.store")


def test_serve_is_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--host", "--port", "--database", "--tiles", "--base-url"):
        assert option in out


def test_serve_refuses_a_port_in_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(["serve", "--port", str(port), "--database",
                     f"sqlite:///{tmp_path / 'a.db'}"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == f"affiche: error: 127.0.0.1:{port} is already in use; give another --port"


@pytest.mark.parametrize(("args", "words"), [
    (["--tiles", "ftp://tiles/{z}/{x}/{y}"], "tile URL"),
    (["--tiles", "https://tiles.example.org/tile.png"], "tile URL"),
    (["--base-url", "agenda.example.org"], "base URL"),
])
def test_serve_bad_settings(args: list[str], words: str, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["serve", "--database", f"sqlite:///{tmp_path / 'a.db'}", *args])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("affiche: error: ") and words in err
    assert len(err.strip().splitlines()) == 1


def test_example_calls_load_once_and_are_upcoming(tmp_path: Path) -> None:
    from affiche.store import Filters, Store
    from affiche.web.demo import load_examples

    reference = dt.datetime(2026, 3, 2, tzinfo=ZoneInfo("Europe/Brussels"))  # a Monday
    store = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    first = load_examples(store, reference=reference)
    again = load_examples(store, reference=reference)
    assert first == again and len(first) == 5
    items, total = store.list(Filters(past=True), limit=50)
    assert total == 5
    assert {item.event.language for item in items} == {"fr", "nl", "en"}
    for item in items:
        assert item.status == "published"
        start = item.event.start
        assert isinstance(start, dt.datetime) and reference < start < reference + dt.timedelta(21)
    assert any(item.event.meeting_points for item in items)
    store.close()


def test_example_loader_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from affiche.web.demo import main as demo

    database = f"sqlite:///{tmp_path / 'demo.db'}"
    assert demo(["--database", database, "--reference", "2026-03-02"]) == 0
    assert "5 example events" in capsys.readouterr().out
    assert demo(["--database", database, "--reference", "2026-13-02"]) == 2
    assert capsys.readouterr().err.startswith("affiche: error: ")


ORIGIN = Path(__file__).resolve().parents[2] / "shared" / "examples" / "obspol-127bis.txt"


@pytest.mark.skipif(not ORIGIN.exists(), reason="../shared/examples (the origin call) is absent")
def test_the_origin_call_added_with_publish_is_on_every_route(tmp_path: Path) -> None:
    """Issue 11's "done when": `affiche add ORIGIN --publish`, then every route shows it."""
    from starlette.testclient import TestClient

    from affiche.web.app import create_app
    from affiche.web.settings import Settings

    database = f"sqlite:///{tmp_path / 'origin.db'}"
    assert main(["add", str(ORIGIN), "--publish", "--database", database,
                 "--reference", "2025-01-13"]) == 0
    client = TestClient(create_app(Settings(database=database)))
    home = client.get("/?past=1").text
    slug = re.findall(r'href="/events/([^"]+)"', home)[0]
    page = client.get(f"/events/{slug}").text
    assert "Group departure" in page and '>13:30</time>' in page and "Nossegem" in page
    assert "Train" in page and ">13:00</time>" in page
    assert slug in client.get("/map?past=1").text
    for feed in ("/events.ics", "/events.json", "/feed.atom", "/events.jsonld"):
        assert slug in client.get(feed + "?past=1").text, feed
