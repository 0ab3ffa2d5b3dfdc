"""affiche batch --dedupe (one row per event, with all its sources) and --into-agenda."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from batch_inputs import REFERENCE, write_jsonl

from affiche.batch import Config, connect, run
from affiche.cli import parse_reference
from affiche.errors import InputError

SAME = [
    "Rassemblement devant la gare de Namur le samedi 22 février 2025 à 14h pour l'accueil "
    "des réfugiés.",
    "Samedi 22 février 2025, 14h : rassemblement pour l'accueil des réfugiés devant la gare "
    "de Namur. Venez nombreux !",
]
RECORD_SAME = ("Rassemblement pour l'accueil des réfugiés, gare de Namur, samedi 22 février "
               "2025 à 14h.")
OTHER = "Concert de soutien le samedi 22 février 2025 à 20h au Botanique à Bruxelles."
UNDATED = "Assemblée ouverte du collectif, à Liège : écrivez-nous à collectif@exemple.org."


@pytest.fixture(scope="module")
def client():
    """One local cluster of two workers for the module."""
    with connect(None, 2) as dask_client:
        yield dask_client


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """Three copies of one rally (two files, one JSON line), a concert the same day, a call
    without a date, and a bad line."""
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "namur-1.txt").write_text(SAME[0], encoding="utf-8")
    (folder / "namur-2.txt").write_text(SAME[1], encoding="utf-8")
    (folder / "concert.txt").write_text(OTHER, encoding="utf-8")
    records = write_jsonl(tmp_path / "records.jsonl", [
        {"id": "namur-3", "text": RECORD_SAME},
        {"id": "undated", "text": UNDATED},
    ])
    return [str(folder), str(records)]


def _config(**changes) -> Config:
    """A quiet config with the tests' reference date."""
    config = Config(reference=parse_reference(REFERENCE, "Europe/Brussels"), progress=False)
    for name, value in changes.items():
        setattr(config, name, value)
    return config


def test_dedupe_merges_the_same_event_into_one_row_with_all_sources(client, inputs,
                                                                     tmp_path):
    out = tmp_path / "events.parquet"
    outcome = run(inputs, out, _config(dedupe=True), client=client)
    assert outcome.merged == 2 and "2 duplicate events merged" in outcome.summary
    rows = pq.read_table(out).to_pylist()
    rallies = [r for r in rows if r["start"] == "2025-02-22T14:00:00+01:00"]
    assert len(rallies) == 1
    folder = Path(inputs[0])
    assert sorted(rallies[0]["sources"]) == sorted(
        [str(folder / "namur-1.txt"), str(folder / "namur-2.txt"), "namur-3"])
    concerts = [r for r in rows if r["kind"] == "concert"]
    assert len(concerts) == 1 and concerts[0]["sources"] == [str(folder / "concert.txt")]
    assert sum(1 for r in rows if r["error"]) == 2  # the bad JSON line and the text-less one
    # A resumed run knows every merged document as done.
    again = run(inputs, out, _config(dedupe=True, resume=True), client=client)
    assert again.counts.documents == 0 and again.counts.resumed == 7


def test_dedupe_without_duplicates_changes_nothing(client, inputs, tmp_path):
    plain, merged = tmp_path / "plain.parquet", tmp_path / "merged.parquet"
    only = [str(Path(inputs[0]) / "concert.txt"), str(Path(inputs[0]) / "namur-1.txt")]
    run(only, plain, _config(), client=client)
    outcome = run(only, merged, _config(dedupe=True), client=client)
    assert outcome.merged == 0
    key = lambda r: (r["doc_id"], r["event_index"])  # noqa: E731
    assert sorted(map(key, pq.read_table(plain).to_pylist())) == sorted(
        map(key, pq.read_table(merged).to_pylist()))


def test_dedupe_jsonl_keeps_one_event_listing_its_sources(client, inputs, tmp_path):
    out = tmp_path / "events.jsonl"
    run(inputs, out, _config(fmt="jsonl", dedupe=True), client=client)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 7  # one line per document still
    events = [e for line in lines for e in line["events"]]
    rallies = [e for e in events if e["start"] == "2025-02-22T14:00:00+01:00"]
    assert len(rallies) == 1 and len(rallies[0]["sources"]) == 3
    assert all(e["sources"] for e in events)


def test_into_agenda_stores_pending_events_once(client, inputs, tmp_path):
    from affiche.store import Store

    database = f"sqlite:///{tmp_path / 'agenda.db'}"
    out = tmp_path / "events.parquet"
    outcome = run(inputs, out, _config(database=database), client=client)
    store = Store(database)
    try:
        queue, total = store.queue(limit=100)
        assert total == outcome.stored == outcome.counts.events
        assert {s.status for s in queue} == {"pending"}
        concert = next(s for s in queue if s.event.kind == "concert")
        sources = store.sources(concert.slug)
        assert sources[0].kind == "file" and sources[0].filename == "concert.txt"
        assert "Botanique" in sources[0].text
        record = next(s for s in queue if s.event.start and s.event.start.hour == 14
                      and store.sources(s.slug)[0].kind == "text")
        assert "réfugiés" in store.sources(record.slug)[0].text
    finally:
        store.close()
    again = run(inputs, out, _config(database=database, overwrite=True), client=client)
    assert again.stored == 0
    store = Store(database)
    try:
        assert store.queue(limit=100)[1] == total
    finally:
        store.close()


def test_into_agenda_with_dedupe_merges_into_a_pending_duplicate(client, inputs, tmp_path):
    from affiche.store import Store

    database = f"sqlite:///{tmp_path / 'agenda.db'}"
    outcome = run(inputs, tmp_path / "e.parquet", _config(database=database, dedupe=True),
                  client=client)
    store = Store(database)
    try:
        queue, total = store.queue(limit=100)
        rallies = [s for s in queue if s.event.start and s.event.start.hour == 14]
        assert len(rallies) == 1 and total == outcome.stored
        assert len(store.sources(rallies[0].slug)) == 3
    finally:
        store.close()


def test_into_agenda_refuses_a_bad_database_url(inputs, tmp_path):
    with pytest.raises(InputError, match="database URL"):
        run(inputs, tmp_path / "e.parquet", _config(database="nonsense://"))
    assert not (tmp_path / "e.parquet").exists()
