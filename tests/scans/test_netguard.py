"""SCAN-1: the website scanner's network guard (`scans/netguard.py`).

The address rules on their own, then the filtering proxy with real sockets: a "site" on
127.0.0.2 (let through by the test policy, as a public site would be) and canary servers on
127.0.0.1 and ::1 that record every request they get. Every SSRF attempt goes through the
proxy, directly or by a redirect from the site, and must leave the canaries without a hit.
The last test drives Debian's Chromium through the proxy, as the scanner does.
"""

import http.client
import http.server
import ipaddress
import shutil
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from scans import netguard
from scans.netguard import Blocked, FilteringProxy, Policy, address_allowed, check_url, resolve

SITE_IP = "127.0.0.2"
TEST_POLICY = Policy(
    allowed_networks=(ipaddress.ip_network("127.0.0.2/32"),),
    # A name that resolves to loopback: what a DNS rebinding attack answers.
    hosts={"rebind.test": ("127.0.0.1",), "site.test": (SITE_IP,)},
)
BIG = 2 * 1024 * 1024


# --- the rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("127.0.0.1", False),
        ("127.255.255.254", False),
        ("::1", False),
        ("10.0.0.1", False),
        ("172.16.0.1", False),
        ("172.31.255.254", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("fd00:ec2::254", False),  # cloud metadata over IPv6
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped
        ("::ffff:7f00:1", False),
        ("::ffff:169.254.169.254", False),
        ("::7f00:1", False),  # IPv4-compatible
        ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
        ("2002:a00:1::1", False),  # 6to4 of 10.0.0.1
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
        ("2001:0::1", False),  # Teredo
        ("224.0.0.1", False),
        ("224.0.1.1", False),
        ("ff02::1", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("198.18.0.1", False),
        ("not an address", False),
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
        ("::ffff:93.184.215.14", True),
        ("2002:5db8:d70e::1", True),  # 6to4 of a public address
        ("64:ff9b::5db8:d70e", True),  # NAT64 of a public address
    ],
)
def test_address_rules(address, allowed):
    assert address_allowed(address, Policy()) is allowed


@pytest.mark.parametrize(
    "host",
    [
        "localhost",  # 127.0.0.1 through the system resolver
        "LOCALHOST.",
        "2130706433",
        "0x7f000001",
        "127.1",
        "0x7f.1",
        "017700000001",
        "127.0.0.1",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "169.254.169.254",
        "0.0.0.0",
    ],
)
def test_names_and_numeric_forms_of_loopback_are_refused(host):
    with pytest.raises(Blocked) as refused:
        resolve(host, 80, Policy())
    assert refused.value.reason == "address"


def test_every_answer_is_checked_fail_closed():
    policy = Policy(hosts={"mixed.test": ("93.184.215.14", "127.0.0.1")})
    with pytest.raises(Blocked) as refused:
        resolve("mixed.test", 443, policy)
    assert (refused.value.reason, refused.value.detail) == ("address", "mixed.test -> 127.0.0.1")
    assert resolve("Public.Test.", 443, Policy(hosts={"public.test": ("93.184.215.14",)})) == [
        "93.184.215.14"
    ]


def test_a_literal_is_resolved_and_returned():
    assert resolve("93.184.215.14", 80, Policy()) == ["93.184.215.14"]
    assert resolve("[2606:4700::1111]", 443, Policy()) == ["2606:4700::1111"]


def test_a_name_that_does_not_resolve_and_an_empty_host():
    with pytest.raises(Blocked) as refused:
        resolve("nothing.invalid", 80, Policy())
    assert refused.value.reason == "resolve"
    for host in ("", ".", "[]", "a b", "exa%mple.com"):
        with pytest.raises(Blocked) as refused:
            resolve(host, 80, Policy())
        assert refused.value.reason == "host", host


def test_allowed_networks_let_through_only_what_they_list():
    assert address_allowed("127.0.0.2", TEST_POLICY)
    assert address_allowed("::ffff:127.0.0.2", TEST_POLICY)
    assert not address_allowed("127.0.0.1", TEST_POLICY)
    assert not address_allowed("::1", TEST_POLICY)
    assert resolve("127.0.0.2", 80, TEST_POLICY) == ["127.0.0.2"]
    with pytest.raises(Blocked):
        resolve("127.0.0.1", 80, TEST_POLICY)
    with pytest.raises(Blocked):
        resolve("rebind.test", 80, TEST_POLICY)


def test_the_port_rule():
    # Public addresses: only the web's ports.
    for port in (80, 443, 8000, 8080, 8443):
        assert resolve("93.184.215.14", port, Policy()) == ["93.184.215.14"]
    for port in (22, 25, 6379, 11211, 65535, 0, 70000):
        with pytest.raises(Blocked) as refused:
            resolve("93.184.215.14", port, Policy())
        assert refused.value.reason == "port", port
    # Any port inside the allowed networks (the tests' ephemeral ports).
    assert resolve("127.0.0.2", 22, TEST_POLICY) == ["127.0.0.2"]
    # ... but not when one answer lies outside them.
    policy = Policy(
        allowed_networks=TEST_POLICY.allowed_networks,
        hosts={"half.test": ("127.0.0.2", "93.184.215.14")},
    )
    with pytest.raises(Blocked) as refused:
        resolve("half.test", 22, policy)
    assert refused.value.reason == "port"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.com/", "scheme"),
        ("gopher://127.0.0.1:6379/_INFO", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("data:text/html,hi", "scheme"),
        ("//example.com/", "scheme"),
        ("http://user:pw@example.com/", "host"),
        ("http://user@example.com/", "host"),
        ("http://127.0.0.1\\@example.com/", "host"),
        ("http:///x", "host"),
        ("http://", "host"),
        ("http://exa mple.com/", "host"),
        ("http://example.com/\n", "host"),
        ("http://example.com/\x00", "host"),
        ("http://example.com:99999/", "port"),
        ("http://example.com:x/", "port"),
    ],
)
def test_check_url_refuses(url, reason):
    with pytest.raises(Blocked) as refused:
        check_url(url)
    assert refused.value.reason == reason


def test_check_url_accepts_web_addresses():
    assert check_url("https://Example.com/a?b=c").hostname == "example.com"
    assert check_url("HTTP://[2606:4700::1111]:8080/").port == 8080
    assert check_url("http://bücher.example/").hostname == "bücher.example"


def test_policy_from_strings():
    policy = Policy.from_strings(["127.0.0.2/32"], {"Site.Test.": ["127.0.0.2"]})
    assert resolve("site.test", 5000, policy) == ["127.0.0.2"]
    with pytest.raises(ValueError):
        Policy.from_strings(["127.0.0.2/8"], {})


# --- servers -----------------------------------------------------------------------------------


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host, kind):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, 0), _Handler)
        self.kind = kind
        self.hits: list[str] = []
        self.page = b""
        self.go_to = ""

    @property
    def port(self) -> int:
        return self.server_address[1]


class _Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self):
        self.server.hits.append(self.path)
        if self.server.kind == "canary":
            return self._send(200, b"CANARY")
        path, _, query = self.path.partition("?")
        if path == "/":
            return self._send(200, b"the site")
        if path == "/echo":
            return self._send(200, f"{self.requestline}\n{self.headers}".encode("latin-1"))
        if path == "/redirect":
            to = urllib.parse.parse_qs(query)["to"][0]
            return self._send(302, b"", ("Location", to))
        if path == "/go":
            return self._send(302, b"", ("Location", self.server.go_to))
        if path == "/big":
            return self._send(200, b"x" * BIG)
        if path == "/page":
            return self._send(200, self.server.page, ("Content-Type", "text/html"))
        return self._send(404, b"not here")

    def _send(self, status, body, *headers):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _answer

    def log_message(self, *args):
        pass


def _serve(host, kind):
    server = Server(host, kind)
    threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
    return server


@pytest.fixture
def site():
    server = _serve(SITE_IP, "site")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def canaries():
    """Canaries on 127.0.0.1 and ::1; the test fails if either was reached."""
    servers = {"v4": _serve("127.0.0.1", "canary"), "v6": _serve("::1", "canary")}
    yield servers
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture
def proxy(monkeypatch):
    # urllib would go around the proxy for names listed in no_proxy.
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with FilteringProxy(TEST_POLICY) as running:
        yield running


def _ports(site, canaries):
    return {"site": site.port, "c4": canaries["v4"].port, "c6": canaries["v6"].port}


def fetch(proxy, url, data=None):
    """GET (or POST) through the proxy with urllib, following redirects: (status, headers,
    body)."""
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({"http": f"http://127.0.0.1:{proxy.port}"})
    )
    try:
        with opener.open(url, data=data, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def raw(proxy, head: bytes, then: bytes = b""):
    """Sends bytes to the proxy on a socket of its own; (status, headers, socket)."""
    sock = socket.create_connection(("127.0.0.1", proxy.port), timeout=10)
    sock.sendall(head + then)
    response = http.client.HTTPResponse(sock, method="CONNECT" if b"CONNECT" in head else "GET")
    response.begin()
    return response.status, response.headers, sock, response


def _no_hits(canaries):
    assert {name: server.hits for name, server in canaries.items()} == {"v4": [], "v6": []}


# --- the proxy ---------------------------------------------------------------------------------


def test_the_canaries_do_count_a_direct_hit(canaries):
    """Zero hits below means nothing arrived: each canary records a request made to it."""
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for server, host in ((canaries["v4"], "127.0.0.1"), (canaries["v6"], "[::1]")):
        with direct.open(f"http://{host}:{server.port}/probe", timeout=5) as response:
            assert response.read() == b"CANARY"
        assert server.hits == ["/probe"]


def test_the_site_is_reachable_and_the_request_is_rewritten(site, canaries, proxy):
    status, headers, body = fetch(proxy, f"http://{SITE_IP}:{site.port}/")
    assert (status, body) == (200, b"the site")
    assert headers["Connection"] == "close"
    # A name from the policy's fixed addresses, and a request with hop-by-hop headers.
    sock = socket.create_connection(("127.0.0.1", proxy.port), timeout=10)
    with sock:
        sock.sendall(
            f"GET http://site.test:{site.port}/echo?x=1 HTTP/1.1\r\n"
            f"Host: elsewhere.example\r\nProxy-Connection: keep-alive\r\n"
            f"Proxy-Authorization: Basic c2VjcmV0\r\nKeep-Alive: 300\r\n"
            f"Connection: keep-alive, X-Drop\r\nX-Drop: 1\r\nX-Keep: 2\r\n\r\n".encode()
        )
        response = http.client.HTTPResponse(sock)
        response.begin()
        echoed = response.read().decode()
    lines = echoed.splitlines()
    assert lines[0] == "GET /echo?x=1 HTTP/1.1"
    assert sorted(lines[1:]) == sorted(
        [f"Host: site.test:{site.port}", "X-Keep: 2", "Connection: close", ""]
    )
    assert response.getheader("Connection") == "close"
    # A body is passed on.
    status, _, _ = fetch(proxy, f"http://{SITE_IP}:{site.port}/", data=b"a=1")
    assert status == 200
    assert site.hits == ["/", "/echo?x=1", "/"]
    assert proxy.blocked == []
    _no_hits(canaries)


def test_a_connect_tunnel_reaches_the_site(site, canaries, proxy):
    status, _, sock, _ = raw(proxy, f"CONNECT {SITE_IP}:{site.port} HTTP/1.1\r\n\r\n".encode())
    assert status == 200
    with sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: site\r\nConnection: close\r\n\r\n")
        response = http.client.HTTPResponse(sock)
        response.begin()
        assert (response.status, response.read()) == (200, b"the site")
    assert site.hits == ["/"]
    _no_hits(canaries)


# The SSRF attempts through the proxy: (URL template, reason). {c4}: the 127.0.0.1 canary's
# port, {c6}: the ::1 canary's.
DIRECT = [
    ("http://127.0.0.1:{c4}/a", "address"),
    ("http://localhost:{c4}/b", "address"),
    ("http://LocalHost.:{c4}/c", "address"),
    ("http://[::1]:{c6}/d", "address"),
    ("http://[::ffff:127.0.0.1]:{c4}/e", "address"),
    ("http://2130706433:{c4}/f", "address"),
    ("http://0x7f000001:{c4}/g", "address"),
    ("http://127.1:{c4}/h", "address"),
    ("http://017700000001:{c4}/i", "address"),
    ("http://rebind.test:{c4}/j", "address"),  # a name resolving to 127.0.0.1
    ("http://169.254.169.254/latest/meta-data/", "address"),
    ("http://0.0.0.0:{c4}/k", "address"),
]


@pytest.mark.parametrize(("template", "reason"), DIRECT)
def test_a_direct_request_to_loopback_is_refused(site, canaries, proxy, template, reason):
    url = template.format(**_ports(site, canaries))
    status, headers, body = fetch(proxy, url)
    assert (status, headers["X-Scan-Blocked"], headers["Connection"]) == (403, reason, "close")
    assert b"Refused" in body
    assert proxy.blocked == [(url, reason)]
    _no_hits(canaries)


# Raw requests urllib would not make: other schemes, a user name, CONNECT. (request, reason)
RAW = [
    ("GET ftp://127.0.0.2:{site}/x HTTP/1.1", "scheme"),
    ("GET gopher://127.0.0.1:{c4}/_INFO HTTP/1.1", "scheme"),
    ("GET file:///etc/passwd HTTP/1.1", "scheme"),
    ("GET http://user:pw@127.0.0.1:{c4}/ HTTP/1.1", "host"),
    ("CONNECT 127.0.0.1:{c4} HTTP/1.1", "address"),
    ("CONNECT localhost:{c4} HTTP/1.1", "address"),
    ("CONNECT [::1]:{c6} HTTP/1.1", "address"),
    ("CONNECT [::ffff:127.0.0.1]:{c4} HTTP/1.1", "address"),
    ("CONNECT 2130706433:{c4} HTTP/1.1", "address"),
    ("CONNECT rebind.test:{c4} HTTP/1.1", "address"),
]


@pytest.mark.parametrize(("template", "reason"), RAW)
def test_a_raw_request_to_loopback_is_refused(site, canaries, proxy, template, reason):
    line = template.format(**_ports(site, canaries))
    status, headers, sock, _ = raw(proxy, f"{line}\r\nHost: x\r\n\r\n".encode())
    sock.close()
    assert (status, headers["X-Scan-Blocked"]) == (403, reason)
    method, target, _ = line.split(" ")
    assert proxy.blocked == [(target, reason)]
    _no_hits(canaries)


# The site redirects to each of these; urllib follows, through the proxy, as a browser does.
REDIRECTS = [
    "http://127.0.0.1:{c4}/r1",
    "http://localhost:{c4}/r2",
    "http://[::1]:{c6}/r3",
    "http://[::ffff:127.0.0.1]:{c4}/r4",
    "http://2130706433:{c4}/r5",
    "http://rebind.test:{c4}/r6",
    "http://169.254.169.254/latest/meta-data/",
]


@pytest.mark.parametrize("template", REDIRECTS)
def test_a_redirect_to_loopback_is_refused(site, canaries, proxy, template):
    target = template.format(**_ports(site, canaries))
    start = f"http://{SITE_IP}:{site.port}/redirect?" + urllib.parse.urlencode({"to": target})
    status, headers, _ = fetch(proxy, start)
    assert (status, headers["X-Scan-Blocked"]) == (403, "address")
    assert len(site.hits) == 1 and site.hits[0].startswith("/redirect?")  # the 302 was served
    assert proxy.blocked == [(target, "address")]
    _no_hits(canaries)


@pytest.mark.parametrize(
    "head",
    [
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",  # origin form: not a proxy request
        b"TRACE http://127.0.0.2/ HTTP/1.1\r\n\r\n",
        b"BREW http://127.0.0.2/ HTTP/1.1\r\n\r\n",
        b"GET http://127.0.0.2/ HTTP/2.0\r\n\r\n",
        b"GET  http://127.0.0.2/ HTTP/1.1\r\n\r\n",
        b"hello\r\n\r\n",
        b"CONNECT 127.0.0.2 HTTP/1.1\r\n\r\n",
        b"CONNECT ::1:80 HTTP/1.1\r\n\r\n",
        b"GET http://127.0.0.2/ HTTP/1.1\r\nNo colon here\r\n\r\n",
        b"GET http://127.0.0.2/ HTTP/1.1\r\nX: a\r\n folded\r\n\r\n",
        b"GET http://127.0.0.2/ HTTP/1.1\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n",
    ],
)
def test_what_is_not_a_proxy_request_gets_400(site, canaries, proxy, head):
    status, _, sock, _ = raw(proxy, head)
    sock.close()
    assert status == 400
    assert proxy.blocked == []
    # The server goes on.
    assert fetch(proxy, f"http://{SITE_IP}:{site.port}/")[0] == 200
    _no_hits(canaries)


def test_a_slow_head_times_out_and_an_unreachable_upstream_is_502(site, proxy, monkeypatch):
    monkeypatch.setattr(netguard, "HEAD_TIMEOUT", 0.3)
    started = time.monotonic()
    status, _, sock, _ = raw(proxy, b"GET http://127.0.0.2/ HTTP/1.1\r\n")
    sock.close()
    assert status == 408
    assert time.monotonic() - started < 5
    with socket.socket() as free:
        free.bind((SITE_IP, 0))
        closed_port = free.getsockname()[1]
    status, _, sock, _ = raw(proxy, f"CONNECT {SITE_IP}:{closed_port} HTTP/1.1\r\n\r\n".encode())
    sock.close()
    assert status == 502
    assert fetch(proxy, f"http://{SITE_IP}:{closed_port}/")[0] == 502
    assert fetch(proxy, f"http://{SITE_IP}:{site.port}/")[0] == 200


def _closed_by_peer(sock) -> bool:
    try:
        return sock.recv(1) == b""
    except ConnectionError:
        return True


def test_at_most_64_clients_at_once(site, proxy):
    idle = [socket.create_connection(("127.0.0.1", proxy.port), timeout=5) for _ in range(64)]
    try:
        time.sleep(0.1)
        waiting = socket.create_connection(("127.0.0.1", proxy.port), timeout=0.3)
        request = f"GET http://{SITE_IP}:{site.port}/ HTTP/1.1\r\n\r\n".encode()
        waiting.sendall(request)
        with pytest.raises(TimeoutError):
            waiting.recv(1)
        idle.pop().close()  # a slot comes free: the waiting request is served
        waiting.settimeout(5)
        response = http.client.HTTPResponse(waiting)
        response.begin()
        assert (response.status, response.read()) == (200, b"the site")
        waiting.close()
    finally:
        for sock in idle:
            sock.close()


def test_the_byte_cap_closes_and_refuses(site, canaries, monkeypatch):
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with FilteringProxy(TEST_POLICY, max_bytes=1024 * 1024) as proxy:
        # A tunnel open before the cap is reached is closed with the rest.
        status, _, tunnel, _ = raw(
            proxy, f"CONNECT {SITE_IP}:{site.port} HTTP/1.1\r\n\r\n".encode()
        )
        assert status == 200
        received = b""
        try:
            status, _, received = fetch(proxy, f"http://{SITE_IP}:{site.port}/big")
        except (http.client.IncompleteRead, ConnectionError) as cut:
            received = getattr(cut, "partial", b"")
        assert len(received) < BIG
        assert proxy.over_limit
        assert 1024 * 1024 < proxy.bytes_received < BIG
        with tunnel:
            tunnel.settimeout(5)
            assert _closed_by_peer(tunnel)
        status, headers, _ = fetch(proxy, f"http://{SITE_IP}:{site.port}/")
        assert (status, headers["X-Scan-Blocked"]) == (403, "limit")
        status, headers, sock, _ = raw(
            proxy, f"CONNECT {SITE_IP}:{site.port} HTTP/1.1\r\n\r\n".encode()
        )
        sock.close()
        assert (status, headers["X-Scan-Blocked"]) == (403, "limit")
        assert [reason for _, reason in proxy.blocked] == ["limit", "limit"]
    _no_hits(canaries)


def test_close_is_idempotent_and_stops_listening():
    proxy = FilteringProxy(TEST_POLICY)
    port = proxy.start()
    proxy.close()
    proxy.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    FilteringProxy(TEST_POLICY).close()


# --- Chromium ----------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium not found (Debian's chromium package)")
def test_chromium_sends_loopback_through_the_proxy(site, canaries, proxy, monkeypatch):
    """Chromium skips proxies for loopback unless told not to; Playwright adds `<-loopback>` to
    the bypass list, so every request below must reach the proxy and be refused there."""
    monkeypatch.delenv("PLAYWRIGHT_DISABLE_FORCED_CHROMIUM_PROXIED_LOOPBACK", raising=False)
    ports = _ports(site, canaries)
    c4, c6 = ports["c4"], ports["c6"]
    site.page = f"""<!doctype html><title>scan</title>
<img src="http://127.0.0.1:{c4}/x"><img src="http://localhost:{c4}/y">
<a id="go" href="/go">next</a>
<script>
fetch("http://[::1]:{c6}/z", {{mode: "no-cors"}}).then(
  () => document.body.dataset.fetch = "answered",
  () => document.body.dataset.fetch = "failed");
</script>""".encode()
    site.go_to = f"http://127.0.0.1:{c4}/r"
    seen: dict = {}
    errors: list[BaseException] = []

    def drive():
        # pytest-playwright's sync API keeps an event loop in the main thread; this one runs
        # in a thread of its own.
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=["--no-sandbox", "--disable-gpu"],
                    proxy={"server": f"http://127.0.0.1:{proxy.port}"},
                )
                try:
                    page = browser.new_page()
                    page.set_default_timeout(10_000)
                    page.goto(f"http://{SITE_IP}:{site.port}/page")
                    page.wait_for_function("document.body.dataset.fetch !== undefined")
                    seen["fetch"] = page.evaluate("document.body.dataset.fetch")
                    with page.expect_navigation() as navigation:
                        page.click("#go")
                    seen["status"] = navigation.value.status
                    seen["url"] = page.url
                    seen["text"] = page.inner_text("body")
                finally:
                    browser.close()
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=drive, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "Chromium did not finish in 60 s"
    if errors:
        raise errors[0]

    _no_hits(canaries)
    assert seen["status"] == 403
    assert seen["url"] == f"http://127.0.0.1:{c4}/r"
    assert "Refused by the scanner" in seen["text"]
    assert seen["fetch"] in ("answered", "failed")  # settled: an opaque 403, or an error
    assert site.hits[:1] == ["/page"] and "/go" in site.hits
    refused = set(proxy.blocked)
    for url in (
        f"http://127.0.0.1:{c4}/x",
        f"http://localhost:{c4}/y",
        f"http://[::1]:{c6}/z",
        f"http://127.0.0.1:{c4}/r",
    ):
        assert (url, "address") in refused, (url, proxy.blocked)
