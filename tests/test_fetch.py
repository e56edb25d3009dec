"""Fetching: building a PDF requests nothing outside the template folder, whatever the inputs say.

A real HTTP server on 127.0.0.1 counts requests and would answer every one (an image, a style
sheet), so a refusal is briefgen's doing, not a failed download. A template that points outside
its folder (network, ``file:///etc/passwd``, ``../``) fails the build with exit 1 naming the URL;
profile text that looks like HTML or holds a URL is printed as text and fetches nothing.
"""

from __future__ import annotations

import base64
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .helpers import REPO, run_cli

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@dataclass
class Server:
    """A local web server that records the paths it was asked for."""

    port: int
    requests: list[str] = field(default_factory=list)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"


@pytest.fixture
def server() -> Iterator[Server]:
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            requests.append(self.path)
            body, kind = (PNG, "image/png") if self.path.endswith(".png") else (b"body { color: red }", "text/css")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Server(httpd.server_address[1], requests)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a copy of the shipped templates and the FICTIONAL fixture profiles."""
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    shutil.copytree(REPO / "tests" / "fixtures", tmp_path / "profiles")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build_pdf(site: Path, formats: str = "pdf") -> tuple[int, str, str]:
    return run_cli(
        "--templates", "templates", "--profiles", "profiles", "build", "ruritania", "--format", formats, "--out", "out"
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_server_counts(server: Server) -> None:
    """The control: a request that is made is seen, so an empty list below means none was made."""
    with urllib.request.urlopen(server.url("probe.png"), timeout=5) as response:
        assert response.read() == PNG
    assert server.requests == ["/probe.png"]


# (file of the template folder, text to find, what to put in its place); URL stands for the reference.
TEMPLATE_REFERENCES = {
    "html_img": ("briefing.html", "<body>", '<body>\n<img src="URL" alt="">'),
    "html_stylesheet": (
        "briefing.html",
        '<link rel="stylesheet" href="briefing.css">',
        '<link rel="stylesheet" href="URL">',
    ),
    "css_url": ("briefing.css", "@font-face {", 'body { background-image: url("URL"); }\n@font-face {'),
    "css_import": ("briefing.css", "@font-face {", '@import url("URL");\n@font-face {'),
    "css_font": ("briefing.css", 'src: url("fonts/NotoSans-Regular.ttf");', 'src: url("URL");'),
}


@pytest.mark.parametrize("kind", list(TEMPLATE_REFERENCES))
def test_template_network_reference_is_refused_unfetched(site: Path, server: Server, kind: str) -> None:
    file, old, new = TEMPLATE_REFERENCES[kind]
    url = server.url("x.css" if kind in ("html_stylesheet", "css_import") else "x.png")
    edit(site / "templates" / file, old, new.replace("URL", url))
    code, _, err = build_pdf(site)
    assert server.requests == []
    assert code == 1, err
    assert err.startswith(f"error: refused to fetch {url}: only data: URIs and files inside the template folder"), err
    assert "Traceback" not in err
    assert not (site / "out").exists()


@pytest.mark.parametrize(
    ("reference", "shown"),
    [
        ("file:///etc/passwd", "file:///etc/passwd"),
        ("../outside.png", "outside.png"),  # resolved against the template folder, so it names the full path
    ],
)
def test_template_file_outside_its_folder_is_refused(site: Path, reference: str, shown: str) -> None:
    (site / "outside.png").write_bytes(PNG)
    edit(site / "templates" / "briefing.html", "<body>", f'<body>\n<img src="{reference}" alt="">')
    code, _, err = build_pdf(site)
    assert code == 1, err
    assert err.startswith("error: refused to fetch file://") and shown in err.splitlines()[0], err
    assert not (site / "out").exists()


def test_profile_text_never_fetches(site: Path, server: Server) -> None:
    """HTML, CSS and URLs in a profile are data: escaped into the page, never requested."""
    img, css, page = server.url("y.png"), server.url("y.css"), server.url("page.png")
    hostile = {
        "Relation fictive avec Quảng Ninh, Đà Nẵng et 北海道.": (
            f'<img src="{img}"> <link rel="stylesheet" href="{css}"> <style>@import url("{css}");</style> '
            f'<svg><image href="{img}"/></svg> url({img})'
        ),
        "name: Ruritanie": f'name: "<img src={img}>"',
        # Figure labels are drawn into the charts' SVG, which the HTML renderer pastes unescaped;
        # three amounts of one currency make a chart.
        "label: Investissements fictifs": f"label: \"</text><image href='{img}'/><text>\"",
        "timeline:\n": "".join(
            f"  - {{label: Montant fictif {i}, value: {i}000, unit: USD, as_of: 2025, source: fict-src}}\n"
            for i in (1, 2)
        )
        + "timeline:\n",
    }
    for old, new in hostile.items():
        edit(site / "profiles" / "ruritania.yaml", old, new)
    edit(site / "profiles" / "defaults.yaml", "date: 2025-01-02", f"date: 2025-01-02\n    url: {page}")
    code, out, err = build_pdf(site, "pdf,html,docx")
    assert code == 0, err
    assert server.requests == []
    assert sorted(p.name for p in (site / "out" / "ruritania").iterdir()) == [
        ".briefgen-build.json",
        "briefing.docx",
        "briefing.html",
        "briefing.pdf",
        "facts.json",
    ]
    html = (site / "out" / "ruritania" / "briefing.html").read_text(encoding="utf-8")
    assert f"&lt;img src=&#34;{img}&#34;&gt;" in html and f'<img src="{img}"' not in html
    assert "&lt;style&gt;@import" in html
    assert '<figure class="chart">' in html and "<image" not in html
    assert f'href="{page}"' in html  # the source's address is a link to click, not a resource to load
