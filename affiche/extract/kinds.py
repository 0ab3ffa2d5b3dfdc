"""The kind of an event: a scored decision (`kind_of` in weights.toml) over its cue words.

Cue words of each kind (`kindcues`) are counted in the event's own sentence (its head cue counts
double: the one right after the start time, "à 20h avec la chorale", else the one opening the
sentence, else the nearest; never a topic, "sur les grèves", a sequel, "suivi d'un concert", or a
word of a name), its other sentences, the headline and the whole text (capped), so a rally
announced in a text that also speaks of "manifestations" in general stays a rally. A generic
word of calls to act ("action", "mobilisation") is no head cue beside a word of the event's form
and counts less. Street protests are then told apart by shape (named march, national call,
route, site); a programme item is what its own line says, and a programme of items of several
kinds is "other".
"""

from __future__ import annotations

import bisect
import re

from affiche.extract import cues, scoring
from affiche.extract.kindcues import (
    Cue,
    Focus,
    after_then,
    find_cues,
    head_cue,
    is_generic,
    is_topic,
)
from affiche.extract.segment import Unit
from affiche.model import KINDS

__all__ = ["choose_kind"]


def choose_kind(lang: str, units: list[Unit], title: str | None, counts: dict[str, int],
                masked: list[tuple[int, int]], focus: Focus | None = None,
                ) -> tuple[str, tuple[int, int] | None]:
    """The most likely kind, with the span of the cue that decided it. The event's own sentence
    (the first of `units`) weighs most, its head cue (`_head`) above all, then the
    other sentences of the event, the headline and the whole text (`kind_counts`). A programme
    item is what its own line says; a programme of items of several kinds is "other"."""
    focus = focus or Focus()
    own = [find_cues(lang, unit.text, unit.start, masked, focus.text) for unit in units]
    if focus.item:
        # an item's label names what it is about after a topic word ("8.45pm — speakers from
        # the strike"): that is no kind of the item
        own = [[c for c in found if not is_topic(lang, focus.text, c)] for found in own]
    if focus.umbrella:
        # a programme is what its headline names ("Soirée de soutien aux grévistes" with an
        # apéro, a meal and concerts is a benefit evening), not its first item
        named = _headline_names(lang, title, masked, focus)
        if named is not None:
            return _refine(lang, named.kind, units, own, title, focus, masked, named), None
        if len(_programme_heads(lang, masked, focus)) > 1:
            return "other", None  # a day of workshops, talks and music is none of them
    features: dict[str, dict[str, float]] = {kind: {} for kind in KINDS}
    spans: dict[str, tuple[int, int]] = {}

    def count(cue: Cue, feature: str, span: bool = True, within: str | None = None) -> None:
        """One more cue of its kind for `feature`; a generic word also counts as `generic`."""
        found = features[cue.kind]
        found[feature] = found.get(feature, 0.0) + 1.0
        if feature != "head" and is_generic(lang, focus.text if within is None else within, cue):
            found["generic"] = found.get("generic", 0.0) + 1.0
        if span:
            spans.setdefault(cue.kind, (cue.start, cue.end))

    roles = _clause_roles(lang, units[0], own[0], focus) if own else {}
    mine = [c for c in own[0] if roles.get(c) is None] if own else []
    head = head_cue(lang, mine, _time_span(focus, masked), focus.text) if mine else None
    if head:
        count(head, "head")
    for index, found in enumerate(own):
        for cue in found:
            count(cue, (roles.get(cue) or "own_sentence") if index == 0 else "other_sentence")
    if not spans and units and not focus.item:
        # "Les marches continuent. Prochain rendez-vous jeudi à 10h30": a sentence that names
        # nothing goes on from the one before it in its paragraph
        for cue in _sentence_before(lang, units[0], masked, focus):
            count(cue, "previous")
    if not spans:
        for index, cue in enumerate(_block(lang, units, masked, focus)):
            count(cue, "block_first" if index == 0 else "block")  # the title line comes first
    if focus.item and not spans and len(_programme_heads(lang, masked, focus, before=15)) > 1:
        return "other", None  # an unnamed item among workshops, talks and concerts
    headline = _title_cues(lang, title, masked, focus)
    if not (spans and focus.item):  # an item that names nothing is what the page is about
        in_text = bool(title and focus.text and title in focus.text)
        within = focus.text if in_text else (title or "")
        for cue in headline:  # cues of a headline not in the text are offsets into the title
            # "Rassemblement et pique-nique puis manifestation": what comes next is no name;
            # "Soirée de soutien aux grévistes": nor is a topic
            if is_topic(lang, within, cue):
                continue
            feature = "sequel" if after_then(lang, within, cue) else "headline"
            count(cue, feature, span=False, within=within)
        for kind in KINDS:
            features[kind]["text"] = min(4.0, float(counts.get(kind, 0)))
    if not focus.item and _asks(title, _block_text(units, masked, focus)):
        # "Who should run London?", "Faut-il encore manifester ?": a talk is named by its question
        features["meeting"]["question_title"] = 1.0
    scores = {kind: scoring.total("kind_of", features[kind]) for kind in KINDS}
    best = max(KINDS, key=lambda k: (scores[k], -KINDS.index(k)))
    if scores[best] == 0:
        return "other", None
    if best == "meeting" and any(c.kind == "screening" for c in [*headline, *mine]
                                 if roles.get(c) != "other_clause"):
        best = "screening"  # a film followed by a debate is a screening
    named = [*headline, *(cue for found in own for cue in found)]
    if best == "rally" and any(cue.kind == "vigil" for cue in named):
        best = "vigil"  # "we gather at 7pm" for a vigil: the gathering is the vigil's form
    return _refine(lang, best, units, own, title, focus, masked, head), spans.get(best)


def _refine(lang: str, kind: str, units: list[Unit], own: list[list[Cue]],
            title: str | None, focus: Focus, masked: list[tuple[int, int]],
            head: Cue | None = None) -> str:
    """Street protests by their shape. An event named a march ("marche", "mars", "march") in
    its own sentences is a march, even a national one; a national or union call in its own
    sentences or the headline stays a demonstration; a route in its own sentences makes a
    march; a national call in its paragraph, a demonstration; a procession word ("cortège"),
    a march; a site ("devant la préfecture"), a rally. A rally named so by its head noun
    ("rassemblement", not "se rassembleront") stays one when unions call it."""
    if kind not in ("demonstration", "rally", "march"):
        return kind
    rally_nouns = cues.cue_pattern(lang, "kind_shape.named_rally")
    named_rally = kind == "rally" and head is not None and head.kind == "rally" and bool(
        rally_nouns.fullmatch(focus.text[head.start:head.end]))
    # a rally named so in its own sentence is shaped by it and what follows it ("le cortège
    # se rendra ensuite au parc"): a march told before it ("l'extrême droite prévoit un
    # défilé … Nous appelons à un rassemblement") is another event's
    told = [index for index, unit in enumerate(units)
            if index and (not named_rally or unit.start > units[0].start)]
    words = " ".join([_own_clause_text(lang, units[0], focus), *(units[i].text for i in told)])
    named = cues.cue_pattern(lang, "kind_shape.named_march")
    marches = [focus.text[c.start:c.end] if focus.text else "" for index in [0, *told]
               for c in own[index] if c.kind == "march"] if own else []
    if kind == "march":
        marches += [title[c.start - t:c.end - t] for c in _title_cues(lang, title, masked, focus)
                    if c.kind == "march" and title and (t := _title_at(title, focus)) >= 0]
    if any(named.fullmatch(m) for m in marches):
        return "march"
    national = cues.cue_pattern(lang, "national")
    if not named_rally and national.search(" ".join((words, title or ""))):
        return "demonstration"
    if cues.cue_pattern(lang, "route").search(words):
        return "march"
    if not named_rally and national.search(_paragraph(focus)):
        return "demonstration"
    if kind == "march" or marches:
        return "march"
    if cues.cue_pattern(lang, "route").search(_lines_after(focus, units[0].end, masked)):
        return "march"  # "Assemble 12pm / Rally 12.30pm / Set off at 1pm"
    if kind == "demonstration" and cues.cue_pattern(lang, "static").search(words):
        return "rally"
    return kind


_CLAUSE_END = re.compile(r";")


def _clauses(lang: str, unit: Unit, focus: Focus) -> tuple[list[int], set[int], int]:
    """The clauses of the event's own sentence: where each ends (a semicolon or a
    `kind_shape.then` word), which of them hold a time, and which holds the event's own."""
    text = unit.text
    then = cues.cue_pattern(lang, "kind_shape.then")
    cuts = sorted({unit.start + m.start() for m in _CLAUSE_END.finditer(text)}
                  | {unit.start + m.start() for m in then.finditer(text)})
    end = unit.start + len(text)
    timed = {bisect.bisect_right(cuts, a) for a, _ in focus.times if unit.start <= a < end}
    return cuts, timed, bisect.bisect_right(cuts, focus.at or unit.start)


def _clause_roles(lang: str, unit: Unit, found: list[Cue], focus: Focus) -> dict[Cue, str]:
    """The cues of the event's own sentence that do not name it, each with its feature: in a
    sentence of several timed clauses ("piquet à 8h ; à 14h, rassemblement", "rassemblement
    à 18h, suivi d'un concert à 18h30") a cue of another time's clause is `other_clause`; in a
    sentence of one timed clause, a cue after a word of what comes next ("suivi d'un
    concert") is `sequel`."""
    if not found or focus.at is None or not focus.text:
        return {}
    cuts, timed, own = _clauses(lang, unit, focus)
    roles: dict[Cue, str] = {}
    for cue in found:
        clause = bisect.bisect_right(cuts, cue.start)
        if len(timed) > 1:
            if clause != own and clause in timed:
                roles[cue] = "other_clause"
        elif after_then(lang, focus.text, cue):
            roles[cue] = "sequel"
    return roles


def _own_clause_text(lang: str, unit: Unit, focus: Focus) -> str:
    """The event's own sentence without the clauses of its other times ("rassemblement à
    14h ; à 18h, manifestation au départ de la gare": the route is the later event's)."""
    if focus.at is None or not focus.text:
        return unit.text
    cuts, timed, own = _clauses(lang, unit, focus)
    if len(timed) < 2:
        return unit.text
    bounds = [unit.start, *cuts, unit.start + len(unit.text)]
    return " ".join(focus.text[bounds[i]:bounds[i + 1]] for i in range(len(bounds) - 1)
                    if i == own or i not in timed)


_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def _sentence_before(lang: str, unit: Unit, masked: list[tuple[int, int]],
                     focus: Focus) -> list[Cue]:
    """The cues of the sentence right before `unit` in its paragraph (none across a blank
    line or a line break: a heading or a list line is no sentence going on)."""
    text = focus.text
    if not text or unit.start <= 0:
        return []
    low = max(0, unit.start - 300)
    before = text[low:unit.start]
    cut = before.rfind("\n")
    if cut >= 0 and not before[cut:].strip():
        return []  # the unit opens its line: what stands above is another line
    start = low + cut + 1 if cut >= 0 else low
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, unit.start)]
    if len(ends) > 1:
        start = ends[-2]
    elif not ends:
        return []
    return find_cues(lang, text[start:unit.start], start, masked, text)


def _headline_names(lang: str, title: str | None, masked: list[tuple[int, int]],
                    focus: Focus) -> Cue | None:
    """The headline's word of a kind that names what it announces ("Soirée de soutien aux
    grévistes", "Cycloparade féministe"): the first that is no topic nor what comes next."""
    if not title:
        return None
    within = focus.text if focus.text and title in focus.text else title
    return next((c for c in _title_cues(lang, title, masked, focus)
                 if not is_topic(lang, within, c) and not after_then(lang, within, c)), None)


def _title_at(title: str, focus: Focus) -> int:
    """Where the headline's cue offsets start: its place in the text, else 0."""
    where = focus.text.find(title) if focus.text else -1
    return where if where >= 0 else 0


def _paragraph(focus: Focus, reach: int = 400) -> str:
    """The paragraph (between blank lines) around the event's start time, at most `reach`
    characters either side of it."""
    if not focus.text or focus.at is None:
        return ""
    low, high = max(0, focus.at - reach), min(len(focus.text), focus.at + reach)
    breaks = [m.end() for m in _BLANK.finditer(focus.text, low, focus.at)]
    after = _BLANK.search(focus.text, focus.at, high)
    return focus.text[breaks[-1] if breaks else low:after.start() if after else high]


def _lines_after(focus: Focus, start: int, masked: list[tuple[int, int]],
                 reach: int = 150) -> str:
    """The text from the event's own sentence (at `start`) on, up to a blank line or `reach`
    characters, that still speaks of it: a line that opens with a time of its own is another
    item."""
    if not focus.text or focus.at is None:
        return ""
    end = min(len(focus.text), focus.at + reach)
    blank = _BLANK.search(focus.text, focus.at, end)
    others = [(a, b) for a, b in masked if not a <= focus.at < b]  # its own time runs on
    taken = []
    offset = start
    # a sentence closed by a semicolon leaves the rest of its line to a clause of its own
    # ("rassemblement à 14h ; à 18h, manifestation au départ de la gare")
    clause = focus.text[start - 1:start] == ";"
    for index, line in enumerate(focus.text[start:blank.start() if blank else end].split("\n")):
        if (index or clause) and _opens_with_time(line, offset, others):
            break
        taken.append(line)
        offset += len(line) + 1
    return "\n".join(taken)


def _opens_with_time(line: str, offset: int, masked: list[tuple[int, int]]) -> bool:
    """True for a line (at `offset`) that opens with a time, after any bullet: "13h : atelier",
    "> 20u: optreden" (a masked time expression covers its first characters)."""
    lead = offset + len(_BULLET.match(line).group())  # type: ignore[union-attr]
    return any(a <= lead + 3 and lead < b for a, b in masked)


_BLANK = re.compile(r"\n[ \t]*\n")


def _time_span(focus: Focus, masked: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the event's start time: the masked time expression that begins at it."""
    if focus.at is None:
        return None
    ends = [b for a, b in masked if a == focus.at]
    return (focus.at, max(ends) if ends else focus.at)


def _title_cues(lang: str, title: str | None, masked: list[tuple[int, int]],
                focus: Focus) -> list[Cue]:
    """The cues of the headline; where it is a line of the text, its dates are masked as there
    (a headline "le mardi 28 mars" names no march)."""
    if not title:
        return []
    where = focus.text.find(title) if focus.text else -1
    if where < 0:
        return find_cues(lang, title, 0, [])
    return find_cues(lang, title, where, masked, focus.text)


def _programme_heads(lang: str, masked: list[tuple[int, int]], focus: Focus,
                     before: int = 0, lines: int = 30) -> set[str]:
    """The kinds named first on the programme lines around the start (lines that open with
    their time: "13h : atelier", "> 20u: optreden"), from `before` lines above the start's
    line, `lines` lines in all. A list of sites opens with towns and has no such lines."""
    if not focus.text or focus.at is None:
        return set()
    start = focus.text.rfind("\n", 0, focus.at) + 1
    for _ in range(before):
        if start == 0:
            break
        start = focus.text.rfind("\n", 0, start - 1) + 1
    heads: set[str] = set()
    offset = start
    for line in focus.text[start:].split("\n")[:lines]:
        if _opens_with_time(line, offset, masked):
            found = find_cues(lang, line, offset, masked, focus.text)
            head = head_cue(lang, found, None, focus.text)
            if head:
                heads.add(head.kind)
        offset += len(line) + 1
    return heads


_BULLET = re.compile(r"[\s>•·*▶︎►\-–—]*")


def _block_span(units: list[Unit], masked: list[tuple[int, int]],
                focus: Focus) -> tuple[int, int]:
    """Where the lines right after the event's own sentence run, up to the next time or
    address (at most 400 characters)."""
    start = units[0].end
    later = [a for a, _ in masked if a >= start]
    return start, min([start + 400, len(focus.text)] + later)


def _block(lang: str, units: list[Unit], masked: list[tuple[int, int]],
           focus: Focus) -> list[Cue]:
    """The cues of the lines right after the event's own sentence, up to the next time or
    address: on an agenda page the date line comes first and what happens follows it."""
    if not focus.text or not units:
        return []
    start, end = _block_span(units, masked, focus)
    return find_cues(lang, focus.text[start:end], start, masked, focus.text)


def _block_text(units: list[Unit], masked: list[tuple[int, int]], focus: Focus) -> str:
    """The text of the lines right after the event's own sentence (see `_block`)."""
    if not focus.text or not units:
        return ""
    start, end = _block_span(units, masked, focus)
    return focus.text[start:end]


def _asks(title: str | None, block: str) -> bool:
    """True when the headline, or a line of its own after the event's date line, is a short
    question: the title of a talk or a debate."""
    lines = [title or "", *block.split("\n")]
    return any(line.strip().endswith("?") and 3 <= len(line.split()) <= 14 for line in lines)


# a sentence end followed by another sentence: a line of prose, not a title
# (not after an abbreviation: "St. Mary's", "M. Dupont")
