"""Titles: the heading each announcement of several stands under ("Vigil for the river" ↵
"Vigil on Saturday …" ↵↵ "Rally against the cuts" ↵ "Rally on …"), from the layout."""

from __future__ import annotations

from affiche.extract.layout import Layout, Line
from affiche.extract.points import Draft

__all__ = ["own_headings"]


def own_headings(drafts: list[Draft], layout: Layout) -> list[Line | None]:
    """Per draft, the heading of its own block, when the text holds several announcements
    each under a heading (the first one's may be the text's headline); None for the items of
    a programme or a list (they share theirs), and when fewer than two drafts have one."""
    if len(drafts) < 2:
        return [None] * len(drafts)
    found: list[Line | None] = []
    for draft in drafts:
        start = draft.start
        if start is None or draft.item or draft.umbrella:
            found.append(None)
            continue
        found.append(layout.heading_above(start.unit.start))
    # one heading above one of several events is the page's or a section's, not an event's
    named = {line.index for line in found if line is not None}
    if len(named) < 2:
        return [None] * len(drafts)
    # a heading shared by several drafts heads a section (a day's list), not one announcement
    shared = {i for i in named if sum(line is not None and line.index == i for line in found) > 1}
    return [line if line is not None and line.index not in shared else None for line in found]
