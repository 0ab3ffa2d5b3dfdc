"""Helpers of the submission and moderation tests: an app on a temporary store, a client that
reads a page's form like a browser would, and an editor's login."""

from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from affiche.web.app import create_app
from affiche.web.security import Protection
from affiche.web.settings import Settings

SECRET = "test-secret-" + "x" * 32
PASSWORD = "correct horse battery staple"
ORIGIN = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "obspol-127bis.txt"

# A call written for these tests: one rally, a weekday that disagrees with the day of the month.
CALL = """Rassemblement pour le droit au logement

Rendez-vous samedi 19 à 15h place Flagey, 1050 Ixelles.
Départ groupé à 14h30 devant la gare du Luxembourg.
Contact : logement-pour-tous@example.org
"""


def make_app(tmp_path: Path, database: str | None = None, **protection: Any) -> Any:
    """The agenda app on a fresh SQLite store (or `database`), with test limits."""
    settings = Settings(database=database or f"sqlite:///{tmp_path}/agenda.db", secret_key=SECRET)
    app = create_app(settings)
    limits = {"submit_limit": 1000, "login_limit": 1000, **protection}
    app.state.protection = Protection(**limits)
    return app


def client(app: Any, base_url: str = "http://testserver") -> TestClient:
    """A test client keeping cookies, raising no server exception into the test."""
    return TestClient(app, base_url=base_url, raise_server_exceptions=False,
                      follow_redirects=False)


class _Form(HTMLParser):
    """The successful controls of the first form whose action matches, as a browser sends."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action, self.inside, self.done = action, False, False
        self.values: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not self.done and a.get("action", "").startswith(self.action):
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type", "text") not in (
                "submit", "file", "checkbox", "radio", "button"):
            self.values.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select, self._select_value, self._first_option = a.get("name"), None, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self._select_value = a.get("value", "")
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "select" and self._select:
            value = self._select_value if self._select_value is not None else self._first_option
            self.values.append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text += data


def form_values(html: str, action: str = "/submit") -> dict[str, str]:
    """The values a browser would send with the form posting to `action`."""
    parser = _Form(action)
    parser.feed(html)
    return dict(parser.values)


def csrf_of(html: str) -> str:
    """The CSRF token of a page."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def extract(http: TestClient, text: str = CALL, **fields: str) -> Any:
    """Open /submit and send a text to read; the review page's response."""
    page = http.get("/submit")
    data = {"csrf": csrf_of(page.text), "action": "extract", "text": text,
            "reference": "2025-01-13", **fields}
    return http.post("/submit", data=data)


def press(http: TestClient, page: Any, action: str, path: str = "/submit",
          **changes: str) -> Any:
    """Press the button `action` on a review or edit page, with some fields changed."""
    data = form_values(page.text, path)
    data.update(changes)
    data["action"] = action
    return http.post(path, data=data)


def login(http: TestClient, store: Any, name: str = "ann", password: str = PASSWORD) -> Any:
    """Make an editor (if needed) through the Store API and log in."""
    with contextlib.suppress(Exception):  # already there
        store.add_editor(name, password)
    page = http.get("/admin/login")
    response = http.post("/admin/login", data={"csrf": csrf_of(page.text), "name": name,
                                               "password": password, "next": "/admin"})
    assert response.status_code == 303, response.text[:500]
    return response
