"""WeasyPrint loads nothing but our bundled assets (security.md PDF-1, PDF-2, PDF-6)."""

import io
import urllib.request
from pathlib import Path

import pytest
import weasyprint
from pypdf import PdfReader
from weasyprint import CSS, HTML

from policies.pdf import fetcher as fetcher_module
from policies.pdf.engine import write_pdf
from policies.pdf.fetcher import AssetFetcher, RefusedURL, asset_path

HOSTNAME = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""


def hostile_html(base: str) -> str:
    """Every way an HTML document can make a renderer fetch something."""
    return f"""<!doctype html><html><head>
<link rel="stylesheet" href="{base}/style.css">
<link rel="attachment" href="file:///etc/passwd">
<link rel="attachment" href="{base}/attachment">
<style>
  @import url("{base}/import.css");
  body {{ background: url("file:///etc/hostname"); }}
  p {{ background-image: url("{base}/bg.png"); }}
  @font-face {{ font-family: X; src: url("{base}/font.woff"); }}
</style></head><body>
<p>Politika</p>
<img src="{base}/image.png">
<img src="file:///etc/hostname">
<img src="{base}/r">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
  <image href="{base}/svg.png" width="10" height="10"/>
  <image xlink:href="file:///etc/hostname" width="10" height="10"/>
</svg>
<object data="{base}/object"></object>
<embed src="{base}/embed">
<iframe src="{base}/iframe"></iframe>
<a href="{base}/link">link</a>
</body></html>"""


def test_a_hostile_document_fetches_nothing(canary):
    fetcher = AssetFetcher()
    pdf = write_pdf(hostile_html(canary.url), fetcher=fetcher)

    assert canary.hits == []
    refused = set(fetcher.refused)
    assert f"{canary.url}/style.css" in refused
    assert f"{canary.url}/import.css" in refused
    assert f"{canary.url}/image.png" in refused
    assert f"{canary.url}/r" in refused
    assert "file:///etc/hostname" in refused
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Politika" in text
    if HOSTNAME:
        assert HOSTNAME not in text
    assert b"CANARY-BODY" not in pdf


def test_a_separate_stylesheet_and_its_imports_fetch_nothing(canary):
    """The CSS(string=...) and write_pdf(stylesheets=...) paths go through the fetcher too."""
    fetcher = AssetFetcher()
    css = CSS(
        string=f'@import url("{canary.url}/a.css"); p {{ background: url("{canary.url}/b.png") }}',
        url_fetcher=fetcher,
    )
    HTML(string="<p>x</p>", url_fetcher=fetcher).write_pdf(stylesheets=[css])
    assert canary.hits == []
    assert f"{canary.url}/a.css" in fetcher.refused


def test_the_canary_server_does_answer_a_fetch(canary):
    """The canary counts a real request, so zero hits above means nothing was fetched."""
    with urllib.request.urlopen(f"{canary.url}/probe") as response:
        assert response.status == 200
    assert canary.hits == ["/probe"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x.css",
        "https://example.com/x.css",
        "ftp://example.com/x.css",
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "asset:../../../etc/passwd",
        "asset:/../fetcher.py",
        "asset:%2e%2e/fetcher.py",
        "asset:",
        "asset:no-such-file.css",
        "gopher://example.com/",
    ],
)
def test_the_fetcher_refuses(url):
    fetcher = AssetFetcher()
    with pytest.raises((RefusedURL, ValueError)):
        fetcher.fetch(url)


def test_the_fetcher_serves_bundled_assets_and_data_urls():
    fetcher = AssetFetcher()
    response = fetcher.fetch("asset:pdf.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_a_symlink_out_of_the_asset_root_is_refused(tmp_path, monkeypatch):
    root = tmp_path / "assets"
    root.mkdir()
    (root / "ok.css").write_text("p {}")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "link.css").symlink_to(secret)
    monkeypatch.setattr(fetcher_module, "ASSET_ROOT", root.resolve())
    assert asset_path("ok.css") == (root / "ok.css").resolve()
    assert asset_path("link.css") is None
    assert asset_path("../secret.txt") is None


def test_the_fetcher_follows_no_redirects():
    handlers = {type(handler).__name__ for handler in AssetFetcher().handlers}
    assert "HTTPRedirectHandler" not in handlers


def test_weasyprint_is_a_version_with_the_known_fetcher_bypasses_fixed():
    major = int(weasyprint.__version__.split(".")[0])
    assert major >= 70
