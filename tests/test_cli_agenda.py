"""The editors' command line, in-process: add, queue, publish, reject, editors, export, import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from affiche.cli import main
from affiche.store import Filters, Store

CALL = """Assemblée ouverte du comité des locataires

Samedi 14 mars 2026 à 15h, salle des fêtes, rue de la Station 12, 4000 Liège.
Ordre du jour : les charges, le chauffage, la suite de la campagne.
Contact : locataires@example.org
"""

OTHER_CALL = """Concert de soutien à la grève des nettoyeuses

Vendredi 20 mars 2026 à 20h au Centre culturel, place du Marché 3, 5000 Namur.
Entrée libre, chapeau pour la caisse de grève.
"""


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh SQLite agenda, also the default of every command through $AFFICHE_DATABASE."""
    url = f"sqlite:///{tmp_path}/agenda.db"
    monkeypatch.setenv("AFFICHE_DATABASE", url)
    monkeypatch.delenv("AFFICHE_EDITOR_PASSWORD", raising=False)
    return url


@pytest.fixture
def calls(tmp_path: Path) -> tuple[Path, Path]:
    """Two calls of our own as text files."""
    first, second = tmp_path / "assemblee.txt", tmp_path / "concert.txt"
    first.write_text(CALL, encoding="utf-8")
    second.write_text(OTHER_CALL, encoding="utf-8")
    return first, second


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    """Run affiche in-process: the exit code, the lines of stdout, stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_add_prints_slugs_and_keeps_the_source(db: str, calls: tuple[Path, Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(capsys, "add", str(calls[0]), "--reference", "2026-03-01",
                           "--tag", "Logement")
    assert code == 0, err
    assert lines == ["2026-03-14-assemblee-ouverte-du-comite-des-locataires-liege"]
    with Store(db) as store:
        stored = store.get(lines[0])
        assert stored.status == "pending" and stored.tags == ["logement"]
        assert stored.event.place.locality == "Liège"
        [source] = store.sources(lines[0])
        assert source.kind == "file" and source.filename == "assemblee.txt"
        assert source.text.startswith("Assemblée ouverte") and source.content == CALL.encode()


def test_add_refuses_a_duplicate_unless_allowed(db: str, calls: tuple[Path, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    _, [slug], _ = run(capsys, "add", str(calls[0]), "--reference", "2026-03-01")
    code, lines, err = run(capsys, "add", str(calls[0]), "--reference", "2026-03-01")
    assert code == 0 and lines == []
    assert f"already in the agenda as {slug}" in err and err.count("\n") == 1
    code, lines, _ = run(capsys, "add", str(calls[0]), "--reference", "2026-03-01",
                         "--allow-duplicate")
    assert code == 0 and lines == [slug + "-2"]


def test_add_from_stdin_and_publish(db: str, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(OTHER_CALL.encode())))
    code, [slug], err = run(capsys, "add", "-", "--publish", "--reference", "2026-03-01")
    assert code == 0, err
    with Store(db) as store:
        assert store.get(slug).status == "published"
        assert store.sources(slug)[0].kind == "text"
    assert run(capsys, "queue")[1] == []


def test_add_bad_sources_and_options(db: str, calls: tuple[Path, Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(capsys, "add", "/no/such/call.txt", str(calls[1]),
                           "--reference", "2026-03-01")
    assert code == 2 and len(lines) == 1
    assert err.startswith("affiche: error: /no/such/call.txt")
    code, _, err = run(capsys, "add", str(calls[1]), "--timezone", "Mars/Olympus")
    assert code == 2 and err.startswith("affiche: error: --timezone")
    code, _, err = run(capsys, "add", str(calls[1]), "--database", "nonsense")
    assert code == 2 and err.startswith("affiche: error: database URL 'nonsense'")
    assert err.count("\n") == 1


def test_queue_publish_reject(db: str, calls: tuple[Path, Path],
                              capsys: pytest.CaptureFixture[str]) -> None:
    _, [first], _ = run(capsys, "add", str(calls[0]), "--reference", "2026-03-01")
    _, [second], _ = run(capsys, "add", str(calls[1]), "--reference", "2026-03-01")
    code, lines, _ = run(capsys, "queue")
    assert code == 0
    rows = [line.split("\t") for line in lines]
    assert [r[0] for r in rows] == [second, first]
    assert rows[1][1] == "2026-03-14 15:00" and rows[1][2].startswith("Assemblée ouverte")
    assert rows[1][3].endswith(("warning", "warnings"))
    code, lines, err = run(capsys, "publish", first, "no-such-slug")
    assert code == 2 and lines == [first]
    assert err == "affiche: error: no event 'no-such-slug' in the agenda\n"
    code, _, err = run(capsys, "reject", second)
    assert code == 2 and "--why" in err
    code, lines, _ = run(capsys, "reject", second, "--why", "Hors de notre région")
    assert code == 0 and lines == [second]
    with Store(db) as store:
        assert store.get(first).status == "published"
        assert store.get(second).status == "rejected"
        assert store.audit(second)[-1].detail["reason"] == "Hors de notre région"
        assert store.audit(second)[-1].actor.startswith("cli")
    assert run(capsys, "queue")[1] == []


def test_cancel_and_postpone(db: str, calls: tuple[Path, Path],
                             capsys: pytest.CaptureFixture[str]) -> None:
    _, [slug], _ = run(capsys, "add", str(calls[0]), "--publish", "--reference", "2026-03-01")
    code, _, _ = run(capsys, "postpone", slug, "--to", "2026-03-21T15:00:00+01:00")
    assert code == 0
    code, _, err = run(capsys, "postpone", slug, "--to", "bientôt")
    assert code == 2 and err.startswith("affiche: error: new start")
    assert run(capsys, "cancel", slug, "--why", "Salle indisponible")[0] == 0
    with Store(db) as store:
        stored = store.get(slug)
    assert stored.status == "cancelled" and stored.status_note == "Salle indisponible"
    assert stored.previous_start == "2026-03-14T15:00:00+01:00"


def test_editor_add_with_the_environment_password(db: str, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFFICHE_EDITOR_PASSWORD", "une phrase assez longue")
    code, lines, _ = run(capsys, "editor", "add", "fatima")
    assert code == 0 and lines == ["editor fatima created"]
    with Store(db) as store:
        assert store.check_editor("fatima", "une phrase assez longue") is not None
    code, _, err = run(capsys, "editor", "add", "fatima")
    assert code == 2 and err == "affiche: error: editor 'fatima' exists already\n"


def test_editor_add_without_a_terminal_is_a_clear_error(db: str,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(capsys, "editor", "add", "omar")
    assert code == 2
    assert err.startswith("affiche: error: no terminal") and "AFFICHE_EDITOR_PASSWORD" in err


def test_editor_add_asks_twice_on_a_terminal(db: str, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked: list[dict[str, object]] = []

    def prompt(text: str, **kw: object) -> str:
        asked.append({"text": text, **kw})
        return "mot de passe solide"

    monkeypatch.setattr("sys.stdin", Terminal(""))
    monkeypatch.setattr("click.prompt", prompt)
    assert run(capsys, "editor", "add", "lea")[0] == 0
    assert asked[0]["hide_input"] is True and asked[0]["confirmation_prompt"]
    with Store(db) as store:
        assert store.check_editor("lea", "mot de passe solide") is not None
    monkeypatch.setattr("click.prompt", lambda text, **kw: "court")
    code, _, err = run(capsys, "editor", "add", "noa")
    assert code == 2 and "at least 8" in err


@pytest.fixture
def agenda(db: str, calls: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Two published events; the concert is then cancelled."""
    _, [first], _ = run(capsys, "add", str(calls[0]), "--publish", "--reference", "2026-03-01")
    _, [second], _ = run(capsys, "add", str(calls[1]), "--publish", "--reference", "2026-03-01",
                         "--tag", "grève")
    run(capsys, "cancel", second, "--why", "Reporté à l'automne")
    return [first, second]


def test_export_ics_carries_identity_sequence_and_status(agenda: list[str],
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    code, lines, _ = run(capsys, "export", "--format", "ics", "--past",
                         "--base-url", "https://agenda.example.org/")
    assert code == 0
    calendar = icalendar.Calendar.from_ical("\n".join(lines))
    events = {str(v["uid"]): v for v in calendar.walk("VEVENT")}
    assert set(events) == {f"{slug}@agenda.example.org" for slug in agenda}
    concert = events[f"{agenda[1]}@agenda.example.org"]
    assert str(concert["status"]) == "CANCELLED" and int(concert["sequence"]) == 1
    assert str(concert["url"]) == f"https://agenda.example.org/events/{agenda[1]}"
    meeting = events[f"{agenda[0]}@agenda.example.org"]
    assert meeting["dtstart"].dt == dt.datetime(2026, 3, 14, 15, tzinfo=ZoneInfo("Europe/Brussels"))
    assert str(meeting["status"]) == "CONFIRMED"


def test_export_json_is_contract_4(agenda: list[str], capsys: pytest.CaptureFixture[str],
                                   tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    assert run(capsys, "export", "--format", "json", "--past", "-o", str(out))[0] == 0
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert [e["slug"] for e in payload["events"]] == agenda
    first = payload["events"][0]
    assert first["url"] == f"http://127.0.0.1:8000/events/{agenda[0]}"
    assert first["title"].startswith("Assemblée ouverte") and first["start"].startswith(
        "2026-03-14T15:00")
    assert payload["events"][1]["status"] == "cancelled"
    assert payload["events"][1]["tags"] == ["grève"]


def test_export_jsonld_atom_csv_and_filters(agenda: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _, lines, _ = run(capsys, "export", "--format", "jsonld", "--past")
    graph = json.loads("\n".join(lines))["@graph"]
    assert {item["url"].rsplit("/", 1)[1] for item in graph} == set(agenda)
    assert [item["eventStatus"].rsplit("/", 1)[1] for item in graph] == [
        "EventScheduled", "EventCancelled"]
    _, lines, _ = run(capsys, "export", "--format", "atom", "--past")
    feed = ET.fromstring("\n".join(lines).encode())
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 2
    _, lines, _ = run(capsys, "export", "--format", "csv", "--past", "--locality", "namur")
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert [r["slug"] for r in rows] == [agenda[1]]
    assert rows[0]["locality"] == "Namur" and rows[0]["status"] == "cancelled"
    _, lines, _ = run(capsys, "export", "--format", "csv", "--past", "--q", "comité locataires")
    assert len(lines) == 2 and lines[1].startswith(agenda[0])
    _, lines, err = run(capsys, "export", "--format", "json")  # both are past by now
    assert json.loads("\n".join(lines)) == {"events": []} and "no event matches" in err


def test_export_bad_values_are_one_line_errors(agenda: list[str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    for argv, start in [(["--from", "demain"], "affiche: error: from 'demain'"),
                        (["--base-url", "agenda"], "affiche: error: --base-url"),
                        (["--from", "2026-03-10", "--to", "2026-03-01"], "affiche: error: to")]:
        code, _, err = run(capsys, "export", "--format", "ics", *argv)
        assert code == 2 and err.startswith(start) and err.count("\n") == 1
    code, _, err = run(capsys, "export", "--format", "pdf")
    assert code == 2 and err.startswith("affiche: error:")


def _feed(path: Path) -> None:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//tests//other agenda//FR")
    calendar.add("version", "2.0")
    zone = ZoneInfo("Europe/Paris")
    for uid, title, start, status in [
            ("a1@other.example", "Ciné-débat sur le logement", dt.datetime(2026, 4, 2, 19, 30,
                                                                            tzinfo=zone), None),
            ("a2@other.example", "Marche pour le climat", dt.datetime(2026, 4, 5, 14, 0,
                                                                      tzinfo=zone), "CANCELLED"),
            ("a3@other.example", "Journée portes ouvertes", dt.date(2026, 4, 11), None),
            ("a4@other.example", "Permanence juridique", dt.datetime(2026, 4, 7, 16, 0,
                                                                    tzinfo=dt.UTC), None)]:
        vevent = icalendar.Event()
        vevent.add("uid", uid)
        vevent.add("summary", title)
        vevent.add("dtstart", start)
        if isinstance(start, dt.datetime):
            vevent.add("dtend", start + dt.timedelta(hours=2))
        else:
            vevent.add("dtend", start + dt.timedelta(days=1))
        vevent.add("location", "Maison du peuple, rue Haute 5, 69001 Lyon")
        vevent.add("description", "Entrée libre.")
        vevent.add("url", f"https://other.example/{uid.split('@')[0]}")
        if status:
            vevent.add("status", status)
        if uid.startswith("a4"):
            vevent.add("rrule", {"freq": "weekly", "count": 4})
        calendar.add_component(vevent)
    path.write_bytes(calendar.to_ical())


def test_import_ics_is_idempotent(db: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "other.ics"
    _feed(feed)
    code, slugs, err = run(capsys, "import", str(feed))
    assert code == 0, err
    assert len(slugs) == 4
    code, again, err = run(capsys, "import", str(feed))
    assert code == 0 and again == slugs and err.count("imported before") == 4
    with Store(db) as store:
        items, total = store.queue()
        assert total == 4
        cine = store.get(slugs[0]).event
        assert cine.title == "Ciné-débat sur le logement" and cine.timezone == "Europe/Paris"
        assert cine.start == dt.datetime(2026, 4, 2, 19, 30, tzinfo=ZoneInfo("Europe/Paris"))
        assert cine.end == dt.datetime(2026, 4, 2, 21, 30, tzinfo=ZoneInfo("Europe/Paris"))
        assert (cine.place.name, cine.place.street, cine.place.postcode,
                cine.place.locality) == ("Maison du peuple", "rue Haute 5", "69001", "Lyon")
        assert cine.url == "https://other.example/a1" and cine.description == "Entrée libre."
        marche = store.get(slugs[1]).event
        assert marche.warning_codes() == ["cancelled_at_source"]
        day = store.get(slugs[2]).event
        assert day.start == dt.date(2026, 4, 11) and day.end is None and day.all_day
        assert store.sources(slugs[0])[0].media_type == "text/calendar"
        weekly = store.get(slugs[3]).event
        assert weekly.timezone == "Europe/Brussels" and weekly.warning_codes() == ["recurring"]
        assert weekly.start == dt.datetime(2026, 4, 7, 18, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def test_import_ics_published_keeps_cancellations(db: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "other.ics"
    _feed(feed)
    _, slugs, _ = run(capsys, "import", str(feed), "--publish", "--tag", "lyon")
    with Store(db) as store:
        assert [store.get(s).status for s in slugs] == ["published", "cancelled", "published",
                                                        "published"]
        assert store.get(slugs[0]).tags == ["lyon"]


def test_export_json_imports_back_unchanged(agenda: list[str], db: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / "agenda.json"
    run(capsys, "export", "--format", "json", "--past", "-o", str(exported))
    other = f"sqlite:///{tmp_path}/other.db"
    code, slugs, err = run(capsys, "import", str(exported), "--publish", "--database", other)
    assert code == 0, err
    assert slugs == agenda
    with Store(db) as mine, Store(other) as theirs:
        for slug in agenda:
            assert theirs.get(slug).event.to_dict() == mine.get(slug).event.to_dict()
        assert theirs.get(agenda[1]).status == "cancelled"
        assert theirs.list(Filters(past=True))[1] == 2
    assert run(capsys, "import", str(exported), "--database", other)[1] == slugs


def test_import_bad_files(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.ics"
    junk.write_text("BEGIN:VCALENDAR\nthis is not right\n", encoding="utf-8")
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"events": [1, 2]}', encoding="utf-8")
    for path, words in [(tmp_path / "missing.ics", "no such file"), (junk, "iCalendar"),
                        (text, "give an iCalendar"), (bad_json, "event 1 is not an object"),
                        (tmp_path, "is a directory")]:
        code, _, err = run(capsys, "import", str(path))
        assert code == 2 and err.startswith("affiche: error:") and words in err, err
        assert err.count("\n") == 1


def test_editor_password_and_list(db: str, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFFICHE_EDITOR_PASSWORD", "premier mot de passe")
    run(capsys, "editor", "add", "sam")
    with Store(db) as store:
        for _ in range(5):
            store.check_editor("sam", "faux")
    code, lines, _ = run(capsys, "editor", "list")
    assert code == 0 and lines[0].startswith("sam\t") and "locked until" in lines[0]
    monkeypatch.setenv("AFFICHE_EDITOR_PASSWORD", "second mot de passe")
    assert run(capsys, "editor", "password", "sam")[0] == 0
    with Store(db) as store:
        assert store.check_editor("sam", "second mot de passe") is not None
        assert store.check_editor("sam", "premier mot de passe") is None
    assert run(capsys, "editor", "list")[1][0].endswith("\tactive")
    code, _, err = run(capsys, "editor", "password", "personne")
    assert code == 2 and err == "affiche: error: no editor 'personne'\n"


def test_import_update_follows_the_other_agenda(db: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "other.ics"
    _feed(feed)
    _, slugs, _ = run(capsys, "import", str(feed), "--publish")
    code, again, err = run(capsys, "import", str(feed), "--publish", "--update")
    assert code == 0 and again == slugs and err.count("unchanged") == 4
    calendar = icalendar.Calendar.from_ical(feed.read_bytes())
    first, _, third, _ = calendar.walk("VEVENT")
    first["summary"] = icalendar.vText("Ciné-débat sur le droit au logement")
    third.add("status", "CANCELLED")
    feed.write_bytes(calendar.to_ical())
    code, again, err = run(capsys, "import", str(feed), "--publish", "--update")
    assert code == 0 and again == slugs
    assert f"{slugs[0]}: updated" in err and f"{slugs[2]}: cancelled" in err
    with Store(db) as store:
        assert store.get(slugs[0]).event.title == "Ciné-débat sur le droit au logement"
        assert store.get(slugs[0]).slug == slugs[0]
        assert store.get(slugs[2]).status == "cancelled"
    code, _, err = run(capsys, "import", str(feed), "--publish")
    assert err.count("left as it is") == 4
