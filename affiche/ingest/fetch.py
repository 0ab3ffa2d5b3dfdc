"""Fetch a URL for reading, within limits: http and https only, a timeout, a size cap, at most
five redirects followed one by one, a clear User-Agent, and no requests to loopback, private,
link-local or otherwise non-public addresses.

The address check runs after DNS resolution on every hop (a public name may point at 127.0.0.1,
a redirect may lead to 169.254.169.254), and again on the address actually connected to when the
transport reports it, which closes the window for DNS rebinding before any body is read.
Every failure is a one-line `FetchError`.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass

import httpx

from affiche import __version__
from affiche.errors import FetchError

__all__ = ["get", "Fetched", "resolve", "check_address", "MAX_BYTES", "MAX_REDIRECTS", "TIMEOUT",
           "USER_AGENT"]

MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
# Seconds: per network operation, and for the whole fetch including redirects and the body.
TIMEOUT = 10.0
TOTAL_TIMEOUT = 30.0
USER_AGENT = f"affiche/{__version__} (reads one call to action into calendar events; python-httpx)"
_REDIRECTS = (301, 302, 303, 307, 308)
# The transport used when `get` is given none: None is the real network. Tests set an
# httpx.MockTransport here (with `resolve` replaced) so that they never touch the network.
TRANSPORT: httpx.BaseTransport | None = None


@dataclass
class Fetched:
    """A fetched document: the final URL after redirects, its bytes and declared type."""

    url: str
    content: bytes
    content_type: str | None = None
    charset: str | None = None


def resolve(host: str, port: int) -> list[str]:
    """The IP addresses a host name resolves to (tests replace this function)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"{host}: the name does not resolve ({error})") from None
    return sorted({str(info[4][0]) for info in infos})


def check_address(address: str, url: str) -> None:
    """`FetchError` unless the address is a public unicast one."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        raise FetchError(f"{url}: unusable address {address!r}") from None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast or ip.is_reserved:
        raise FetchError(f"{url}: refused, it points to a non-public address ({ip}); affiche only "
                         f"fetches pages on the public internet")


def _check_url(url: httpx.URL, allow_private: bool) -> None:
    if url.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not url.host:
        raise FetchError(f"{url}: no host name in the URL")
    if allow_private:
        return
    port = url.port or (443 if url.scheme == "https" else 80)
    for address in resolve(url.host, port):
        check_address(address, str(url))


def get(url: str, *, transport: httpx.BaseTransport | None = None,
        allow_private: bool = False) -> Fetched:
    """Fetch a URL within the limits; `transport` and `allow_private` exist for tests only."""
    try:
        current = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as error:
        raise FetchError(f"{url}: not a valid URL ({error})") from None
    started = time.monotonic()
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/pdf,image/*,text/*;q=0.9,"
               "*/*;q=0.5", "Accept-Language": "fr,nl;q=0.9,en;q=0.8"}
    with httpx.Client(transport=transport or TRANSPORT, timeout=httpx.Timeout(TIMEOUT),
                      headers=headers, follow_redirects=False, trust_env=False) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            _check_url(current, allow_private)
            try:
                response = client.send(client.build_request("GET", current), stream=True)
            except httpx.TimeoutException:
                raise FetchError(f"{current}: timed out after {TIMEOUT:.0f} s") from None
            except httpx.HTTPError as error:
                raise FetchError(f"{current}: the request failed ({_reason(error)})") from None
            try:
                if not allow_private:
                    _check_peer(response, str(current))
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"{current}: redirect without a Location header")
                    try:
                        current = current.join(location)
                    except (httpx.InvalidURL, ValueError) as error:
                        raise FetchError(f"{current}: bad redirect location ({error})") from None
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"{current}: the server answered HTTP {response.status_code} "
                                     f"{response.reason_phrase}".rstrip())
                content = _body(response, str(current), started)
                return Fetched(url=str(current), content=content,
                               content_type=response.headers.get("content-type"),
                               charset=response.charset_encoding)
            finally:
                response.close()
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _check_peer(response: httpx.Response, url: str) -> None:
    """Check the address actually connected to, when the transport tells it."""
    stream = response.extensions.get("network_stream")
    if stream is None:
        return
    try:
        peer = stream.get_extra_info("server_addr")
    except Exception:  # noqa: BLE001 - not all transports report it
        return
    if isinstance(peer, tuple) and peer:
        check_address(str(peer[0]), url)


def _body(response: httpx.Response, url: str, started: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BYTES:
        raise FetchError(f"{url}: too large ({int(declared) / 2**20:.0f} MB; the limit is "
                         f"{MAX_BYTES // 2**20} MB)")
    chunks = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_BYTES:
                raise FetchError(f"{url}: too large (more than {MAX_BYTES // 2**20} MB)")
            if time.monotonic() - started > TOTAL_TIMEOUT:
                raise FetchError(f"{url}: took longer than {TOTAL_TIMEOUT:.0f} s")
            chunks.append(chunk)
    except httpx.TimeoutException:
        raise FetchError(f"{url}: timed out after {TIMEOUT:.0f} s") from None
    except httpx.HTTPError as error:
        raise FetchError(f"{url}: the download failed ({_reason(error)})") from None
    return b"".join(chunks)


def _reason(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:160]
