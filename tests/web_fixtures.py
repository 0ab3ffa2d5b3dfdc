"""Events and an agenda for the web tests: our own calls, dated relative to today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from affiche.model import Contact, Event, MeetingPoint, Place, Transport

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """A Brussels wall time `days` from today."""
    day = dt.datetime.now(BRUSSELS).date() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS)


def rally() -> Event:
    """A rally with a group departure, a train, contacts and organisers (the origin's shape)."""
    return Event(
        title="Rassemblement devant le centre fermé",
        kind="rally", start=at(5, 14), timezone="Europe/Brussels",
        place=Place(name="Centre fermé 127 bis", street="Tervuursesteenweg 300",
                    postcode="1820", locality="Steenokkerzeel", country="BE",
                    lat=50.9135, lon=4.4790, precision="address"),
        meeting_points=[MeetingPoint(role="group_departure", time=at(5, 13, 30),
                                     place=Place(name="Gare de Nossegem", locality="Nossegem",
                                                 lat=50.8837, lon=4.5081,
                                                 precision="address"),
                                     note="départ groupé")],
        transport=[Transport(mode="train", origin="Bruxelles-Midi", destination="Nossegem",
                             departs=at(5, 13), arrives=at(5, 13, 29))],
        contacts=[Contact("email", "collectif@example.org"), Contact("phone", "+32 470 12 34 56")],
        organisers=["Collectif Sans Frontières"], language="fr",
        description="Venez nombreux.\n\nPrenez des banderoles.",
    )


def march() -> Event:
    """A Dutch march in Gent with a start and end of its route."""
    return Event(
        title="Mars voor het klimaat", kind="march", start=at(8, 10), end=at(8, 13),
        place=Place(name="Sint-Pietersplein", locality="Gent", postcode="9000", country="BE",
                    lat=51.0425, lon=3.7265, precision="street"),
        meeting_points=[MeetingPoint(role="route_end", time=at(8, 12, 30),
                                     place=Place(name="Korenmarkt", locality="Gent"))],
        language="nl", organisers=["Klimaat Gent"],
        contacts=[Contact("url", "https://klimaat.example.be/mars")],
    )


def workshop() -> Event:
    """An English all-day workshop in Liège without coordinates."""
    day = at(12, 0).date()
    return Event(title="Zine-making workshop", kind="workshop", start=day,
                 place=Place(name="La Zone", locality="Liège", country="BE"), language="en")


def past_meeting() -> Event:
    """A meeting that took place last week."""
    return Event(title="Assemblée de quartier", kind="assembly", start=at(-7, 19),
                 place=Place(locality="Namur", lat=50.4669, lon=4.8675, precision="locality"),
                 language="fr")


def agenda(tmp_path: Path, **settings: Any) -> tuple[Any, Any, dict[str, Any]]:
    """A store in `tmp_path` with the events above published, the app, and the slugs by name."""
    from affiche.store import Store
    from affiche.web.app import create_app
    from affiche.web.settings import Settings

    store = Store(f"sqlite:///{tmp_path / 'agenda.db'}")
    slugs = {}
    for name, event, tags in (("rally", rally(), ["migration"]), ("march", march(), ["klimaat"]),
                              ("workshop", workshop(), ["zines"]),
                              ("past", past_meeting(), [])):
        slugs[name] = store.add(event, status="published", tags=tags, actor="test").slug
    slugs["pending"] = store.add(Event(title="Pas encore modéré", kind="rally", start=at(3, 18),
                                       place=Place(locality="Bruxelles")),
                                 status="pending", actor="test").slug
    # freshness 0: every request sees the store's last change (tests change it, then look)
    values = {"base_url": "https://agenda.example.org", "default_locale": "en", "freshness": 0}
    values.update(settings)
    app = create_app(Settings(**values), store=store)
    return store, app, slugs
