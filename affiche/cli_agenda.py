"""The editors' command line: add calls to the agenda, moderate, export and import events.

`affiche add`, `queue`, `publish`, `reject`, `cancel`, `postpone`, `editor add`, `export` and
`import`, all on the database of `--database URL`, else `$AFFICHE_DATABASE`, else
`sqlite:///affiche.db`. Every bad input is one line `affiche: error: …` and exit 2 (the group
of affiche.cli does that for `AfficheError`).
"""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click

from affiche.cli import LANGS, check_timezone, parse_reference
from affiche.errors import AfficheError, InputError
from affiche.model import Document
from affiche.store.types import DEFAULT_URL, SourceIn, StoredEvent

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) is imported when a command opens it
    from affiche.store import Store

__all__ = ["COMMANDS", "register", "add_command", "open_store", "actor", "database_option"]

EXPORT_FORMATS = ("ics", "json", "jsonld", "atom", "csv")
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
PASSWORD_ENV = "AFFICHE_EDITOR_PASSWORD"
_MAX_SOURCE_BYTES = 20 * 2**20

database_option = click.option(
    "--database", "database", envvar="AFFICHE_DATABASE", default=DEFAULT_URL,
    show_default=True, metavar="URL",
    help="The agenda's database: sqlite:///FILE or postgresql+psycopg://USER@HOST/NAME "
         "(default from $AFFICHE_DATABASE).")


def open_store(database: str) -> Store:
    """The agenda's store at `database` (migrated); `InputError` on a bad URL."""
    from affiche.store import Store

    return Store(database)


def actor() -> str:
    """Who the audit log names for a command-line change: cli:LOGIN."""
    try:
        return f"cli:{os.getlogin()}"
    except OSError:
        return "cli"


def _file_bytes(path: Path, media_type: str | None) -> bytes | None:
    """The file to keep beside the event: images re-encoded without EXIF (GPS), others as is."""
    try:
        if path.stat().st_size > _MAX_SOURCE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if not (media_type or "").startswith("image/"):
        return data
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as image:
            clean = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            clean.save(out, format="PNG" if media_type == "image/png" else "JPEG", quality=90)
            return out.getvalue()
    except (OSError, ValueError):
        return None


def source_of(document: Document) -> SourceIn:
    """What an added event was read from: the text, with the URL or the file (cleaned)."""
    name = document.source
    if document.url or urlsplit(name).scheme in ("http", "https"):
        return SourceIn(kind="url", text=document.text, url=document.url or name)
    if name in ("-", ""):
        return SourceIn(kind="text", text=document.text)
    path = Path(name)
    media_type = mimetypes.guess_type(path.name)[0]
    if media_type and media_type.startswith("image/") and media_type != "image/png":
        media_type = "image/jpeg"  # re-encoded below
    return SourceIn(kind="file", text=document.text, filename=path.name, media_type=media_type,
                    content=_file_bytes(path, media_type))


@click.command("add")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--publish", is_flag=True, help="Publish at once instead of queueing as pending.")
@database_option
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeat for more).")
@click.option("--allow-duplicate", is_flag=True,
              help="Add an event even when the agenda already has the same one.")
@click.option("--reference", metavar="DATE",
              help="Reference date (YYYY-MM-DD or ISO datetime) for relative dates.")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the text; default: detected.")
@click.option("--timezone", default="Europe/Brussels", show_default=True,
              help="IANA time zone of the events.")
@click.option("--geocoder", type=click.Choice(("offline", "nominatim", "none")),
              default="offline", show_default=True, help="Where coordinates come from.")
@click.option("--nominatim-url", metavar="URL", help="Nominatim server for --geocoder nominatim.")
def add_command(sources: tuple[str, ...], publish: bool, database: str, tags: tuple[str, ...],
                allow_duplicate: bool, reference: str | None, lang: str | None, timezone: str,
                geocoder: str, nominatim_url: str | None) -> None:
    """Read each SOURCE (file, folder, URL or - for stdin), store its events, print their slugs."""
    from affiche import pipeline

    timezone = check_timezone(timezone)
    ref = parse_reference(reference, timezone)
    if geocoder == "nominatim" and not nominatim_url:
        raise InputError("--geocoder nominatim needs --nominatim-url URL")
    options = pipeline.Options(lang=lang, timezone=timezone, geocoder=geocoder,
                               nominatim_url=nominatim_url)
    status = "published" if publish else "pending"
    failures = 0
    with open_store(database) as store:
        for item in pipeline.read_sources(list(sources), ref, timezone):
            if isinstance(item, Exception):
                click.echo(f"affiche: error: {item}", err=True)
                failures += 1
                continue
            try:
                events = pipeline.run(item, options)
            except AfficheError as error:
                click.echo(f"affiche: error: {item.source}: {error}", err=True)
                failures += 1
                continue
            if not events:
                click.echo(f"affiche: {item.source}: no event found", err=True)
                continue
            source = source_of(item)
            for event in events:
                twins = [] if allow_duplicate else store.duplicates(event)
                if twins:
                    click.echo(f"affiche: {item.source}: {event.title or event.kind!r} is "
                               f"already in the agenda as {twins[0].slug}; not added "
                               "(--allow-duplicate adds it anyway)", err=True)
                    continue
                stored = store.add(event, status=status, source=source, tags=tags,
                                   actor=actor())
                click.echo(stored.slug)
    if failures:
        raise click.exceptions.Exit(2)


def _when_text(stored: StoredEvent) -> str:
    start = stored.event.start
    if start is None:
        return "undated"
    if isinstance(start, dt.datetime):
        return start.strftime("%Y-%m-%d %H:%M")
    return start.isoformat()


@click.command("queue")
@database_option
@click.option("--limit", type=click.IntRange(1, 10_000), default=100, show_default=True,
              help="At most this many events.")
def queue_command(database: str, limit: int) -> None:
    """List the pending events, newest first: slug, date, title, warning count (tab-separated)."""
    with open_store(database) as store:
        items, total = store.queue(limit=limit)
    if not items:
        click.echo("affiche: the queue is empty", err=True)
    for stored in items:
        count = stored.warning_count
        click.echo("\t".join((stored.slug, _when_text(stored), stored.event.title or "(no title)",
                              f"{count} warning{'' if count == 1 else 's'}")))
    if total > len(items):
        click.echo(f"affiche: {total - len(items)} more pending (use --limit)", err=True)


def _each_slug(database: str, slugs: tuple[str, ...],
               change: Callable[[Store, str], StoredEvent]) -> None:
    """Apply `change` to each slug, printing it; unknown slugs are reported, then exit 2."""
    failures = 0
    with open_store(database) as store:
        for slug in slugs:
            try:
                stored = change(store, slug)
            except AfficheError as error:
                click.echo(f"affiche: error: {error}", err=True)
                failures += 1
                continue
            click.echo(stored.slug)
    if failures:
        raise click.exceptions.Exit(2)


@click.command("publish")
@click.argument("slugs", nargs=-1, required=True, metavar="SLUG...")
@database_option
def publish_command(slugs: tuple[str, ...], database: str) -> None:
    """Publish events of the queue (or put a rejected one back on the agenda)."""
    _each_slug(database, slugs,
               lambda store, slug: store.set_status(slug, "published", actor=actor()))


@click.command("reject")
@click.argument("slug")
@click.option("--why", required=True, metavar="TEXT", help="The reason, kept in the audit log.")
@database_option
def reject_command(slug: str, why: str, database: str) -> None:
    """Reject an event, with the reason."""
    _each_slug(database, (slug,),
               lambda store, s: store.set_status(s, "rejected", actor=actor(), reason=why))


@click.command("cancel")
@click.argument("slug")
@click.option("--why", metavar="TEXT", help="The reason, shown on the event's page.")
@database_option
def cancel_command(slug: str, why: str | None, database: str) -> None:
    """Mark a published event as cancelled (it stays listed, with a banner)."""
    _each_slug(database, (slug,),
               lambda store, s: store.set_status(s, "cancelled", actor=actor(), reason=why))


@click.command("postpone")
@click.argument("slug")
@click.option("--to", "new_start", metavar="DATE",
              help="The new start (YYYY-MM-DD or ISO datetime); omit when not yet known.")
@click.option("--why", metavar="TEXT", help="The reason, shown on the event's page.")
@database_option
def postpone_command(slug: str, new_start: str | None, why: str | None, database: str) -> None:
    """Postpone an event, to a new date when it is known."""
    _each_slug(database, (slug,),
               lambda store, s: store.set_status(s, "postponed", actor=actor(), reason=why,
                                                 new_start=new_start))


@click.group("editor")
def editor_group() -> None:
    """Editor accounts of the web agenda's moderation pages."""


def _password() -> str:
    """The new password: from $AFFICHE_EDITOR_PASSWORD, else asked twice on the terminal."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise InputError(f"no terminal to ask the password on; run this in a terminal or set "
                         f"{PASSWORD_ENV}")
    value: str = click.prompt("Password", hide_input=True, confirmation_prompt="Again")
    return value


@editor_group.command("add")
@click.argument("name")
@database_option
def editor_add_command(name: str, database: str) -> None:
    """Create the editor account NAME (the password is asked for, never given as an argument)."""
    with open_store(database) as store:
        editor = store.add_editor(name, _password())
    click.echo(f"editor {editor.name} created")


@editor_group.command("password")
@click.argument("name")
@database_option
def editor_password_command(name: str, database: str) -> None:
    """Give the editor NAME a new password (asked for like `editor add`); lifts a lockout."""
    with open_store(database) as store:
        store.editor(name)
        editor = store.set_editor_password(name, _password())
    click.echo(f"editor {editor.name}: password changed")


@editor_group.command("list")
@database_option
def editor_list_command(database: str) -> None:
    """List the editor accounts: name, creation day, and a lockout if there is one."""
    with open_store(database) as store:
        editors = store.editors()
    if not editors:
        click.echo("affiche: no editor yet (affiche editor add NAME)", err=True)
    now = dt.datetime.now(dt.UTC)
    for editor in editors:
        locked = editor.locked_until is not None and editor.locked_until > now
        state = f"locked until {editor.locked_until:%Y-%m-%d %H:%M} UTC" if locked else "active"
        click.echo("\t".join((editor.name, editor.created.date().isoformat(), state)))


COMMANDS: dict[str, click.Command] = {
    "add": add_command, "queue": queue_command, "publish": publish_command,
    "reject": reject_command, "cancel": cancel_command, "postpone": postpone_command,
    "editor": editor_group,
}


def register(group: click.Group) -> None:
    """Add the agenda commands (and export/import of affiche.cli_export) to `group`."""
    from affiche.cli_export import export_command, import_command

    for name, command in {**COMMANDS, "export": export_command,
                          "import": import_command}.items():
        group.add_command(command, name)

