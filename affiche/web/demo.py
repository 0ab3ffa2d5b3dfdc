"""Load the example calls of `examples/agenda/` into an agenda, published, so `make run` shows a
living agenda at once.

The calls say their dates the way calls do ("samedi prochain à 14h", "volgende zondag"), and are
read with today as the reference date, so the examples are always upcoming. Loading is
idempotent: each event is stored under the key of its file and resolved start, so loading twice
the same week adds nothing, and a later week adds that week's events beside the past ones.

Run: `python -m affiche.web.demo [--database URL] [--reference YYYY-MM-DD] [DIR]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

from affiche import pipeline
from affiche.errors import AfficheError
from affiche.model import iso

__all__ = ["load_examples", "main", "EXAMPLES"]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "agenda"
ZONE = "Europe/Brussels"


def load_examples(store: object, directory: Path = EXAMPLES,
                  reference: dt.datetime | None = None) -> list[str]:
    """Extract and publish every call of `directory`; the slugs stored (or already there)."""
    from affiche.store import SourceIn

    reference = reference or dt.datetime.now(ZoneInfo(ZONE)).replace(
        hour=0, minute=0, second=0, microsecond=0)
    tags_file = directory / "tags.toml"
    tags = tomllib.loads(tags_file.read_text(encoding="utf-8")) if tags_file.exists() else {}
    slugs = []
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        document, events = pipeline.extract_text(text, reference=reference, source=path.name)
        for number, event in enumerate(events):
            key = f"example:{path.name}:{number}:{iso(event.start)}"
            source = SourceIn(kind="file", text=document.text, filename=path.name,
                              media_type="text/plain")
            stored = store.add(event, status="published", source=source,  # type: ignore[attr-defined]
                               tags=tags.get(path.name, []), actor="example", key=key)
            slugs.append(stored.slug)
    return slugs


def main(argv: list[str] | None = None) -> int:
    """Load the examples into the database of `--database` (default: the store's default)."""
    import os

    parser = argparse.ArgumentParser(prog="python -m affiche.web.demo", description=__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=EXAMPLES)
    parser.add_argument("--database", default=os.environ.get("AFFICHE_DATABASE")
                        or "sqlite:///affiche.db")
    parser.add_argument("--reference", help="the day the calls are read on (default: today)")
    args = parser.parse_args(argv)
    try:
        reference = None
        if args.reference:
            day = dt.date.fromisoformat(args.reference)
            reference = dt.datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(ZONE))
        from affiche.store import Store

        store = Store(args.database)
        try:
            slugs = load_examples(store, args.directory, reference)
        finally:
            store.close()
    except (AfficheError, ValueError, OSError) as error:
        print(f"affiche: error: {error}", file=sys.stderr)
        return 2
    print(f"affiche: {len(slugs)} example events in {args.database}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
