"""Fit the weights of a scored decision on the dev corpus, with 5-fold cross-validation by
document, and keep them only if the cross-validated figure improves on the hand-set weights.

Candidates are labelled automatically from the gold: a day that reaches the `still_to_come`
decision is positive when a gold event of its document starts that day; a (contact, event)
pair of `contact_of` is positive when the paired gold event lists that contact. A logistic
regression (scikit-learn, a dev dependency) is fitted on the training folds; its weights are
applied to the held-out documents, which are then extracted and scored with bench/extract.py.
The cross-validated figure is the bench's figures over the held-out outputs of all folds.

Writes bench/cv.json (printed by bench/extract.py) and, with --write and only when the
cross-validated figure improves, the fitted weights into affiche/extract/weights.toml.

Usage: python bench/fit_weights.py [--decision still_to_come|contact_of] [--write]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from affiche.extract import assign, features, scoring  # noqa: E402

FOLDS = 5
CV_PATH = ROOT / "bench" / "cv.json"
# the figure a fitted set must improve: the mean of these (unmatched counts as 1 − share)
GOAL = ("start", "count_exact", "locality", "contacts_event_f1")


def _bench() -> ModuleType:
    """bench/extract.py as a module."""
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "extract.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def goal(figures: dict[str, Any]) -> float:
    """The one number a weight set is judged by."""
    return (sum(float(figures[k]) for k in GOAL) + 1 - float(figures["unmatched_share"])) \
        / (len(GOAL) + 1)


def _record(decision: str, bench: ModuleType, records: list[dict]) -> list[tuple[int, dict, int]]:
    """(document index, features, label) of every candidate of `decision` in `records`."""
    rows: list[tuple[int, dict, int]] = []
    current: dict[str, Any] = {}
    if decision == "still_to_come":
        original = features.still_to_come

        def spy(point: Any, *args: Any, **kwargs: Any) -> dict[str, float]:
            """The features, recorded with their label."""
            found = original(point, *args, **kwargs)
            days = {e["start"][:10] for e in current["record"]["events"] if e.get("start")}
            rows.append((current["index"], found, int(point.day.isoformat() in days)))
            return found

        features.still_to_come = spy  # type: ignore[assignment]
        try:
            for index, record in enumerate(records):
                current.update(index=index, record=record)
                bench.extract_in_process([record])
        finally:
            features.still_to_come = original  # type: ignore[assignment]
        return rows
    original_score = assign.score

    def spy_score(name: str, found: dict[str, float], subject: str = "") -> Any:
        """The score, its features kept for labelling."""
        match = re.match(r"(.*) → event (\d+)$", subject)
        if name == "contact_of" and match:
            current["pending"].append((found, match.group(1), int(match.group(2)) - 1))
        return original_score(name, found, subject)

    assign.score = spy_score  # type: ignore[assignment]
    try:
        for index, record in enumerate(records):
            current["pending"] = []
            (output,) = bench.extract_in_process([record])
            pairs = bench.pair(record["events"], output["events"])
            by_prediction = {id(guess): gold for gold, guess in pairs if guess is not None}
            for found, value, number in current["pending"]:
                predicted = output["events"][number] if number < len(output["events"]) else None
                gold = by_prediction.get(id(predicted)) if predicted is not None else None
                own = {bench.norm_contact(c) for c in (gold or {}).get("contacts") or []}
                rows.append((index, found, int(bench.norm_contact(value) in own)))
    finally:
        assign.score = original_score  # type: ignore[assignment]
    return rows


def _fit(rows: list[tuple[int, dict, int]], names: list[str]) -> tuple[float, dict[str, float]]:
    """Bias and weights of a logistic regression on the rows."""
    from sklearn.linear_model import LogisticRegression

    x = [[row[1].get(n, 0.0) for n in names] for row in rows]
    y = [row[2] for row in rows]
    if len(set(y)) < 2:
        return 0.0, dict.fromkeys(names, 0.0)
    model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
    return float(model.intercept_[0]), {n: float(w) for n, w in
                                        zip(names, model.coef_[0], strict=True)}


def _with(decision: str, bias: float, weights: dict[str, float]) -> None:
    """Use these weights for `decision` in this process."""
    table = scoring._table()
    old = table[decision]
    table[decision] = scoring.Weights(decision, bias, weights, old.notes, "fitted")


def main(argv: list[str] | None = None) -> int:
    """Fit, cross-validate, compare and (with --write) keep the better weights."""
    from sklearn.model_selection import GroupKFold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decision", default="still_to_come",
                        choices=("still_to_come", "contact_of"))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    bench = _bench()
    records = bench.read_corpus([bench.CORPUS])
    hand = scoring.weights(args.decision)
    names = sorted(hand.weights)
    hand_figures = bench.summary(bench.score(records, bench.extract_in_process(records)))
    rows = _record(args.decision, bench, records)
    outputs: list[dict | None] = [None] * len(records)
    fold_weights = []
    splitter = GroupKFold(n_splits=FOLDS)
    documents = list(range(len(records)))
    for train_docs, test_docs in splitter.split(documents, groups=documents):
        train = set(train_docs)
        bias, weights = _fit([r for r in rows if r[0] in train], names)
        fold_weights.append({"bias": round(bias, 3), **{k: round(v, 3) for k, v in
                                                        weights.items()}})
        _with(args.decision, bias, weights)
        held = [records[i] for i in test_docs]
        for index, output in zip(test_docs, bench.extract_in_process(held), strict=True):
            outputs[index] = output
        scoring._table.cache_clear()
    cv_figures = bench.summary(bench.score(records, [o or {"events": []} for o in outputs]))
    bias, weights = _fit(rows, names)
    kept = goal(cv_figures) > goal(hand_figures)
    result = {
        "decision": args.decision, "folds": FOLDS, "candidates": len(rows),
        "positives": sum(r[2] for r in rows), "goal": list(GOAL) + ["1 - unmatched_share"],
        "hand": {"figures": hand_figures, "goal": round(goal(hand_figures), 4)},
        "cross_validated_fitted": {"figures": cv_figures, "goal": round(goal(cv_figures), 4),
                                   "fold_weights": fold_weights},
        "fitted_on_all": {"bias": round(bias, 3),
                          **{k: round(v, 3) for k, v in weights.items()}},
        "kept": "fitted" if kept else "hand",
    }
    saved = json.loads(CV_PATH.read_text(encoding="utf-8")) if CV_PATH.exists() else {}
    saved[args.decision] = result
    CV_PATH.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    if kept and args.write:
        _write(args.decision, bias, weights, cv_figures, hand_figures)
        print(f"fitted weights of {args.decision} written to {scoring.WEIGHTS_PATH}")
    elif not kept:
        print(f"{args.decision}: the cross-validated figure ({goal(cv_figures):.4f}) does not "
              f"improve on the hand weights ({goal(hand_figures):.4f}); hand weights kept")
    return 0


def _write(decision: str, bias: float, weights: dict[str, float], cv: dict[str, float],
           hand: dict[str, float]) -> None:
    """Replace the decision's bias and weights in weights.toml, keeping the notes."""
    text = scoring.WEIGHTS_PATH.read_text(encoding="utf-8")
    head = f"[{decision}]"
    start = text.index(head)
    end = text.find("\n[", text.index(f"[{decision}.features]") + 1)
    end = len(text) if end < 0 else end + 1
    section = text[start:end]
    section = re.sub(r'^source = ".*"$', 'source = "fitted"', section, flags=re.M)
    section = re.sub(r"^bias = .*$", f"bias = {bias:.3f}", section, flags=re.M)
    for name, weight in weights.items():
        section = re.sub(rf'^{name} = {{ weight = [-0-9.]+, note = "',
                         f'{name} = {{ weight = {weight:.3f}, note = "fitted (5-fold CV by '
                         f'document: goal {goal(hand):.3f} → {goal(cv):.3f}); was: ',
                         section, flags=re.M)
    scoring.WEIGHTS_PATH.write_text(text[:start] + section + text[end:], encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
