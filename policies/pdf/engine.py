"""HTML to PDF with WeasyPrint, through our fetcher on every path that can load a URL."""

from weasyprint import CSS, HTML

from policies.pdf.fetcher import AssetFetcher


def write_pdf(html: str, *, fetcher: AssetFetcher | None = None) -> bytes:
    fetcher = fetcher or AssetFetcher()
    stylesheet = CSS(url="asset:pdf.css", url_fetcher=fetcher)
    document = HTML(string=html, base_url=None, url_fetcher=fetcher)
    # Presentational hints stay off (CVE-2026-49452); no attachments, no XMP from outside.
    return document.write_pdf(stylesheets=[stylesheet], presentational_hints=False)
