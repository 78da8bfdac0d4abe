"""A company's website for the scanner, served by the test on loopback.

The website (127.0.0.1) sets two first-party cookies from the server and keeps a basket in
local storage; a page only its sitemap lists sets one more. A stand-in for Google Analytics,
on a second host name (www.google-analytics.com, which the tests' SCAN_HOSTS points at
loopback), is loaded straight away and sets its cookies before any consent: the compliance
finding. A stand-in for the Meta Pixel (connect.facebook.net) waits for the banner's
marketing consent, as the banner's set-up guide says. A PDF link must never be followed.
"""

import time

from tests.loopback import LoopbackSite

TRACKER_HOSTS = {"static.hotjar.com": ["127.0.0.1"], "chimpstatic.com": ["127.0.0.1"]}

PAGE = """<!doctype html>
<html lang="lv">
<head>
<meta charset="utf-8">
<title>{title}</title>
{banner}
<script src="http://static.hotjar.com:{port}/hotjar.js"></script>
</head>
<body>
<main>
<h1>{title}</h1>
<nav>
<a href="/">Sākums</a> <a href="/par-mums">Par mums</a> <a href="/kontakti#karte">Kontakti</a>
<a href="/cenas.pdf">Cenas (PDF)</a> <a href="https://example.org/">Cita vietne</a>
<a href="mailto:info@zalaisdarzs.lv">E-pasts</a>
</nav>
{body}
</main>
<script type="text/plain" data-category="marketing"
        data-src="http://chimpstatic.com:{port}/mcjs.js"></script>
</body>
</html>
"""


HOTJAR = """
document.cookie = "_hjSessionUser_3210=eyJpZCI6IjEifQ; max-age=31536000; path=/";
document.cookie = "_hjSession_3210=eyJpZCI6IjIifQ; max-age=1800; path=/";
"""
MAILCHIMP = 'document.cookie = "_mcid=1.abc.123; max-age=31536000; path=/";'

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{origin}/</loc></url>
<url><loc>{origin}/par-mums</loc></url>
<url><loc>{origin}/akcija?kods=1&amp;x=2</loc></url>
</urlset>
"""


class ScanSite(LoopbackSite):
    def __init__(self, banner_url: str | None, delay: float = 0):
        """`delay`: seconds the start page takes to answer (a website that hangs)."""
        self.delay = delay
        self.banner = f'<script src="{banner_url}"></script>' if banner_url else ""
        super().__init__()

    def page(self, title: str, body: str = "") -> bytes:
        return PAGE.format(title=title, banner=self.banner, port=self.port, body=body).encode()

    def answer(self, host: str, path: str):
        if self.delay and path == "/":
            time.sleep(self.delay)
        html = [("Content-Type", "text/html; charset=utf-8")]
        js = [("Content-Type", "text/javascript")]
        if host == "static.hotjar.com":
            return 200, js, HOTJAR.encode()
        if host == "chimpstatic.com":
            return 200, js, MAILCHIMP.encode()
        if path == "/":
            cookies = [
                ("Set-Cookie", "shop_session=abc123; Path=/; HttpOnly"),
                ("Set-Cookie", "lang=lv; Max-Age=31536000; Path=/"),
            ]
            return 200, html + cookies, self.page("Zaļais Dārzs")
        if path == "/par-mums":
            script = "<script>localStorage.setItem('basket', '[]');</script>"
            return 200, html, self.page("Par mums", script)
        if path == "/kontakti":
            return 200, html, self.page("Kontakti")
        if path.startswith("/akcija"):
            cookie = [("Set-Cookie", "promo_seen=1; Max-Age=604800; Path=/")]
            return 200, html + cookie, self.page("Akcija")
        if path == "/sitemap.xml":
            return (
                200,
                [("Content-Type", "application/xml")],
                SITEMAP.format(origin=self.origin).encode(),
            )
        return 404, html, b"<!doctype html><title>404</title><p>Nav atrasts</p>"
