"""Titles: the heading each announcement of several stands under ("Vigil for the river" ↵
"Vigil on Saturday …" ↵↵ "Rally against the cuts" ↵ "Rally on …"), from the layout."""

from __future__ import annotations

from affiche.extract import cues, describe
from affiche.extract.layout import Layout, Line
from affiche.extract.points import Draft
from affiche.model import Event

__all__ = ["own_headings", "assign_titles", "section_headings"]


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


def assign_titles(built: list[Event], drafts: list[Draft], headings: list[Line | None],
                  title: str | None, title_span: tuple[int, int] | None, lang: str) -> None:
    """Title each event: its own heading, else the text's headline for the first one, else a
    title made of its kind, town and day."""
    # a page heading that names no kind of event ("Agenda de la semaine") titles no one
    # event of several, unless they are the items of one programme
    own_title = bool(title) and (len(built) <= 1 or drafts[0].umbrella or any(
        pattern.search(title or "") for _, pattern in cues.cue_table(lang, "kinds")))
    for index, (event, heading) in enumerate(zip(built, headings, strict=True)):
        if heading is not None:
            event.title = heading.text.strip()
            begins = heading.start + heading.text.find(event.title)
            event.evidence["title"] = (begins, begins + len(event.title))
        elif index == 0 and title and own_title:
            event.title = title
            if title_span:
                event.evidence["title"] = title_span
        else:
            event.title = describe.generated_title(lang, event.kind, event.place, event.start)


def section_headings(drafts: list[Draft], layout: Layout) -> list[Line | None]:
    """Per draft, the heading of the list its start is an item of ("Rallies planned in the
    north" over "Leeds: Park Square, 12:00 …"), or None: what names the items' kind."""
    return [layout.section_heading(d.start.unit.start) if d.start is not None
            else None for d in drafts]
