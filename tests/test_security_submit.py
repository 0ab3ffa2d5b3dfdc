"""One test per attack on the submission and moderation pages; each asserts the attack fails."""

from __future__ import annotations

import io
import re
import struct
import zlib

import pytest
from submitkit import CALL, PASSWORD, client, csrf_of, extract, form_values, login, make_app, press

from affiche.web import intake, submit


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def http(app):
    with client(app) as c:
        yield c


def payload(tag: str) -> str:
    """A script tag and an attribute breakout, marked with `tag`."""
    return f"<script>alert('{tag}')</script>\"'><img src=x onerror=alert('{tag}')>"


def unescaped(html: str, tag: str) -> bool:
    """True when the payload marked `tag` reached the page as markup."""
    return (f"<script>alert('{tag}')" in html or f"<img src=x onerror=alert('{tag}')" in html
            or f"onerror=alert('{tag}')>" in html.replace("&gt;", ">") and
            f"<img src=x onerror=alert('{tag}')" in html)


TEXT_FIELDS = ["title", "place_name", "place_street", "place_postcode", "place_locality",
               "mp0_name", "mp0_street", "mp0_locality", "mp0_note", "tr0_from", "tr0_to",
               "tr0_note", "contacts", "organisers", "tags", "description", "timezone"]


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_stored_xss_in_each_field_is_escaped_everywhere(http, app, field):
    page = extract(http)
    evil = payload(field)
    changes = {f"e0.{field}": evil, "contact": payload("contact")}
    review = press(http, page, "refresh", **changes)
    assert not unescaped(review.text, field)
    if field == "timezone":
        refused = press(http, review, "confirm", **changes)
        assert refused.status_code == 400 and not unescaped(refused.text, field)
        return
    assert press(http, review, "confirm", **changes).status_code == 200
    store = app.state.store
    (item,), _ = store.queue()
    login(http, store)
    pages = [http.get("/admin"), http.get(f"/admin/events/{item.slug}")]
    store.set_status(item.slug, "published", actor="test")
    pages += [http.get("/?past=1"), http.get(f"/events/{item.slug}"), http.get("/embed?past=1"),
              http.get("/map?past=1")]
    for answer in pages:
        assert answer.status_code == 200, answer.url
        assert not unescaped(answer.text, field), answer.url
        assert not unescaped(answer.text, "contact"), answer.url
    assert "contact')" not in http.get(f"/events/{item.slug}").text  # never published


def test_xss_in_the_source_text_is_escaped(http, app):
    text = CALL + "\n" + payload("source") + "\n"
    review = extract(http, text=text)
    assert review.status_code == 200
    assert not unescaped(review.text, "source")
    press(http, review, "confirm")
    (item,), _ = app.state.store.queue()
    login(http, app.state.store)
    assert not unescaped(http.get(f"/admin/events/{item.slug}").text, "source")


def test_xss_in_a_file_name_is_escaped(http, app):
    name = "<img src=x onerror=alert('name')>.txt"
    page = http.get("/submit")
    review = http.post("/submit", data={"csrf": csrf_of(page.text), "action": "extract",
                                        "reference": "2025-01-13"},
                       files={"file": (name, io.BytesIO(CALL.encode()), "text/plain")})
    assert review.status_code == 200
    assert not unescaped(review.text, "name")
    press(http, review, "confirm")
    (item,), _ = app.state.store.queue()
    login(http, app.state.store)
    assert not unescaped(http.get(f"/admin/events/{item.slug}").text, "name")


def test_a_javascript_link_is_refused(http):
    page = extract(http)
    refused = press(http, page, "confirm", **{"e0.url": "javascript:alert(1)"})
    assert refused.status_code == 400
    assert 'href="javascript:' not in refused.text


def test_path_traversal_in_a_file_name_is_only_a_label(http, app, tmp_path):
    target = tmp_path / "escaped.txt"
    name = "../" * 12 + str(target).lstrip("/")
    page = http.get("/submit")
    review = http.post("/submit", data={"csrf": csrf_of(page.text), "action": "extract",
                                        "reference": "2025-01-13"},
                       files={"file": (name, io.BytesIO(CALL.encode()), "text/plain")})
    assert review.status_code == 200
    press(http, review, "confirm")
    (item,), _ = app.state.store.queue()
    assert app.state.store.sources(item.slug)[0].filename == "escaped.txt"
    assert not target.exists()
    assert intake.safe_filename("..\\..\\windows\\system32\\x.png\x00") == "x.png"


# ---- CSRF ----

def test_csrf_missing_token_is_refused(http, app):
    http.get("/submit")
    answer = http.post("/submit", data={"action": "extract", "text": CALL})
    assert answer.status_code == 403


def test_csrf_wrong_token_is_refused(http):
    http.get("/submit")
    answer = http.post("/submit", data={"csrf": "0" * 64, "action": "extract", "text": CALL})
    assert answer.status_code == 403


def test_csrf_token_of_another_visitor_is_refused(app):
    with client(app) as victim, client(app) as attacker:
        token = csrf_of(attacker.get("/submit").text)
        victim.get("/submit")
        answer = victim.post("/submit", data={"csrf": token, "action": "extract", "text": CALL})
        assert answer.status_code == 403


def test_csrf_from_another_origin_is_refused(http):
    token = csrf_of(http.get("/submit").text)
    answer = http.post("/submit", data={"csrf": token, "action": "extract", "text": CALL},
                       headers={"Origin": "https://evil.example"})
    assert answer.status_code == 403


def test_csrf_on_admin_actions_even_when_logged_in(http, app):
    page = extract(http)
    press(http, page, "confirm")
    (item,), _ = app.state.store.queue()
    login(http, app.state.store)
    answer = http.post(f"/admin/events/{item.slug}", data={"action": "publish",
                                                          "version": str(item.version)})
    assert answer.status_code == 403
    assert app.state.store.get(item.slug).status == "pending"
    page = http.get("/admin")
    assert http.post("/admin/logout", data={}).status_code == 403


def test_csrf_on_login(http, app):
    app.state.store.add_editor("ann", PASSWORD)
    http.get("/admin/login")
    answer = http.post("/admin/login", data={"name": "ann", "password": PASSWORD})
    assert answer.status_code == 403


# ---- login brute force ----

def test_login_brute_force_locks_the_account(http, app):
    app.state.store.add_editor("ann", PASSWORD)
    for attempt in range(5):
        page = http.get("/admin/login")
        answer = http.post("/admin/login", data={"csrf": csrf_of(page.text), "name": "ann",
                                                 "password": f"guess-{attempt}"})
        assert answer.status_code == 401
    page = http.get("/admin/login")
    answer = http.post("/admin/login", data={"csrf": csrf_of(page.text), "name": "ann",
                                             "password": PASSWORD})
    assert answer.status_code == 401  # locked out even with the right password
    assert http.get("/admin").status_code == 303


def test_login_rate_limit_per_address(tmp_path):
    app = make_app(tmp_path, login_limit=3)
    with client(app) as http:
        codes = []
        for name in ("a", "b", "c", "d"):
            page = http.get("/admin/login")
            codes.append(http.post("/admin/login", data={"csrf": csrf_of(page.text),
                                                        "name": name, "password": "x"}
                                   ).status_code)
        assert codes == [401, 401, 401, 429]


def test_a_forged_session_cookie_is_refused(http):
    http.cookies.set("affiche_session", "eyJlZGl0b3IiOiJhbm4ifQ.forged.signature")
    assert http.get("/admin").status_code == 303


# ---- SSRF ----

@pytest.fixture
def local_server():
    """A loopback HTTP server that counts the requests it gets."""
    import http.server
    import threading

    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            body = CALL.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def submit_url(http, url):
    page = http.get("/submit")
    return http.post("/submit", data={"csrf": csrf_of(page.text), "action": "extract",
                                      "url": url})


def test_ssrf_to_loopback_is_refused(http, local_server):
    base, hits = local_server
    for url in (base + "/secret", base.replace("127.0.0.1", "localhost") + "/secret"):
        answer = submit_url(http, url)
        assert answer.status_code == 400
        assert "non-public address" in answer.text
    assert hits == []


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://192.168.1.1/admin",
                                 "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
                                 "http://0.0.0.0/", "http://100.64.0.1/"])
def test_ssrf_to_private_and_link_local_addresses_is_refused(http, url):
    answer = submit_url(http, url)
    assert answer.status_code == 400
    assert "non-public address" in answer.text


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://example.org/", "ftp://x/"])
def test_other_schemes_are_refused(http, url):
    answer = submit_url(http, url)
    assert answer.status_code == 400
    assert "only http and https" in answer.text


def test_ssrf_via_a_redirect_is_refused(http, local_server, monkeypatch):
    import httpx

    from affiche.ingest import fetch

    base, hits = local_server
    seen: list[str] = []

    def public_site(request: httpx.Request) -> httpx.Response:
        # A public page that answers with a redirect to the loopback server.
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": base + "/internal"})

    monkeypatch.setattr(fetch, "TRANSPORT", httpx.MockTransport(public_site))
    monkeypatch.setattr(fetch, "resolve", lambda host, port: (
        ["93.184.216.34"] if host == "calls.example" else ["127.0.0.1"]))
    answer = submit_url(http, "http://calls.example/appel")
    assert answer.status_code == 400
    assert "non-public address" in answer.text
    assert seen == ["http://calls.example/appel"] and hits == []


def test_the_test_only_switch_reaches_a_loopback_server(tmp_path, local_server):
    base, hits = local_server
    app = make_app(tmp_path, allow_private_fetch=True)
    with client(app) as http:
        answer = submit_url(http, base + "/appel")
        assert answer.status_code == 200
        assert form_values(answer.text)["e0.place_locality"] == "Ixelles"
    assert hits == ["/appel"]


# ---- hostile uploads ----

def upload(http, name, data, media="application/octet-stream"):
    page = http.get("/submit")
    return http.post("/submit", data={"csrf": csrf_of(page.text), "action": "extract"},
                     files={"file": (name, io.BytesIO(data), media)})


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def test_a_png_bomb_is_refused(http, app):
    header = struct.pack(">IIBBBBB", 200_000, 200_000, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + 200_000 // 8) * 64, 9)
    bomb = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) \
        + _chunk(b"IEND", b"")
    answer = upload(http, "flyer.png", bomb, "image/png")
    assert answer.status_code == 400
    assert "too large" in answer.text
    assert app.state.store.queue()[1] == 0


def test_a_fake_image_is_refused(http, app):
    answer = upload(http, "flyer.jpg", b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 50,
                    "image/jpeg")
    assert answer.status_code == 400
    assert re.search(r"not a readable image|damaged or truncated image", answer.text)


def test_an_executable_is_refused(http):
    answer = upload(http, "flyer.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200)
    assert answer.status_code == 400
    assert "an executable program" in answer.text


def test_an_oversized_upload_is_refused(http, monkeypatch):
    monkeypatch.setattr(intake, "MAX_UPLOAD", 100_000)
    answer = upload(http, "big.txt", CALL.encode() * 1000, "text/plain")
    assert answer.status_code == 400
    assert "too large" in answer.text


def test_an_oversized_body_is_refused_before_it_is_read(http, monkeypatch):
    monkeypatch.setattr(submit, "MAX_BODY", 200_000)
    answer = upload(http, "big.txt", b"x" * 300_000, "text/plain")
    assert answer.status_code == 413


def test_uploaded_photos_lose_their_exif_and_gps(http, app):
    import shutil

    from PIL import Image

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed (make setup installs tesseract-ocr)")
    picture = Image.new("RGB", (640, 200), "white")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"                                  # Make
    gps = {1: "N", 2: (50.0, 51.0, 0.0), 3: "E", 4: (4.0, 21.0, 0.0)}
    exif[0x8825] = gps                                        # GPSInfo
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", exif=exif)
    original = buffer.getvalue()
    assert b"SpyCam" in original
    answer = upload(http, "IMG_20250113_170339.jpg", original, "image/jpeg")
    assert answer.status_code == 200
    press(http, answer, "confirm", **{"e0.title": "Test", "e0.start_date": "2025-01-18"})
    (item,), _ = app.state.store.queue()
    source = app.state.store.sources(item.slug)[0]
    assert source.media_type == "image/jpeg"
    assert b"SpyCam" not in source.content and b"Exif" not in source.content
    assert not Image.open(io.BytesIO(source.content)).getexif()


# ---- headers ----

def test_pages_carry_a_strict_csp_and_no_inline_script(http, app):
    page = extract(http)
    login(http, app.state.store)
    for answer in (http.get("/submit"), page, http.get("/admin"), http.get("/admin/login")):
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["cache-control"] == "no-store"
        assert "<script" not in answer.text
        assert not re.search(r"\s(style|on[a-z]+)=", answer.text)
    embed = http.get("/embed")
    assert "frame-ancestors *" in embed.headers["content-security-policy"]
