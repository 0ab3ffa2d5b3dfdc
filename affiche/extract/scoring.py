"""Scored decisions: named features times weights, each score with the contributions that made it.

The weights are data (`weights.toml` beside this module): one table per decision, with a bias
and one weight per feature, and a note per weight saying how it was set (by hand from the
constructions it stands for, or fitted by `bench/fit_weights.py` with cross-validation by
document). A decision is a logistic score: `total = bias + Σ weight × value`, taken when the
total is above zero, and its probability is the logistic of the total. Written by hand (a dot
product and a table): a library would add nothing but a dependency at run time; scikit-learn
fits the weights offline, as a dev dependency.
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Contribution", "Score", "Weights", "weights", "score", "total", "WEIGHTS_PATH"]

WEIGHTS_PATH = Path(__file__).with_name("weights.toml")


@dataclass(frozen=True)
class Contribution:
    """One feature's part in a score: its value, its weight and their product."""

    feature: str
    value: float
    weight: float

    @property
    def amount(self) -> float:
        """The feature's share of the total."""
        return self.value * self.weight


@dataclass(frozen=True)
class Score:
    """A scored decision: its name, its total, what it is about and the contributions."""

    decision: str
    total: float
    contributions: tuple[Contribution, ...] = ()
    subject: str = ""

    @property
    def taken(self) -> bool:
        """True when the decision is taken (the total is above zero)."""
        return self.total > 0

    @property
    def probability(self) -> float:
        """The logistic of the total: how sure the decision is, 0.5 at the boundary."""
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.total))))

    def top(self, count: int = 3) -> list[Contribution]:
        """The `count` contributions that weighed most, largest first."""
        ranked = sorted(self.contributions, key=lambda c: -abs(c.amount))
        return [c for c in ranked if c.amount][:count]

    def summary(self, count: int = 3) -> str:
        """The total and its top contributions, for a score that ranks (no yes/no)."""
        parts = ", ".join(f"{c.feature} {c.amount:+.2f}" for c in self.top(count))
        return f"{self.decision} {self.total:.2f}" + (f" ({parts})" if parts else "")

    def explain(self, count: int = 3) -> str:
        """One line: the decision, its total and its top contributions."""
        parts = ", ".join(f"{c.feature} {c.amount:+.2f}" for c in self.top(count))
        verdict = "yes" if self.taken else "no"
        about = f" [{self.subject}]" if self.subject else ""
        bias = self.total - sum(c.amount for c in self.contributions)
        return f"{self.decision}{about}: {verdict} ({self.total:+.2f} = bias {bias:+.2f}" \
               + (f"; {parts})" if parts else ")")


@dataclass(frozen=True)
class Weights:
    """The weights of one decision: a bias, one weight per feature, a note per weight."""

    decision: str
    bias: float
    weights: Mapping[str, float]
    notes: Mapping[str, str] = field(default_factory=dict)
    source: str = "hand"


@functools.cache
def _table(path: Path = WEIGHTS_PATH) -> dict[str, Weights]:
    """Every decision's weights from the data file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found = {}
    for decision, table in data.items():
        features = table.get("features", {})
        found[decision] = Weights(
            decision=decision, bias=float(table.get("bias", 0.0)),
            weights={name: float(entry["weight"]) for name, entry in features.items()},
            notes={name: str(entry.get("note", "")) for name, entry in features.items()},
            source=str(table.get("source", "hand")))
    return found


def weights(decision: str) -> Weights:
    """The weights of `decision` (a KeyError names a decision missing from the data file)."""
    return _table()[decision]


def score(decision: str, features: Mapping[str, float], subject: str = "") -> Score:
    """The score of `decision` for these feature values (features without a weight count 0)."""
    table = weights(decision)
    contributions = tuple(Contribution(name, float(value), table.weights[name])
                          for name, value in features.items() if name in table.weights)
    total = table.bias + sum(c.amount for c in contributions)
    return Score(decision, total, contributions, subject)


def total(decision: str, features: Mapping[str, float]) -> float:
    """The total of `score` alone, without its contributions (for rankings over many
    candidates, where only the best one is explained)."""
    table = weights(decision)
    found = table.weights
    # the same sum as `score` makes, term by term in the same order (so the same float), in
    # a plain loop: this runs for every candidate of every event
    subtotal = 0
    for name, value in features.items():
        weight = found.get(name)
        if weight is not None:
            subtotal += weight * value
    return table.bias + subtotal
