"""Eval gate: the dev corpus figures of bench/extract.py, and those of our own fresh sets,
stay at or above bench/floors.json (unmatched shares at or below their ceilings)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))


def _bench() -> ModuleType:
    """bench/extract.py as a module (bench/ is no package)."""
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "extract.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    """The summary figures of affiche on the dev corpus, extracted in-process."""
    bench = _bench()
    if not bench.CORPUS.is_file():
        pytest.skip(f"dev corpus not found at {bench.CORPUS} (../shared beside the clone)")
    records = bench.read_corpus([bench.CORPUS])
    return bench.summary(bench.score(records, bench.extract_in_process(records)))


@pytest.mark.parametrize("name", sorted(FLOORS["floors"]))
def test_figure_stays_above_its_floor(figures: dict[str, float], name: str) -> None:
    assert figures[name] >= FLOORS["floors"][name], (
        f"{name} fell to {figures[name]:.3f}, below its floor {FLOORS['floors'][name]}")


@pytest.mark.parametrize("name", sorted(FLOORS["ceilings"]))
def test_figure_stays_below_its_ceiling(figures: dict[str, float], name: str) -> None:
    assert figures[name] <= FLOORS["ceilings"][name], (
        f"{name} rose to {figures[name]:.3f}, above its ceiling {FLOORS['ceilings'][name]}")


FRESH = ROOT / "tests" / "fixtures" / "fresh"
_FRESH_CASES = [(name, kind, figure) for name, pins in sorted(FLOORS.get("fresh", {}).items())
                for kind in ("floors", "ceilings") for figure in sorted(pins[kind])]


@pytest.fixture(scope="module")
def fresh_figures() -> dict[str, dict[str, float]]:
    """The summary figures of affiche on each of our own fresh sets, extracted in-process."""
    bench = _bench()
    found = {}
    for name in FLOORS.get("fresh", {}):
        records = bench.read_corpus([FRESH / f"{name}.jsonl"])
        found[name] = bench.summary(bench.score(records, bench.extract_in_process(records)))
    return found


@pytest.mark.parametrize(("name", "kind", "figure"), _FRESH_CASES)
def test_fresh_set_figure_holds(fresh_figures: dict[str, dict[str, float]], name: str,
                                kind: str, figure: str) -> None:
    pinned = FLOORS["fresh"][name][kind][figure]
    value = fresh_figures[name][figure]
    if kind == "floors":
        assert value >= pinned, f"{name} {figure} fell to {value:.3f}, below {pinned}"
    else:
        assert value <= pinned, f"{name} {figure} rose to {value:.3f}, above {pinned}"
