"""`affiche serve`: the web agenda on uvicorn.

Kept out of `affiche/cli.py` so the extractor's command line never imports the web stack; the
imports happen when the command runs.
"""

from __future__ import annotations

import errno
import socket

import click

from affiche.errors import InputError

__all__ = ["serve_command"]


def _check_port(host: str, port: int) -> None:
    """Fail with one line when the address cannot be listened on (in use, not ours)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise InputError(f"{host}:{port} is already in use; give another --port") from None
            raise InputError(f"cannot listen on {host}:{port} ({error.strerror})") from None


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--database", metavar="URL",
              help="Database URL; default: $AFFICHE_DATABASE, else sqlite:///affiche.db.")
@click.option("--tiles", metavar="URL",
              help="Map tile URL template with {z}/{x}/{y}; default: OpenStreetMap's.")
@click.option("--base-url", metavar="URL",
              help="Public address of the agenda, for links in feeds; default: "
                   "$AFFICHE_BASE_URL, else http://HOST:PORT.")
@click.option("--site-name", metavar="NAME", help="Name shown in the header and feeds.")
def serve_command(host: str, port: int, database: str | None, tiles: str | None,
                  base_url: str | None, site_name: str | None) -> None:
    """Serve the web agenda: pages, map, feeds (and submission and moderation)."""
    import os

    import uvicorn

    from affiche.web.app import create_app
    from affiche.web.settings import Settings

    shown = f"[{host}]" if ":" in host else host
    if base_url is None and not os.environ.get("AFFICHE_BASE_URL"):
        base_url = f"http://{shown}:{port}"
    settings = Settings.from_env(database=database, tiles=tiles, base_url=base_url,
                                 site_name=site_name)
    _check_port(host, port)
    app = create_app(settings)
    click.echo(f"affiche: serving the agenda on http://{shown}:{port}/ "
               f"(database {settings.database}; Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False,
                proxy_headers=False)
