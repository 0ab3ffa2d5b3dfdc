"""The whole submission flow in a real browser (Debian's Chromium through Playwright): paste the
origin document, choose among the weekday_mismatch candidates, send; log in as an editor,
publish; find the event on the agenda, on its page and in the ICS feed. The same with a flyer
photo drawn by the test and with a URL served on loopback. Screenshots go to
bench/out/screenshots/ (docs/screenshots/ with AFFICHE_SCREENSHOTS=docs/screenshots)."""

from __future__ import annotations

import contextlib
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.agenda_server import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    chromium,
    need_browser,
    serve,
)

pytest.importorskip("affiche.store")

ORIGIN = Path(__file__).resolve().parents[3] / "shared" / "examples" / "obspol-127bis.txt"
EDITOR, PASSWORD = "editor", "a long editor password 42"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
# A page of our own, served on loopback for the URL flow.
PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta property="article:published_time" content="2025-01-20T10:00:00+01:00">
<title>Vélorution de février</title></head><body><article>
<h1>Vélorution de février</h1>
<p>Publié le 20 janvier 2025.</p>
<p>Rendez-vous samedi 1er février à 15h au Mont des Arts, 1000 Bruxelles, pour une balade
à vélo festive à travers la ville. Venez avec vos sonnettes !</p>
<p>Contact : velo@example.org</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    need_browser()
    from affiche.store import Store

    folder = tmp_path_factory.mktemp("submit")
    database = f"sqlite:///{folder / 'agenda.db'}"
    store = Store(database)
    store.add_editor(EDITOR, PASSWORD)
    store.close()
    # The URL flow fetches from a loopback server: allowed by this explicit test-only switch.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AFFICHE_TEST_ALLOW_PRIVATE_FETCH", "1")
        patch.setenv("AFFICHE_SUBMIT_LIMIT", "1000")
        with serve(database) as base:
            yield {"base": base, "database": database}


@pytest.fixture(scope="module")
def browser(site: dict[str, Any]) -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture()
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.problems = []  # script errors, CSP violations, failed own requests, off-site requests
    page.on("console", lambda m: m.type == "error" and not m.text.startswith(
        "Failed to load resource") and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    # (ERR_ABORTED: a navigation interrupted a load, e.g. the icon, which is no fault)
    page.on("requestfailed", lambda r: urlsplit(r.url).hostname == "127.0.0.1"
            and "ERR_ABORTED" not in (r.failure or "")
            and page.problems.append(f"failed: {r.url} {r.failure}"))

    def route(request: Any) -> None:
        host = urlsplit(request.request.url).hostname or ""
        if host == "127.0.0.1":
            request.continue_()
            return
        if not host.endswith("tile.openstreetmap.org"):  # map tiles: the one allowed host
            page.problems.append(f"third-party request: {request.request.url}")
        request.abort()

    page.route("**/*", route)
    yield page
    context.close()


def shoot(page: Any, name: str) -> None:
    """Screenshots of the current page at desktop and phone widths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def send_and_publish(page: Any, base: str, title_part: str, shots: bool = False) -> str:
    """Send the checked form, log in, find the event in the queue and publish it; its slug."""
    page.get_by_role("button", name="Send to the editors").click()
    page.wait_for_selector("text=What happens next")
    page.goto(base + "/admin")
    if page.url.startswith(base + "/admin/login"):
        page.fill("#name", EDITOR)
        page.fill("#password", PASSWORD)
        page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("table.queue")
    if shots:
        shoot(page, "admin-queue")
    link = page.locator("table.queue a", has_text=title_part).first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_selector("text=Original source")
    if shots:
        shoot(page, "admin-edit")
        page.set_viewport_size(PHONE)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size(DESKTOP)
        assert width <= PHONE["width"], "the edit page scrolls sideways on a phone"
    page.get_by_role("button", name="Save and publish").first.click()
    page.wait_for_selector("text=published:")
    return href.rsplit("/", 1)[-1]


def check_published(page: Any, base: str, slug: str, title_part: str) -> str:
    """The event is on the agenda, on its page and in the ICS feed; the page's text."""
    page.goto(base + "/?past=1")
    assert page.locator("main", has_text=title_part).count() == 1
    page.goto(f"{base}/events/{slug}")
    text = page.inner_text("main")
    import icalendar

    ics = icalendar.Calendar.from_ical(page.request.get(base + "/events.ics?past=1").body())
    assert any(title_part in str(event.get("SUMMARY")) for event in ics.walk("VEVENT"))
    return text


def test_origin_document_pasted_checked_and_published(tab: Any, site: dict[str, Any]) -> None:
    if not ORIGIN.exists():
        pytest.skip(f"{ORIGIN} is missing (../shared beside the clone)")
    base = site["base"]
    tab.goto(base + "/submit")
    tab.fill("#text", ORIGIN.read_text(encoding="utf-8"))
    tab.get_by_role("button", name="Read the call").click()
    tab.wait_for_selector("fieldset.event-form")
    assert tab.locator('[data-code="weekday_mismatch"]').count() >= 1
    choices = tab.locator(".choices .choice")
    assert choices.count() >= 2
    sunday = tab.locator(".choices .choice", has_text="19 Jan")
    with tab.expect_navigation():
        sunday.click()  # first the wrong one, then the right one: each is one click, no script
    assert tab.input_value("#e0\\.start_date") == "2025-01-19"
    saturday = tab.locator(".choices .choice", has_text="18")
    with tab.expect_navigation():
        saturday.click()
    assert "18" in tab.inner_text(".choices .choice.current")
    assert tab.input_value("#e0\\.start_date") == "2025-01-18"
    assert tab.input_value("#e0\\.start_time") == "14:00"
    assert tab.input_value("#e0\\.mp0_time") == "13:30"
    shoot(tab, "submit-prefilled")
    slug = send_and_publish(tab, base, "Rassemblement", shots=True)
    text = check_published(tab, base, slug, "Rassemblement")
    assert "Nossegem" in text and "13:30" in text
    assert tab.problems == []


def _flyer() -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.new("RGB", (1600, 1250), (250, 248, 240))
    draw = ImageDraw.Draw(picture)
    lines = [("ASSEMBLÉE OUVERTE", 96), ("pour un quartier vivant", 64),
             ("Jeudi 30 janvier 2025 à 19h", 72), ("Maison de quartier Bonnevie", 60),
             ("Rue Bonnevie 40, 1080 Molenbeek", 60), ("Contact : bonnevie@example.org", 52)]
    y = 80
    for text, size in lines:
        font = ImageFont.truetype(FONT, size)
        draw.text((90, y), text, fill=(20, 20, 20), font=font)
        y += int(size * 1.7)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=90)
    return out.getvalue()


def test_flyer_photo_uploaded_checked_and_published(tab: Any, site: dict[str, Any],
                                                     tmp_path: Path) -> None:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed (make setup installs tesseract-ocr)")
    if not os.path.exists(FONT):
        pytest.skip(f"{FONT} is missing (Debian package fonts-dejavu-core)")
    flyer = tmp_path / "flyer-bonnevie.jpg"
    flyer.write_bytes(_flyer())
    base = site["base"]
    tab.goto(base + "/submit")
    tab.set_input_files("#file", str(flyer))
    tab.fill("#reference", "2025-01-20")
    tab.get_by_role("button", name="Read the call").click()
    tab.wait_for_selector("fieldset.event-form", timeout=60_000)
    assert tab.input_value("#e0\\.start_date") == "2025-01-30"
    assert tab.input_value("#e0\\.start_time") == "19:00"
    assert "Molenbeek" in tab.input_value("#e0\\.place_locality")
    assert tab.locator(".source .filename", has_text="flyer-bonnevie.jpg").count() == 1
    slug = send_and_publish(tab, base, "ASSEMBL")
    assert tab.locator("img.upload").count() == 0  # back on the queue
    tab.goto(f"{base}/admin/events/{slug}")
    assert tab.locator("img.upload").count() == 1
    check_published(tab, base, slug, "ASSEMBL")
    assert tab.problems == []


@contextlib.contextmanager
def _page_server() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/velorution"
    finally:
        server.shutdown()


def test_url_fetched_checked_and_published(tab: Any, site: dict[str, Any]) -> None:
    base = site["base"]
    with _page_server() as url:
        tab.goto(base + "/submit")
        tab.fill("#url", url)
        tab.get_by_role("button", name="Read the call").click()
        tab.wait_for_selector("fieldset.event-form")
    assert tab.input_value("#e0\\.start_date") == "2025-02-01"
    assert tab.input_value("#e0\\.start_time") == "15:00"
    slug = send_and_publish(tab, base, "Vélorution")
    check_published(tab, base, slug, "Vélorution")
    assert tab.problems == []


def test_phone_width_submit_form(browser: Any, site: dict[str, Any]) -> None:
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(site["base"] + "/submit")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the submit form scrolls sideways on a phone"
    page.screenshot(path=str(SCREENSHOTS / "submit-form-phone.png"), full_page=True)
    context.close()


# A call of our own whose weekday disagrees with its day of the month: the start is the field
# the calibrated confidence sends the editor to first.
DOUBTFUL = """Rassemblement pour le droit au logement

Rendez-vous samedi 19 à 15h place Flagey, 1050 Ixelles.
Départ groupé à 14h30 devant la gare du Luxembourg.
"""


def test_the_fields_to_check_come_first_and_are_outlined(tab: Any, site: dict[str, Any]) -> None:
    base = site["base"]
    tab.goto(base + "/submit")
    tab.fill("#text", DOUBTFUL)
    tab.fill("#reference", "2025-01-13")
    tab.get_by_role("button", name="Read the call").click()
    tab.wait_for_selector("fieldset.event-form")
    box = tab.locator(".check-first")
    assert box.is_visible()
    assert "Date and start time" in box.inner_text()
    # the box comes before the fields, and its link leads to the outlined field
    first_field = tab.locator("fieldset.event-form .field").first.bounding_box()
    assert box.bounding_box()["y"] < first_field["y"]
    when = tab.locator("#e0-field-start")
    assert "uncertain" in (when.get_attribute("class") or "")
    colour = when.evaluate("e => getComputedStyle(e).borderLeftColor")
    assert colour == "rgb(179, 38, 30)"
    tab.locator(".check-first a", has_text="Date and start time").click()
    assert tab.url.endswith("#e0-field-start")
    assert tab.locator('#e0-field-start [data-code="uncertain_start"]').count() == 1
    shoot(tab, "submit-uncertain")
    tab.set_viewport_size(PHONE)
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert tab.problems == []
