"""The store on SQLite and on a real PostgreSQL: statuses, versions, audit, search, filters."""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest

from affiche.errors import InputError
from affiche.model import Contact, Event, MeetingPoint, Place, Transport, Warning
from affiche.store import (
    PUBLIC_STATUSES,
    ConflictError,
    Filters,
    NotFound,
    SourceIn,
    Store,
)

BXL = ZoneInfo("Europe/Brussels")
FAR = dt.datetime.now(BXL).year + 2


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: object) -> Store:
    """A new, empty store on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/agenda.db"
    else:
        url = request.getfixturevalue("postgres_url")
    opened = Store(url)
    request.addfinalizer(opened.close)
    return opened


def event(title: str = "Rassemblement devant la maison communale", day: int = 14,
          hour: int = 15, locality: str = "Liège", **kw: object) -> Event:
    """An event of our own, in March two years from now."""
    place = kw.pop("place", Place(name="Place Saint-Lambert", locality=locality, country="BE",
                                  lat=50.645, lon=5.573, precision="street"))
    return Event(title=title, kind=str(kw.pop("kind", "rally")),
                 start=dt.datetime(FAR, 3, day, hour, 0, tzinfo=BXL), place=place,
                 language=str(kw.pop("language", "fr")), **kw)  # type: ignore[arg-type]


def test_add_get_and_round_trip(store: Store) -> None:
    original = event(
        end=dt.datetime(FAR, 3, 14, 17, 30, tzinfo=BXL),
        meeting_points=[MeetingPoint(role="group_departure",
                                     time=dt.datetime(FAR, 3, 14, 14, 10, tzinfo=BXL),
                                     place=Place(name="Gare des Guillemins", locality="Liège",
                                                 precision="address"),
                                     note="départ groupé", evidence=(10, 30))],
        transport=[Transport(mode="bus", origin="Verviers", destination="Liège",
                             departs=dt.datetime(FAR, 3, 14, 13, 5, tzinfo=BXL))],
        contacts=[Contact(type="email", value="collectif@example.org", evidence=(40, 61))],
        organisers=["Collectif des locataires", "Front commun"],
        description="Pour des logements dignes.",
        warnings=[Warning(code="weekday_mismatch", message="jour ?",
                          candidates=[f"{FAR}-03-14", f"{FAR}-03-15"])],
        evidence={"start": (1, 9), "place": (12, 30)},
        field_confidence={"start": 0.9, "place": 0.75}, confidence=0.8123,
        url="https://example.org/appel")
    stored = store.add(original, source=SourceIn(kind="text", text="le texte de l'appel"),
                       tags=["Logement", " logement ", "Liège"])
    assert stored.status == "pending" and stored.version == 1 and stored.sequence == 0
    assert stored.slug == f"{FAR}-03-14-rassemblement-devant-la-maison-communale-liege"
    assert stored.tags == ["liège", "logement"]
    assert stored.warning_count == 1
    assert stored.created.tzinfo is not None
    back = store.get(stored.slug)
    assert back.event.to_dict() == original.to_dict()
    assert back.event.start == original.start
    [source] = store.sources(stored.slug)
    assert source.kind == "text" and source.text == "le texte de l'appel"
    [entry] = store.audit(stored.slug)
    assert entry.action == "add" and entry.actor == "cli" and entry.detail["status"] == "pending"


def test_all_day_and_undated_and_empty_events(store: Store) -> None:
    all_day = Event(title="Journée portes ouvertes", start=dt.date(FAR, 5, 1),
                    end=dt.date(FAR, 5, 2))
    undated = Event(title=None)
    first = store.add(all_day, status="published")
    second = store.add(undated, status="published")
    assert store.get(first.slug).event.to_dict() == all_day.to_dict()
    assert store.get(second.slug).event.to_dict() == undated.to_dict()
    assert second.slug == "other"
    listed, total = store.list(Filters())
    assert [s.slug for s in listed] == [first.slug, second.slug] and total == 2


def test_slugs_are_unique_and_stable_after_edits(store: Store) -> None:
    first = store.add(event())
    second = store.add(event())
    third = store.add(event())
    assert second.slug == first.slug + "-2" and third.slug == first.slug + "-3"
    changed = event(title="Tout autre titre", day=20)
    updated = store.update(first.slug, changed, version=first.version, actor="ed")
    assert updated.slug == first.slug
    assert store.get(first.slug).event.title == "Tout autre titre"


def test_binary_file_source_and_submitter_contact(store: Store) -> None:
    payload = bytes(range(256)) * 4
    stored = store.add(event(), source=SourceIn(kind="file", text="OCR text", filename="tract.png",
                                                media_type="image/png", content=payload,
                                                submitter_contact="me@example.org"))
    [source] = store.sources(stored.slug)
    assert source.content == payload and source.filename == "tract.png"
    assert source.submitter_contact == "me@example.org"
    with pytest.raises(InputError, match="source kind"):
        store.add(event(), source=SourceIn(kind="fax", text=""))


def test_idempotency_key_returns_the_first_event(store: Store) -> None:
    first = store.add(event(), key="feed:uid-1")
    again = store.add(event(title="Autre chose"), key="feed:uid-1")
    assert again.slug == first.slug and again.event.title == first.event.title
    assert store.get_by_key("feed:uid-1").slug == first.slug
    assert store.list(Filters(statuses=("pending",)))[1] == 1


def test_optimistic_locking_conflict_loses_nothing(store: Store) -> None:
    stored = store.add(event())
    mine = event(title="Titre de la première éditrice")
    theirs = event(title="Titre du second éditeur")
    saved = store.update(stored.slug, mine, version=stored.version, actor="alice")
    assert saved.version == stored.version + 1
    with pytest.raises(ConflictError) as conflict:
        store.update(stored.slug, theirs, version=stored.version, actor="bob")
    assert conflict.value.current is not None
    assert conflict.value.current.event.title == "Titre de la première éditrice"
    assert store.get(stored.slug).event.title == "Titre de la première éditrice"
    assert [e.actor for e in store.audit(stored.slug)] == ["cli", "alice"]
    with pytest.raises(ConflictError):
        store.set_status(stored.slug, "published", actor="bob", version=stored.version)


def test_concurrent_saves_of_one_version_one_wins(store: Store) -> None:
    stored = store.add(event())
    results: list[str] = []

    def save(name: str) -> None:
        try:
            store.update(stored.slug, event(title=f"par {name}"), version=stored.version,
                         actor=name)
            results.append("saved")
        except ConflictError:
            results.append("conflict")

    threads = [threading.Thread(target=save, args=(n,)) for n in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["conflict", "conflict", "saved"]
    final = store.get(stored.slug)
    assert final.version == stored.version + 1
    assert final.event.title in ("par a", "par b", "par c")


def test_update_without_change_keeps_the_version(store: Store) -> None:
    stored = store.add(event())
    same = store.update(stored.slug, event(), version=stored.version, actor="ed")
    assert same.version == stored.version
    retagged = store.update(stored.slug, event(), version=stored.version, actor="ed",
                            tags=["climat"])
    assert retagged.version == stored.version + 1 and retagged.tags == ["climat"]
    assert retagged.sequence == stored.sequence
    assert store.audit(stored.slug)[-1].detail == {"fields": ["tags"]}


def test_statuses_sequence_and_audit(store: Store) -> None:
    stored = store.add(event())
    published = store.set_status(stored.slug, "published", actor="ed")
    assert published.status == "published" and published.sequence == 1
    again = store.set_status(stored.slug, "published", actor="ed")
    assert again.version == published.version
    retitled = store.update(stored.slug, event(title="Nouveau titre"), version=again.version,
                            actor="ed")
    assert retitled.sequence == 1  # a title is no calendar change
    moved = store.update(stored.slug, event(title="Nouveau titre", hour=16),
                         version=retitled.version, actor="ed")
    assert moved.sequence == 2 and moved.previous_start == f"{FAR}-03-14T15:00:00+01:00"
    cancelled = store.set_status(stored.slug, "cancelled", actor="ed", reason="Pluie annoncée")
    assert cancelled.status == "cancelled" and cancelled.sequence == 3
    assert cancelled.status_note == "Pluie annoncée"
    actions = [(e.actor, e.action) for e in store.audit(stored.slug)]
    assert actions == [("cli", "add"), ("ed", "publish"), ("ed", "update"), ("ed", "update"),
                       ("ed", "cancel")]
    assert store.audit(stored.slug)[-1].detail["reason"] == "Pluie annoncée"
    assert store.audit(stored.slug)[3].detail == {"fields": ["start"]}


def test_reject_needs_a_reason_kept_in_the_audit(store: Store) -> None:
    stored = store.add(event())
    with pytest.raises(InputError, match="reason"):
        store.set_status(stored.slug, "rejected", actor="ed", reason="  ")
    rejected = store.set_status(stored.slug, "rejected", actor="ed", reason="Hors sujet")
    assert rejected.status == "rejected" and rejected.status_note == "Hors sujet"
    assert store.audit(stored.slug)[-1].detail == {"from": "pending", "to": "rejected",
                                                   "reason": "Hors sujet"}
    with pytest.raises(InputError, match="unknown"):
        store.set_status(stored.slug, "archived", actor="ed")
    with pytest.raises(NotFound):
        store.set_status("no-such-event", "published", actor="ed")


def test_postpone_moves_start_and_end_and_keeps_the_old_start(store: Store) -> None:
    stored = store.add(event(end=dt.datetime(FAR, 3, 14, 18, 0, tzinfo=BXL)), status="published")
    later = store.set_status(stored.slug, "postponed", actor="ed",
                             new_start=f"{FAR}-03-21T15:00:00+01:00")
    assert later.status == "postponed"
    assert later.previous_start == f"{FAR}-03-14T15:00:00+01:00"
    assert later.event.start == dt.datetime(FAR, 3, 21, 15, 0, tzinfo=BXL)
    assert later.event.end == dt.datetime(FAR, 3, 21, 18, 0, tzinfo=BXL)
    assert later.status_note == f"postponed from {FAR}-03-14T15:00:00+01:00"
    assert later.sequence == stored.sequence + 1
    assert later.slug == stored.slug
    assert store.list(Filters(start=dt.date(FAR, 3, 21), end=dt.date(FAR, 3, 21)))[1] == 1
    with pytest.raises(InputError, match="new start"):
        store.set_status(stored.slug, "postponed", actor="ed", new_start="next week")
    with pytest.raises(InputError, match="postponing"):
        store.set_status(stored.slug, "published", actor="ed", new_start=f"{FAR}-04-01")


def test_full_text_search_folds_accents(store: Store) -> None:
    store.add(event(title="Veillée pour les exilés", locality="Liège"), status="published")
    store.add(event(title="Fête de quartier à Schaerbeek", locality="Schaerbeek",
                    description="Musique, crêpes et jeux"), status="published")
    store.add(event(title="Betoging voor klimaatrechtvaardigheid", locality="Gent",
                    language="nl"), status="published")
    store.add(event(title="Veillée cachée"), status="pending")

    def found(q: str) -> list[str]:
        return sorted(s.event.title or "" for s in store.list(Filters(q=q))[0])

    assert found("veillee") == ["Veillée pour les exilés"]
    assert found("VEILLÉE exilés") == ["Veillée pour les exilés"]
    assert found("liege") == ["Veillée pour les exilés"]
    assert found("crepes") == ["Fête de quartier à Schaerbeek"]
    assert found("klimaat") == ["Betoging voor klimaatrechtvaardigheid"]
    assert found("fete schaer") == ["Fête de quartier à Schaerbeek"]
    assert found("veillée absent") == []
    # Search syntax of either engine is plain text here, never an error.
    assert found('"exilés" OR NEAR(-x) * :') == []
    assert found("!!!") == sorted(["Veillée pour les exilés", "Fête de quartier à Schaerbeek",
                                   "Betoging voor klimaatrechtvaardigheid"])


def test_search_follows_edits_and_tags(store: Store) -> None:
    stored = store.add(event(title="Réunion publique"), status="published")
    assert store.list(Filters(q="reunion"))[1] == 1
    store.update(stored.slug, event(title="Assemblée ouverte"), version=stored.version,
                 actor="ed", tags=["antifascisme"])
    assert store.list(Filters(q="reunion"))[1] == 0
    assert store.list(Filters(q="assemblee"))[1] == 1
    assert store.list(Filters(q="antifascisme"))[1] == 1


def test_filters_dates_locality_kind_tag_lang_past(store: Store) -> None:
    today = dt.datetime.now(BXL)
    past = Event(title="Manifestation passée", kind="demonstration",
                 start=today - dt.timedelta(days=3), place=Place(locality="Namur"))
    store.add(past, status="published")
    store.add(event(day=10, locality="Liège"), status="published", tags=["logement"])
    store.add(event(title="Concert de soutien", day=12, kind="concert", locality="Bruxelles",
                    language="nl"), status="published", tags=["Solidarité"])
    store.add(event(day=11), status="pending")
    store.add(event(title="Stakingsdag", day=13, kind="strike", locality="Gent"),
              status="cancelled")

    def titles(**kw: object) -> list[str | None]:
        return [s.event.title for s in store.list(Filters(**kw))[0]]  # type: ignore[arg-type]

    assert len(titles()) == 3
    assert len(titles(past=True)) == 4
    assert titles(locality="LIEGE") == ["Rassemblement devant la maison communale"]
    assert titles(kind="concert") == ["Concert de soutien"]
    assert titles(tag="solidarité") == ["Concert de soutien"]
    assert titles(lang="nl") == ["Concert de soutien"]
    assert titles(start=dt.date(FAR, 3, 11), end=dt.date(FAR, 3, 12)) == ["Concert de soutien"]
    assert titles(start=dt.date(FAR, 3, 13)) == ["Stakingsdag"]
    assert len(titles(statuses=("pending",))) == 1
    assert set(PUBLIC_STATUSES) == {"published", "cancelled", "postponed"}


def test_pagination_and_order(store: Store) -> None:
    for day in (5, 3, 9, 1, 7):
        store.add(event(title=f"Jour {day:02d}", day=day), status="published")
    first, total = store.list(Filters(), limit=2)
    second, _ = store.list(Filters(), limit=2, offset=2)
    third, _ = store.list(Filters(), limit=2, offset=4)
    assert total == 5
    assert [s.event.title for s in first + second + third] == [
        "Jour 01", "Jour 03", "Jour 05", "Jour 07", "Jour 09"]
    with pytest.raises(InputError):
        store.list(Filters(), limit=-1)


def test_queue_is_newest_first(store: Store) -> None:
    a = store.add(event(title="Premier"))
    b = store.add(event(title="Second"))
    store.add(event(title="Publié"), status="published")
    items, total = store.queue()
    assert total == 2 and [s.slug for s in items] == [b.slug, a.slug]


def test_changed_at_moves_with_changes(store: Store) -> None:
    assert store.changed_at(Filters()) is None
    stored = store.add(event(), status="published")
    first = store.changed_at(Filters())
    assert first is not None and first.tzinfo is not None
    store.set_status(stored.slug, "rejected", actor="ed", reason="doublon")
    second = store.changed_at(Filters())
    assert second is not None and second >= first
    assert store.list(Filters())[1] == 0


def test_duplicates_and_merge_keep_both_sources(store: Store) -> None:
    kept = store.add(event(title="Rassemblement pour le logement", contacts=[
        Contact(type="email", value="a@example.org")]),
        source=SourceIn(kind="text", text="premier appel"), status="published")
    store.add(event(title="Atelier couture", locality="Namur",
                    place=Place(locality="Namur", lat=50.46, lon=4.87, precision="locality")))
    newcomer = event(title="Rassemblement logement place Saint-Lambert", hour=14,
                     description="Un long texte qui décrit l'action en détail.",
                     organisers=["Comité de quartier"],
                     contacts=[Contact(type="phone", value="+32 470 00 00 00")],
                     place=Place(name="Place Saint-Lambert", street="Place Saint-Lambert 1",
                                 postcode="4000", locality="Liège", lat=50.6452, lon=5.5731,
                                 precision="address"))
    [dup] = store.duplicates(newcomer)
    assert dup.slug == kept.slug
    other = store.add(newcomer, source=SourceIn(kind="url", text="second appel",
                                                url="https://example.org/2"), tags=["logement"])
    merged = store.merge(kept.slug, other.slug, actor="ed")
    assert merged.slug == kept.slug
    assert merged.event.description == "Un long texte qui décrit l'action en détail."
    assert merged.event.place.precision == "address"
    assert merged.event.organisers == ["Comité de quartier"]
    assert [c.value for c in merged.event.contacts] == ["a@example.org", "+32 470 00 00 00"]
    assert merged.event.title == "Rassemblement pour le logement"
    assert merged.tags == ["logement"]
    assert [s.text for s in store.sources(kept.slug)] == ["premier appel", "second appel"]
    gone = store.get(other.slug)
    assert gone.status == "rejected" and gone.status_note == f"merged into {kept.slug}"
    assert store.audit(other.slug)[-1].action == "merged_into"
    assert store.audit(kept.slug)[-1].detail["other"] == other.slug
    assert store.duplicates(newcomer)[0].slug == kept.slug
    with pytest.raises(InputError):
        store.merge(kept.slug, kept.slug, actor="ed")


def test_no_duplicates_on_another_day_or_undated(store: Store) -> None:
    store.add(event())
    assert store.duplicates(event(day=15)) == []
    assert store.duplicates(Event(title="Rassemblement devant la maison communale")) == []


def test_editors_hash_and_lockout(store: Store) -> None:
    editor = store.add_editor("alice", "correct horse battery")
    assert editor.name == "alice" and editor.failed == 0
    with pytest.raises(InputError, match="exists"):
        store.add_editor("alice", "another long password")
    with pytest.raises(InputError, match="at least"):
        store.add_editor("bob", "short")
    assert store.check_editor("alice", "correct horse battery") is not None
    assert store.check_editor("nobody", "correct horse battery") is None
    now = dt.datetime(FAR, 1, 1, 12, tzinfo=dt.UTC)
    for attempt in range(5):
        assert store.check_editor("alice", f"wrong {attempt}", now=now) is None
    locked = store.editor("alice")
    assert locked.locked_until == now + dt.timedelta(minutes=15)
    assert store.check_editor("alice", "correct horse battery", now=now) is None
    later = now + dt.timedelta(minutes=16)
    ok = store.check_editor("alice", "correct horse battery", now=later)
    assert ok is not None and ok.failed == 0 and ok.locked_until is None
    # The hash, not the password, is what the table holds.
    with store.engine.connect() as connection:
        from sqlalchemy import text

        stored_hash = connection.execute(text("SELECT password_hash FROM editors")).scalar_one()
    assert stored_hash.startswith("$argon2") and "horse" not in stored_hash


def test_failures_below_the_limit_are_forgotten_after_a_success(store: Store) -> None:
    store.add_editor("carla", "a good long password")
    for _ in range(4):
        store.check_editor("carla", "nope")
    assert store.editor("carla").failed == 4
    assert store.check_editor("carla", "a good long password") is not None
    assert store.editor("carla").failed == 0


def test_reopening_runs_no_migration_twice(store: Store) -> None:
    stored = store.add(event(), status="published")
    again = Store(store.url.render_as_string(hide_password=False))
    try:
        assert again.get(stored.slug).event.to_dict() == stored.event.to_dict()
    finally:
        again.close()
