"""URL fetching against a local server (the only network tests make)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import dateline
from dateline import settings
from dateline.errors import Code, DatelineError

PAGE = (
    "<html><head><meta charset='utf-8'><title>Le ministre dément - Le Quotidien</title></head><body>"
    "<article><h1>Le ministre dément</h1><p>Le ministre a démenti jeudi l'information publiée la veille "
    "par plusieurs journaux régionaux, selon un communiqué diffusé dans la soirée.</p>"
    "<p>« Aucune décision n'a été prise », a-t-il déclaré devant la presse réunie à Lyon.</p></article>"
    "</body></html>"
).encode()
SEEN_AGENTS: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/latin1":
            body = PAGE.decode().replace("charset='utf-8'", "").encode("latin-1")
            self._send(200, body, "text/html; charset=ISO-8859-1")
        elif self.path.startswith("/loop"):
            n = int(self.path[5:] or 0)
            self.send_response(302)
            self.send_header("Location", f"/loop{n + 1}")
            self.end_headers()
        elif self.path == "/hop":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/big":
            self._send(200, b"<p>" + b"x" * 3_000_000 + b"</p>", "text/html")
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, PAGE, "text/html")
        else:
            self._send(404, b"<h1>Not found</h1>", "text/html")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def tight_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    conf = tmp_path / "dateline.toml"
    conf.write_text("[fetch]\ntimeout = 1.0\nmax_bytes = 1000000\nmax_redirects = 3\n")
    monkeypatch.setenv("DATELINE_CONFIG", str(conf))
    settings.load.cache_clear()
    yield
    monkeypatch.delenv("DATELINE_CONFIG")
    settings.load.cache_clear()


def test_loopback_is_refused_without_allow_private(server: str) -> None:
    with pytest.raises(DatelineError) as info:
        dateline.read(f"{server}/article", analyze=False)
    assert info.value.code is Code.URL_PRIVATE
    assert "--allow-private" in str(info.value)


def test_fetch_reads_the_article_with_our_user_agent(server: str) -> None:
    article = dateline.read(f"{server}/article", allow_private=True, analyze=False)
    assert "démenti" in article.text
    assert article.source.kind == "url" and article.source.fetched
    assert article.url == f"{server}/article"
    assert SEEN_AGENTS and SEEN_AGENTS[-1].startswith("dateline/")


def test_redirect_is_followed_and_final_url_kept(server: str) -> None:
    article = dateline.read(f"{server}/hop", allow_private=True, analyze=False)
    assert article.url == f"{server}/article"


def test_transport_charset_is_honoured(server: str) -> None:
    article = dateline.read(f"{server}/latin1", allow_private=True, analyze=False)
    assert "démenti" in article.text


def test_status_redirect_size_and_timeout_limits(server: str, tight_limits: None) -> None:
    cases = {
        "/missing": Code.URL_STATUS,
        "/loop": Code.URL_REDIRECTS,
        "/big": Code.URL_TOO_LARGE,
        "/slow": Code.URL_FETCH,
    }
    for path, code in cases.items():
        with pytest.raises(DatelineError) as info:
            dateline.read(f"{server}{path}", allow_private=True, analyze=False)
        assert info.value.code is code, path


def test_only_http_schemes() -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/a"):
        with pytest.raises(DatelineError) as info:
            dateline.read(url, analyze=False)
        assert info.value.code is Code.URL_SCHEME


def test_unreachable_host_is_a_clear_error() -> None:
    with pytest.raises(DatelineError) as info:
        dateline.read("http://127.0.0.1:9/nothing", allow_private=True, analyze=False)
    assert info.value.code is Code.URL_FETCH
