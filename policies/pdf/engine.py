"""HTML to PDF with WeasyPrint, through our fetcher on every path that can load a URL."""

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from policies.pdf.fetcher import AssetFetcher


def write_pdf(html: str, *, fetcher: AssetFetcher | None = None) -> bytes:
    """The fonts are the project's own (assets/fonts, loaded by @font-face in pdf.css), so
    the bytes are the same on any machine, whatever fonts it has installed."""
    fetcher = fetcher or AssetFetcher()
    fonts = FontConfiguration()
    stylesheet = CSS(url="asset:pdf.css", url_fetcher=fetcher, font_config=fonts)
    document = HTML(string=html, base_url=None, url_fetcher=fetcher)
    # Presentational hints stay off (CVE-2026-49452); no attachments, no XMP from outside.
    return document.write_pdf(
        stylesheets=[stylesheet], presentational_hints=False, font_config=fonts
    )
