"""Web pages, PDFs and URL fetching in affiche.ingest: main text, dates, hints, limits.
No real network: URLs go through httpx.MockTransport with name resolution replaced."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import httpx
import pytest
from test_ingest_support import image_pdf, million_page_pdf, text_pdf

from affiche import ingest
from affiche.errors import FetchError, InputError
from affiche.ingest import fetch, html, pdf

BRUSSELS = ZoneInfo("Europe/Brussels")

EVENT_LD = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebPage", "name": "Agenda", "datePublished": "2025-01-09"},
        {"@type": "SocialEvent", "name": "Rassemblement au centre fermé",
         "eventStatus": "https://schema.org/EventScheduled",
         "organizer": {"@type": "Organization", "name": "Collectif"},
         "startDate": "2025-01-18T14:00:00+01:00", "endDate": "2025-01-18T16:00:00+01:00",
         "location": {"@type": "Place", "name": "Centre fermé",
                      "address": {"@type": "PostalAddress", "streetAddress": "Rue des Essais 5",
                                  "postalCode": "1000", "addressLocality": "Bruxelles",
                                  "addressCountry": "BE"},
                      "geo": {"@type": "GeoCoordinates", "latitude": "50.85", "longitude": 4.35}}},
    ],
}


def page(body: str, head: str = "", lang: str = "fr") -> bytes:
    """A page with navigation, a comment section and a footer around `body`."""
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>Rassemblement samedi | Collectif Essai</title>
{head}
<style>body {{ color: red }}</style><script>var menu = "<p>Accueil du script</p>";</script>
</head><body>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/agenda">Agenda</a></li>
<li><a href="/dons">Faire un don</a></li><li><a href="/contact">Nous contacter</a></li>
</ul></nav></header>
<main><article>{body}</article></main>
<section id="comments" class="comments"><h3>3 commentaires</h3>
<div class="comment"><p>Commentaire : trop bien, je viendrai avec ma soeur.</p></div></section>
<footer><p>Mentions légales — Collectif Essai 2025 — Plan du site</p></footer>
</body></html>""".encode()


ARTICLE_FR = ("<h1>Rassemblement samedi</h1><p>Ce samedi 18 janvier à 14h, rassemblons-nous "
              "devant le centre fermé, rue des Essais 5 à Bruxelles, pour dire non aux "
              "expulsions.</p>"
              "<p>Départ groupé à 13h30 depuis la gare. Contact : collectif@example.org</p>")


# --- HTML ----

def test_html_main_text_without_navigation_or_comments(tmp_path) -> None:
    head = ('<meta property="article:published_time" content="2025-01-10T09:15:00+01:00">'
            '<link rel="canonical" href="https://collectif.example.org/actions/samedi">')
    path = tmp_path / "page.html"
    path.write_bytes(page(ARTICLE_FR, head))
    doc = ingest.read(path)
    assert doc.kind == "html"
    assert "Ce samedi 18 janvier à 14h" in doc.text
    assert "collectif@example.org" in doc.text
    for noise in ("Faire un don", "Mentions légales", "Commentaire", "Accueil du script", "color"):
        assert noise not in doc.text
    assert doc.title and doc.title.startswith("Rassemblement samedi")
    assert doc.url == "https://collectif.example.org/actions/samedi"
    assert doc.published == dt.datetime(2025, 1, 10, 9, 15, tzinfo=BRUSSELS)
    assert (doc.reference, doc.reference_source) == (doc.published, "html")
    assert doc.language == "fr"


def test_html_title_is_put_before_the_text_when_missing() -> None:
    body = "<p>Ce samedi à 14h, rassemblons-nous devant la gare pour nous tous et toutes.</p>" * 3
    doc = ingest.read_bytes(page(body), source="page.html")
    assert doc.text.startswith(f"{doc.title}\n\n")


def test_html_event_json_ld_becomes_a_hint() -> None:
    head = f'<script type="application/ld+json">{json.dumps(EVENT_LD)}</script>'
    doc = ingest.read_bytes(page(ARTICLE_FR, head), source="page.html")
    assert doc.hints == [{
        "syntax": "json-ld", "name": "Rassemblement au centre fermé",
        "startDate": "2025-01-18T14:00:00+01:00", "endDate": "2025-01-18T16:00:00+01:00",
        "url": None, "description": None, "status": "EventScheduled", "organizer": "Collectif",
        "location": {"name": "Centre fermé", "streetAddress": "Rue des Essais 5",
                     "postalCode": "1000", "addressLocality": "Bruxelles", "addressCountry": "BE",
                     "latitude": 50.85, "longitude": 4.35},
    }]
    # No publication metadata in the page head: the JSON-LD datePublished dates it.
    assert doc.reference_source == "html"
    assert doc.reference == dt.datetime(2025, 1, 9, 0, 0, tzinfo=BRUSSELS)


def test_html_microdata_and_microformat_events() -> None:
    body = ARTICLE_FR + """
<div itemscope itemtype="https://schema.org/Event"><span itemprop="name">Concert de soutien</span>
<meta itemprop="startDate" content="2025-03-01T20:00"><div itemprop="location" itemscope
itemtype="https://schema.org/Place"><span itemprop="name">Salle Essai</span></div></div>
<div class="h-event"><span class="p-name">Veillée place Flagey</span>
<time class="dt-start" datetime="2025-02-01T18:00">1er février</time>
<span class="p-location h-card"><span class="p-name">Place Flagey</span>
<span class="p-locality">Ixelles</span></span></div>"""
    doc = ingest.read_bytes(page(body), source="page.html")
    by_syntax = {hint["syntax"]: hint for hint in doc.hints}
    assert by_syntax["microdata"]["name"] == "Concert de soutien"
    assert by_syntax["microdata"]["location"]["name"] == "Salle Essai"
    assert by_syntax["microformat"]["startDate"] == "2025-02-01T18:00"
    assert by_syntax["microformat"]["location"]["addressLocality"] == "Ixelles"


def test_html_charset_from_meta_tag() -> None:
    data = page(ARTICLE_FR).decode().replace('charset="utf-8"', 'charset="windows-1252"')
    doc = ingest.read_bytes(data.encode("cp1252"), source="page.html")
    assert "Départ groupé à 13h30" in doc.text


def test_short_page_falls_back_to_its_visible_text() -> None:
    doc = ingest.read_bytes(b"<html><body><p>Vigile samedi 19h</p></body></html>", source="s.html")
    assert doc.text == "Vigile samedi 19h\n"
    assert doc.language is None


def test_declared_language_when_the_text_is_too_short_to_tell() -> None:
    data = b'<html lang="nl-BE"><body><p>Wake Flageyplein 19u</p></body></html>'
    assert ingest.read_bytes(data, source="s.html").language == "nl"


def test_broken_json_ld_does_not_stop_the_page() -> None:
    head = '<script type="application/ld+json">{"@type": "Event", "name": </script>'
    doc = ingest.read_bytes(page(ARTICLE_FR, head), source="page.html")
    assert "Ce samedi 18 janvier" in doc.text
    assert doc.hints == []


def test_fifty_megabyte_html_is_refused_quickly(tmp_path) -> None:
    path = tmp_path / "huge.html"
    block = b"<div><p>Rassemblement samedi devant la gare, venez nombreux.</p></div>\n"
    with path.open("wb") as handle:
        handle.write(b"<!DOCTYPE html><html><body>")
        for _ in range(50 * 2**20 // len(block) + 1):
            handle.write(block)
    with pytest.raises(InputError, match="huge.html: too large"):
        ingest.read(path)


def test_html_with_megabytes_of_text_is_refused() -> None:
    block = b"<p>Rassemblement samedi devant la gare, venez nombreux et nombreuses.</p>\n"
    data = b"<!DOCTYPE html><html><body>" + block * (html.MAX_HTML_TEXT // 60) + b"</body></html>"
    with pytest.raises(InputError, match="too much text"):
        ingest.read_bytes(data, source="big.html")


# --- PDF ----

def test_pdf_text_layer_pages_title_and_date(tmp_path) -> None:
    path = tmp_path / "flyer.pdf"
    path.write_bytes(text_pdf([["Rassemblement au centre fermé", "Samedi 18 janvier à 14h"],
                               ["Contact : collectif@example.org"]], title="Appel du collectif"))
    doc = ingest.read(path)
    assert doc.kind == "pdf"
    assert doc.text == ("Rassemblement au centre fermé\nSamedi 18 janvier à 14h\n\f\n"
                        "Contact : collectif@example.org\n")
    assert doc.title == "Appel du collectif"
    assert doc.reference == dt.datetime(2025, 1, 10, 9, 15, tzinfo=BRUSSELS)
    assert doc.reference_source == "pdf"
    assert doc.ocr_confidence is None and doc.line_confidence == []


@pytest.mark.parametrize(("title", "kept"), [
    ("Appel du collectif", True), ("Microsoft Word - tract.docx", False),
    ("flyer_v3_final.indd", False), ("Sans titre", False), ("Untitled-1", False),
    ("IMG_20250113_170339", False)])
def test_pdf_titles_that_are_tool_defaults_are_dropped(title: str, kept: bool) -> None:
    doc = ingest.read_bytes(text_pdf([["Samedi 18 janvier à 14h"]], title=title), source="t.pdf")
    assert doc.title == (title if kept else None)


def test_pdf_renamed_txt_is_still_read_as_pdf(tmp_path) -> None:
    path = tmp_path / "flyer.txt"
    path.write_bytes(text_pdf([["Samedi 18 janvier à 14h"]], created=None))
    doc = ingest.read(path)
    assert doc.kind == "pdf" and doc.reference_source == "mtime"


def test_pdf_claiming_a_million_pages_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # The page cap is what is tested here, not the time limit: a loaded machine must not
    # stop the reading early and change the count.
    monkeypatch.setattr(pdf, "TIME_BUDGET", 3600.0)
    claimed = ingest.read_bytes(million_page_pdf(claimed=1_000_000, real_refs=1), source="m.pdf")
    assert claimed.text.strip() == "page"
    many = ingest.read_bytes(million_page_pdf(claimed=1_000_000, real_refs=5000), source="m.pdf")
    assert many.text.count("page") == pdf.MAX_PAGES
    assert [w.code for w in many.warnings] == ["pdf_truncated"]
    with pytest.raises(InputError, match=r"^m\.pdf: not a readable PDF"):
        ingest.read_bytes(million_page_pdf(real_refs=1_000_000), source="m.pdf")


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_damaged_pdf_is_one_line_error(damage: str) -> None:
    data = text_pdf([["Samedi 18 janvier à 14h"]])
    garbage = b"%PDF-1.4\n" + bytes(range(256)) * 4
    data = data[: len(data) // 3] if damage == "truncated" else garbage
    try:
        doc = ingest.read_bytes(data, source="bad.pdf")
    except InputError as error:
        assert str(error).startswith("bad.pdf: not a readable PDF") and "\n" not in str(error)
    else:
        # pypdf recovers some damaged files: then the document is simply read as far as possible.
        assert doc.kind == "pdf"


def test_encrypted_pdf_is_refused_with_advice() -> None:
    data = text_pdf([["x"]]).replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt << /Filter /Standard "
                                     b"/V 1 /R 2 /O (x) /U (y) /P -4 >> /ID [(a)(a)]")
    with pytest.raises(InputError, match=r"^e\.pdf: "):
        ingest.read_bytes(data, source="e.pdf")


# --- URLs ----

@pytest.fixture
def web(monkeypatch):
    """A fake web: routes map URLs to responses; every host resolves to a public address
    unless listed in `addresses`."""
    routes: dict[str, httpx.Response] = {}
    addresses: dict[str, list[str]] = {}
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return routes.get(str(request.url), httpx.Response(404))

    monkeypatch.setattr(fetch, "TRANSPORT", httpx.MockTransport(handler))
    monkeypatch.setattr(fetch, "resolve", lambda host, port: addresses.get(host, ["93.184.215.14"]))
    return routes, addresses, seen


def test_url_page_is_fetched_and_read(web) -> None:
    routes, _, seen = web
    routes["https://collectif.example.org/samedi"] = httpx.Response(
        200, headers={"content-type": "text/html; charset=utf-8"}, content=page(ARTICLE_FR))
    doc = ingest.read("https://collectif.example.org/samedi")
    assert doc.kind == "html" and "Ce samedi 18 janvier à 14h" in doc.text
    assert doc.source == "https://collectif.example.org/samedi"
    assert doc.url == "https://collectif.example.org/samedi"
    assert seen[0].headers["user-agent"].startswith("affiche/")


def test_redirects_are_followed_and_checked_each_hop(web) -> None:
    routes, addresses, _ = web
    routes["http://a.example/x"] = httpx.Response(301, headers={"location": "https://b.example/y"})
    routes["https://b.example/y"] = httpx.Response(
        302, headers={"location": "/IMG_20250113_170339.txt"})
    routes["https://b.example/IMG_20250113_170339.txt"] = httpx.Response(
        200, content="Rassemblement samedi à 14h devant la gare pour nous tous.".encode())
    doc = ingest.read("http://a.example/x")
    assert doc.url == "https://b.example/IMG_20250113_170339.txt"
    assert doc.reference_source == "filename"
    # The same redirect towards a host that resolves to a private address is refused.
    addresses["b.example"] = ["10.0.0.8"]
    with pytest.raises(FetchError, match="non-public address"):
        ingest.read("http://a.example/x")


REFUSED_ADDRESSES = ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                     "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "224.0.0.1",
                     "100.64.0.1", "240.0.0.1"]


@pytest.mark.parametrize("address", REFUSED_ADDRESSES)
def test_non_public_addresses_are_refused(web, address: str) -> None:
    routes, addresses, seen = web
    addresses["evil.example"] = ["93.184.215.14", address]
    routes["http://evil.example/"] = httpx.Response(200, content=b"secret")
    with pytest.raises(FetchError, match="non-public address"):
        ingest.read("http://evil.example/")
    assert seen == []


def test_literal_private_ip_urls_are_refused_without_dns(monkeypatch) -> None:
    monkeypatch.setattr(fetch, "TRANSPORT", httpx.MockTransport(lambda r: httpx.Response(200)))
    for url in ("http://127.0.0.1:8080/admin", "http://[::1]/", "http://169.254.169.254/latest"):
        with pytest.raises(FetchError, match="non-public"):
            ingest.read(url)


@pytest.mark.parametrize("url", ["ftp://example.org/flyer.pdf", "file:///etc/passwd",
                                 "gopher://example.org/"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        ingest.read(url)


def test_too_many_redirects(web) -> None:
    routes, _, _ = web
    for hop in range(10):
        routes[f"https://loop.example/{hop}"] = httpx.Response(
            302, headers={"location": f"https://loop.example/{hop + 1}"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        ingest.read("https://loop.example/0")


def test_size_cap_declared_and_streamed(web) -> None:
    routes, _, _ = web
    routes["https://big.example/declared"] = httpx.Response(
        200, headers={"content-length": str(fetch.MAX_BYTES + 1)}, content=b"x")

    def endless():
        while True:
            yield b"x" * 65536

    routes["https://big.example/streamed"] = httpx.Response(200, content=endless())
    with pytest.raises(FetchError, match="too large"):
        ingest.read("https://big.example/declared")
    with pytest.raises(FetchError, match="too large"):
        ingest.read("https://big.example/streamed")


def test_http_errors_and_timeouts_are_one_line(web, monkeypatch) -> None:
    routes, _, _ = web
    routes["https://gone.example/"] = httpx.Response(410)
    with pytest.raises(FetchError, match=r"HTTP 410 Gone$"):
        ingest.read("https://gone.example/")

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out", request=request)

    monkeypatch.setattr(fetch, "TRANSPORT", httpx.MockTransport(slow))
    with pytest.raises(FetchError, match="timed out"):
        ingest.read("https://slow.example/")


def test_unresolvable_host(monkeypatch) -> None:
    def fail(host: str, port: int) -> list[str]:
        raise FetchError(f"{host}: the name does not resolve (test)")

    monkeypatch.setattr(fetch, "resolve", fail)
    with pytest.raises(FetchError, match="does not resolve"):
        ingest.read("https://nowhere.invalid/")


def test_image_pdf_is_a_pdf_kind() -> None:
    # Sniffing only: a scanned PDF is a PDF (its OCR is tested with the images).
    from affiche.ingest import sniff

    assert sniff.sniff(image_pdf(b"\xff\xd8\xff\xe0", 10, 10)) == "pdf"


def test_connected_address_is_checked_against_dns_rebinding(monkeypatch) -> None:
    # The name passes the check (a public answer) but the connection lands on loopback, as with
    # DNS rebinding: the address actually connected to is refused before the body is read.
    import http.server
    import threading

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setattr(fetch, "resolve", lambda host, port: ["93.184.215.14"])
        with pytest.raises(FetchError, match=r"non-public address \(127\.0\.0\.1\)"):
            fetch.get(f"http://localhost:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
