"""Calibration of the per-field confidences (affiche/extract/confidence.py) on a labelled corpus.

Every predicted event is paired with the gold as bench/extract.py pairs them, and each of its
fields is labelled right or wrong by the bench's matching: start (to the minute; an event that
pairs with no gold event has a wrong start), end, place (the locality), kind, and each meeting
point (its time among the gold event's meeting-point times). Per field, a logistic regression
over the features of `confidence.signals` (standardised), then Platt's scaling fitted on its
out-of-fold scores (scikit-learn, a dev dependency), and the threshold under which a value is
flagged: the highest that flags at most 20 % of the right values out of fold (none for a field
whose out-of-fold AUROC is under 0.65: its flags would not tell right from wrong).

Prints, per field and cross-validated by document (5 folds: every map and threshold fitted on
the other folds' documents): the AUROC of confidence for a right value, a reliability table
(bins of predicted confidence against observed accuracy) and the share of wrong values flagged
against the share of right ones; then the same figures for the committed maps as they are
(in-sample on the corpus they were fitted on; on any other corpus, a fair test).

Usage: python bench/calibrate.py [--corpus PATH ...] [--fit] [--json]
  --fit writes affiche/extract/calibration.json from the whole corpus (the lead re-fits after
  merging extraction changes: `make calibrate`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from affiche.extract import confidence  # noqa: E402

FOLDS = 5
RIGHT_FLAGGED = 0.20  # the share of right values a threshold may flag
BINS = 10
MIN_BIN = 20  # values in a bin for its reliability to be judged
TARGETS = {"auroc": 0.90, "wrong_flagged": 0.90, "right_flagged": 0.20, "reliability": 0.05}
JUDGED = ("start", "place")  # the fields the targets name
LOW, HIGH = 0.01, 0.99  # no map claims certainty
MIN_AUROC = 0.65  # held-out AUROC under which a field's confidence flags nothing
REGULARISATION = 0.1  # C of the logistic regressions (chosen by cross-validation, 0.03-1)


def _bench() -> ModuleType:
    """bench/extract.py as a module (its pairing and field matching)."""
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "extract.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _events(record: dict[str, Any]) -> list[Any]:
    """The resolved events of one record, in process (as `affiche extract --jsonl` gives)."""
    from affiche import pipeline

    options = pipeline.Options()
    reference = pipeline._record_reference(record.get("reference"), options.timezone)
    _, events = pipeline.extract_text(record["text"], reference=reference,
                                      lang=record.get("lang"), source=str(record.get("id")),
                                      options=options)
    return events


def _field_of(key: str) -> str:
    """The calibrated field a signals key belongs to."""
    return "meeting_point" if key.startswith("meeting_points.") else key


def collect(records: list[dict[str, Any]], bench: ModuleType) -> list[dict[str, Any]]:
    """One row per predicted field: document, field, features, label and committed confidence."""
    rows: list[dict[str, Any]] = []
    for number, record in enumerate(records):
        events = _events(record)
        predicted = [event.to_dict() for event in events]
        paired = {id(guess): gold for gold, guess in bench.pair(record["events"], predicted)
                  if guess is not None}
        for event, guess in zip(events, predicted, strict=True):
            gold = paired.get(id(guess))
            for key, values in event.signals.items():
                label = _label(bench, key, gold, guess)
                if label is None:
                    continue
                rows.append({"doc": number, "field": _field_of(key), "features": values,
                             "label": label, "committed": event.field_confidence.get(key)})
            # the event's own confidence: is its start, place and kind all right?
            whole = all(_label(bench, key, gold, guess) for key in ("start", "place", "kind"))
            rows.append({"doc": number, "field": "event", "features": {}, "label": int(whole),
                         "committed": event.confidence})
    return rows


def _label(bench: ModuleType, key: str, gold: dict | None, guess: dict) -> int | None:
    """Whether the predicted field is right (None: no gold to judge it by)."""
    if key == "start":
        return int(gold is not None and bench.field_value(gold, "start")
                   == bench.field_value(guess, "start"))
    if gold is None:
        return None
    if key in ("end", "kind"):
        return int(bench.field_value(gold, key) == bench.field_value(guess, key))
    if key == "place":
        return int(bench.field_value(gold, "locality") == bench.field_value(guess, "locality"))
    point = guess["meeting_points"][int(key.split(".")[1])]
    told = gold.get("meeting_points") or []
    if point.get("time"):
        return int(bench.local_time(point["time"]) in {bench.local_time(p.get("time"))
                                                       for p in told})
    town = bench.norm((point.get("place") or {}).get("locality"))
    return int(town is not None and town in {bench.norm((p.get("place") or {}).get("locality"))
                                             for p in told})


def _matrix(rows: list[dict[str, Any]], names: list[str]) -> Any:
    """The feature matrix of `rows` over `names`."""
    import numpy as np

    return np.array([[row["features"].get(n, 0.0) for n in names] for row in rows], dtype=float)


def fit(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One field's map (as calibration.json stores it) fitted on `rows`."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    names = _directed(rows)
    x = _matrix(rows, names)
    y = np.array([row["label"] for row in rows])
    groups = np.array([row["doc"] for row in rows])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    held = np.zeros(len(rows))
    folds = min(FOLDS, len(set(groups)))
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        held[test] = _logistic(x[train], y[train], mean, scale).decision_function(
            (x[test] - mean) / scale)
    model = _logistic(x, y, mean, scale)
    a, b = _platt(held, y)
    mapped = 1 / (1 + np.exp(-(a * held + b)))
    # a field whose held-out confidence does not tell right from wrong is never flagged:
    # its warnings would fall on right values as often as on wrong ones
    telling = len(set(y.tolist())) == 2 and auroc(held.tolist(), y.tolist()) >= MIN_AUROC
    return {"features": names, "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
            "coef": model.coef_[0].round(6).tolist(),
            "intercept": round(float(model.intercept_[0]), 6),
            "platt": {"a": round(a, 6), "b": round(b, 6)},
            "threshold": _threshold(mapped, y) if telling else 0.0, "values": len(rows),
            "right": int(y.sum())}


def _directed(rows: list[dict[str, Any]]) -> list[str]:
    """The features of `rows` whose fitted weights keep to `confidence.DIRECTIONS`: a feature
    whose weight goes against its known direction is dropped and the rest fitted again."""
    import numpy as np

    field = rows[0]["field"] if rows else ""
    directions = confidence.DIRECTIONS.get(field, {})
    names = sorted({n for row in rows for n in row["features"]})
    y = np.array([row["label"] for row in rows])
    while names:
        x = _matrix(rows, names)
        mean, scale = x.mean(axis=0), x.std(axis=0)
        scale[scale == 0] = 1.0
        coef = _logistic(x, y, mean, scale).coef_[0]
        against = [n for n, c in zip(names, coef, strict=True)
                   if directions.get(n, 0) * c < 0]
        if not against:
            break
        names = [n for n in names if n not in against]
    return names


class _Flat:
    """The model of a field whose values are all right (or all wrong): its rate, whatever
    the features."""

    def __init__(self, width: int, rate: float) -> None:
        import numpy as np

        self.coef_ = np.zeros((1, width))
        rate = min(HIGH, max(LOW, rate))
        self.intercept_ = np.array([np.log(rate / (1 - rate))])

    def decision_function(self, x: Any) -> Any:
        import numpy as np

        return np.full(len(x), self.intercept_[0])


def _logistic(x: Any, y: Any, mean: Any, scale: Any) -> Any:
    """A logistic regression on the standardised features (few wrong values: strongly
    regularised, C = 0.1)."""
    from sklearn.linear_model import LogisticRegression

    if len(set(y.tolist())) < 2:
        return _Flat(x.shape[1], float(y.mean()))
    return LogisticRegression(C=REGULARISATION, max_iter=2000).fit((x - mean) / scale, y)


def _platt(scores: Any, labels: Any) -> tuple[float, float]:
    """Platt's scaling: the logistic map of held-out scores to the labels."""
    from sklearn.linear_model import LogisticRegression

    if len(set(labels.tolist())) < 2:
        return 0.0, float(scores.mean()) if len(scores) else 0.0
    model = LogisticRegression(C=1e6, max_iter=2000).fit(scores.reshape(-1, 1), labels)
    return float(model.coef_[0][0]), float(model.intercept_[0])


def _threshold(scores: Any, labels: Any) -> float:
    """The highest threshold that flags (score < threshold) at most RIGHT_FLAGGED of the right
    values."""
    right = sorted(float(s) for s, label in zip(scores, labels, strict=True) if label)
    if not right:
        return 0.0
    allowed = int(RIGHT_FLAGGED * len(right))
    # flagging is strict: a threshold equal to the (allowed+1)-th right score flags `allowed`
    return round(right[allowed] if allowed < len(right) else right[-1], 4)


def cross_validated(rows: list[dict[str, Any]]) -> tuple[list[float], list[bool]]:
    """Held-out confidences (maps fitted on the other folds' documents) and flags."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    groups = np.array([row["doc"] for row in rows])
    scores = [0.0] * len(rows)
    flags = [False] * len(rows)
    folds = min(FOLDS, len(set(groups)))
    for train, test in GroupKFold(n_splits=folds).split(groups, groups, groups):
        fitted = confidence._field_map("cv", fit([rows[i] for i in train]), Path("cv"))
        for i in test:
            scores[i] = fitted.probability(rows[i]["features"])
            flags[i] = scores[i] < fitted.threshold
    return scores, flags


def auroc(scores: list[float], labels: list[int]) -> float | None:
    """The chance that a right value has a higher confidence than a wrong one (ties: half)."""
    from sklearn.metrics import roc_auc_score

    if len(set(labels)) < 2:
        return None
    return float(roc_auc_score(labels, scores))


def reliability(scores: list[float], labels: list[int]) -> list[dict[str, Any]]:
    """Bins of predicted confidence: count, mean confidence, observed accuracy."""
    table = []
    for b in range(BINS):
        low, high = b / BINS, (b + 1) / BINS
        inside = [(s, y) for s, y in zip(scores, labels, strict=True)
                  if low <= s < high or (b == BINS - 1 and s == 1.0)]
        if inside:
            table.append({"bin": f"{low:.1f}-{high:.1f}", "values": len(inside),
                          "confidence": sum(s for s, _ in inside) / len(inside),
                          "accuracy": sum(y for _, y in inside) / len(inside)})
    return table


def figures(scores: list[float], flags: list[bool], labels: list[int]) -> dict[str, Any]:
    """AUROC, reliability, flagged shares and the worst judged bin's gap."""
    wrong = [f for f, y in zip(flags, labels, strict=True) if not y]
    right = [f for f, y in zip(flags, labels, strict=True) if y]
    table = reliability(scores, labels)
    gaps = [abs(row["confidence"] - row["accuracy"]) for row in table
            if row["values"] >= MIN_BIN]
    return {"values": len(labels), "right": sum(labels), "auroc": auroc(scores, labels),
            "wrong_flagged": sum(wrong) / len(wrong) if wrong else None,
            "right_flagged": sum(right) / len(right) if right else None,
            "worst_gap": max(gaps) if gaps else None, "reliability": table}


def report(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per field: cross-validated figures and those of the committed maps."""
    found: dict[str, dict[str, Any]] = {}
    committed = _committed()
    for name in confidence.FIELDS:
        mine = [row for row in rows if row["field"] == name]
        labels = [row["label"] for row in mine]
        if not mine:
            continue
        entry: dict[str, Any] = {}
        if len(set(labels)) == 2 and len({row["doc"] for row in mine}) >= FOLDS:
            entry["cv"] = figures(*cross_validated(mine), labels)
        if committed is not None and name in committed.fields:
            fitted = committed.fields[name]
            scores = [fitted.probability(row["features"]) for row in mine]
            entry["committed"] = figures(scores, [s < fitted.threshold for s in scores], labels)
        found[name] = entry
    whole = [row for row in rows if row["field"] == "event"]
    if whole:
        # derived, not fitted: the product of the committed start, place and kind
        labels = [row["label"] for row in whole]
        scores = [float(row["committed"] or 0.0) for row in whole]
        judged = figures(scores, [False] * len(scores), labels)
        judged["wrong_flagged"] = judged["right_flagged"] = None  # an event is not flagged
        found["event (start, place and kind right)"] = {"committed": judged}
    return found


def _committed() -> confidence.Calibration | None:
    """The committed maps, or None when the file is missing or malformed."""
    try:
        return confidence.load()
    except confidence.CalibrationError:
        return None


def _neutral() -> confidence.Calibration:
    """Maps that give every field 0.5 and flag nothing (to collect before any fit)."""
    flat = confidence.FieldMap((), (), (), (), 0.0, 0.0, 0.0, 0.0)
    return confidence.Calibration({name: flat for name in confidence.FIELDS}, "neutral")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f} %"


def print_report(found: dict[str, dict[str, Any]], title: str = "") -> None:
    """The per-field tables, then whether the targets are met."""
    print(f"\ncalibrated confidence per field{title} (bench/calibrate.py; targets for start "
          "and place: AUROC ≥ 0.90, ≥ 90 % of wrong values flagged with ≤ 20 % of right ones, "
          f"reliability within 0.05 in bins of ≥ {MIN_BIN} values)")
    print("field | values (right) | CV AUROC | CV wrong flagged | CV right flagged | "
          "CV worst bin gap | committed AUROC | committed wrong/right flagged")
    print("--- | --- | --- | --- | --- | --- | --- | ---")
    missed = []
    for name, entry in found.items():
        cv, done = entry.get("cv") or {}, entry.get("committed") or {}
        some = cv or done
        cells = [name, f"{some.get('values')} ({some.get('right')})", _number(cv.get("auroc")),
                 _percent(cv.get("wrong_flagged")), _percent(cv.get("right_flagged")),
                 _number(cv.get("worst_gap")), _number(done.get("auroc")),
                 f"{_percent(done.get('wrong_flagged'))} / {_percent(done.get('right_flagged'))}"]
        print(" | ".join(cells))
        if name in JUDGED and cv:
            missed += _missed(name, cv)
    for name, entry in found.items():
        if "cv" not in entry:
            continue
        print(f"\nreliability of {name} (cross-validated): bin | values | mean confidence | "
              "observed accuracy")
        for row in entry["cv"]["reliability"]:
            mark = "" if row["values"] >= MIN_BIN else " (few)"
            print(f"  {row['bin']} | {row['values']}{mark} | {row['confidence']:.3f} | "
                  f"{row['accuracy']:.3f}")
    print("\nconfidence targets: " + ("all met" if not missed else "missed: " + "; ".join(missed)))


def _missed(name: str, cv: dict[str, Any]) -> list[str]:
    """The targets one judged field misses, in words."""
    missed = []
    if cv["auroc"] is not None and cv["auroc"] < TARGETS["auroc"]:
        missed.append(f"{name} AUROC {cv['auroc']:.3f}")
    if cv["wrong_flagged"] is not None and cv["wrong_flagged"] < TARGETS["wrong_flagged"]:
        missed.append(f"{name} wrong flagged {_percent(cv['wrong_flagged'])}")
    if cv["right_flagged"] is not None and cv["right_flagged"] > TARGETS["right_flagged"]:
        missed.append(f"{name} right flagged {_percent(cv['right_flagged'])}")
    if cv["worst_gap"] is not None and cv["worst_gap"] > TARGETS["reliability"]:
        missed.append(f"{name} reliability gap {cv['worst_gap']:.3f}")
    return missed


def write(rows: list[dict[str, Any]], corpora: list[Path]) -> Path:
    """Fit every field on all rows and write calibration.json."""
    maps = {}
    for name in confidence.FIELDS:
        mine = [row for row in rows if row["field"] == name]
        if mine:
            maps[name] = fit(mine)
    data = {"fitted_on": ", ".join(p.name for p in corpora),
            "fitted": dt.date.today().isoformat(),
            "how": "bench/calibrate.py --fit: logistic regression over confidence.signals "
                   "(standardised), Platt scaling of its 5-fold out-of-fold scores (by "
                   "document), threshold flagging at most 20 % of right values out of fold",
            "fields": maps}
    confidence.CALIBRATION_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    confidence._load.cache_clear()
    return confidence.CALIBRATION_PATH


def gather(records: list[dict[str, Any]], bench: ModuleType | None = None,
           ) -> list[dict[str, Any]]:
    """The rows of the records, collected with the committed maps (neutral ones when the file
    is missing or malformed: the features do not depend on the maps)."""
    bench = bench or _bench()
    if _committed() is None:
        original = confidence.load
        confidence.load = lambda path=None: _neutral()  # type: ignore[assignment]
        try:
            return collect(records, bench)
        finally:
            confidence.load = original  # type: ignore[assignment]
    return collect(records, bench)


def main(argv: list[str] | None = None) -> int:
    """Collect, report, and with --fit write the maps."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append",
                        help="a labelled JSON Lines corpus (repeatable; default: the dev corpus)")
    parser.add_argument("--fit", action="store_true",
                        help="write affiche/extract/calibration.json from the corpus")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    corpora = args.corpus or [_bench().CORPUS]
    for path in corpora:
        if not path.is_file():
            print(f"calibrate: corpus not found at {path} (clone with ../shared beside the repo)")
            return 2
    bench = _bench()
    rows = gather(bench.read_corpus(corpora), bench)
    if args.fit:
        print(f"wrote {write(rows, corpora)} ({len(rows)} labelled values)")
    found = report(rows)
    if args.json:
        print(json.dumps(found, indent=1))
        return 0
    print(f"corpus: {', '.join(p.name for p in corpora)}, {len(rows)} labelled field values")
    print_report(found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
