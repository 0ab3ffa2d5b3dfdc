"""Every event the pipeline reads from the dev corpus comes back from the store unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from affiche import pipeline
from affiche.cli import parse_reference
from affiche.model import Event
from affiche.store import SourceIn, Store

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / \
    "announcements-dev.jsonl"


@pytest.fixture(scope="module")
def corpus_events() -> list[tuple[str, str, Event]]:
    """(document id, text, event) for every event the pipeline finds in the dev corpus."""
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not found (../shared must sit beside the clone)")
    found = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        options = pipeline.Options(lang=record.get("lang"))
        reference = parse_reference(record.get("reference"), options.timezone)
        _, events = pipeline.extract_text(record["text"], reference=reference,
                                          lang=record.get("lang"), source=record["id"],
                                          options=options)
        found += [(record["id"], record["text"], event) for event in events]
    assert len(found) > 150
    return found


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_corpus_events_round_trip_unchanged(backend: str, corpus_events: list,
                                            request: pytest.FixtureRequest,
                                            tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/corpus.db" if backend == "sqlite" \
        else request.getfixturevalue("postgres_url")
    store = Store(url)
    try:
        slugs = []
        for doc_id, text, event in corpus_events:
            stored = store.add(event, source=SourceIn(kind="text", text=text), actor=doc_id)
            slugs.append(stored.slug)
        assert len(set(slugs)) == len(slugs)
        for slug, (doc_id, _, event) in zip(slugs, corpus_events, strict=True):
            back = store.get(slug)
            assert back.event.to_dict() == event.to_dict(), doc_id
            assert back.warning_count == len(event.warnings)
    finally:
        store.close()
