"""Outbound network guard for the website scanner.

The scanner's browser fetches every byte through `FilteringProxy`, an HTTP proxy that runs in
the scanning process. For each request (and so for each redirect hop, which the browser sends
as a new request) the proxy checks the URL, resolves the host itself, refuses the request when
any resolved address is not a public unicast address, and connects to the address it checked,
so a name cannot resolve to one address for the check and another for the connection.

Standard library only: the scanner's worker imports this without Django.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import re
import socket
import threading
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

REASONS = ("scheme", "host", "port", "address", "resolve", "limit")

HEAD_LIMIT = 64 * 1024
HEAD_TIMEOUT = 10.0
MAX_CLIENTS = 64
CHUNK = 64 * 1024

_TEREDO = ipaddress.ip_network("2001::/32")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
# What a host may hold once lower-cased and IDNA-encoded: DNS labels, or an IPv6 literal.
_HOST_CHARS = re.compile(r"[a-z0-9._:-]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_PORT = re.compile(r"[0-9]{1,5}")


@dataclass(frozen=True)
class Policy:
    """What the proxy lets through. The defaults are for the internet; `allowed_networks` and
    `hosts` exist for tests, which serve their sites on loopback."""

    # Networks allowed although not public (tests only).
    allowed_networks: tuple = ()
    # Fixed addresses for names, like curl --resolve (tests only); checked like DNS answers.
    hosts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    public_ports: frozenset[int] = frozenset({80, 443, 8000, 8080, 8443})
    connect_timeout: float = 10.0

    @classmethod
    def from_strings(cls, networks: Iterable[str], hosts: Mapping[str, Iterable[str]]) -> Policy:
        """A policy from text, e.g. settings: networks as "127.0.0.2/32", hosts as name to
        addresses. A malformed network or address raises ValueError."""
        parsed_networks = tuple(ipaddress.ip_network(n.strip(), strict=True) for n in networks)
        parsed_hosts = {}
        for name, addresses in hosts.items():
            values = tuple(str(ipaddress.ip_address(a.strip())) for a in addresses)
            parsed_hosts[normalise_host(name)] = values
        return cls(allowed_networks=parsed_networks, hosts=parsed_hosts)


class Blocked(Exception):
    """A request the guard refuses. `reason` is one of REASONS; `detail` names what was
    refused (a scheme, host, port or address)."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def normalise_host(host: str) -> str:
    """The host lower-cased, without brackets or a trailing dot, IDNA-encoded; Blocked("host")
    when empty or holding what no host name or IP literal holds."""
    if host is None:
        raise Blocked("host", "")
    value = host.strip()
    if value.startswith("[") or value.endswith("]"):
        if not (value.startswith("[") and value.endswith("]")):
            raise Blocked("host", host)
        value = value[1:-1]
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            raise Blocked("host", host) from None
    value = value.lower().rstrip(".")
    if not value:
        raise Blocked("host", host)
    if not value.isascii():
        try:
            value = value.encode("idna").decode("ascii")
        except UnicodeError:
            raise Blocked("host", host) from None
    if not _HOST_CHARS.fullmatch(value) or len(value) > 253:
        raise Blocked("host", host)
    return value


def _has_space_or_control(text: str) -> bool:
    return any(ch.isspace() or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in text)


def check_url(url: str) -> urllib.parse.SplitResult:
    """The URL split, when it is one the scanner may fetch: http or https, a host, no user
    name or password, no whitespace or control characters. Otherwise Blocked: "scheme" for
    any other scheme, "host" for a URL without a usable host or with a user name, whitespace,
    control characters or backslashes, "port" for a malformed port."""
    if not isinstance(url, str):
        raise Blocked("scheme", repr(url))
    scheme = _SCHEME.match(url)
    if scheme is None or scheme.group(1).lower() not in ("http", "https"):
        raise Blocked("scheme", scheme.group(1) if scheme else url[:40])
    if _has_space_or_control(url) or "\\" in url:
        raise Blocked("host", repr(url[:200]))
    parts = urllib.parse.urlsplit(url)
    if "@" in parts.netloc:
        raise Blocked("host", parts.netloc)
    if not parts.hostname:
        raise Blocked("host", parts.netloc or url)
    normalise_host(parts.hostname)
    try:
        port = parts.port
    except ValueError:
        raise Blocked("port", parts.netloc) from None
    if port == 0:
        raise Blocked("port", parts.netloc)
    return parts


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries: IPv4-mapped, IPv4-compatible, 6to4, NAT64."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _parse_address(address: str) -> IPAddress:
    # getaddrinfo writes link-local IPv6 answers with their zone ("fe80::1%eth0").
    return ipaddress.ip_address(str(address).split("%", 1)[0])


def _public(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _TEREDO:
            return False
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return _public(embedded)
    return (
        ip.is_global
        and not ip.is_multicast
        and not ip.is_reserved
        and not ip.is_unspecified
        and not ip.is_loopback
        and not ip.is_link_local
        and not ip.is_private
    )


def _in_allowed(ip: IPAddress, policy: Policy) -> bool:
    candidates = [ip]
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        candidates.append(ip.ipv4_mapped)
    return any(c in net for c in candidates for net in policy.allowed_networks)


def address_allowed(address: str, policy: Policy) -> bool:
    """True for an address in `policy.allowed_networks`, otherwise only for globally routable
    unicast addresses (IPv6 forms that embed an IPv4 address judged by that address)."""
    try:
        ip = _parse_address(address)
    except ValueError:
        return False
    return _in_allowed(ip, policy) or _public(ip)


def _fixed_addresses(name: str, policy: Policy) -> tuple[str, ...] | None:
    for key, addresses in policy.hosts.items():
        try:
            if normalise_host(key) == name:
                return tuple(addresses)
        except Blocked:
            continue
    return None


def resolve(host: str, port: int, policy: Policy) -> list[str]:
    """The addresses to connect to for host and port, every one of them checked.

    Names in `policy.hosts` take their addresses from there; everything else, IP literals in
    any form included, goes through getaddrinfo. Blocked("address") when any answer is
    refused (fail closed), Blocked("resolve") when nothing resolves, Blocked("port") for a port
    outside `policy.public_ports` unless every address is in `policy.allowed_networks`.
    """
    name = normalise_host(host)
    if not isinstance(port, int) or not 0 < port < 65536:
        raise Blocked("port", f"{name}:{port}")
    answers: list[str] = []
    fixed = _fixed_addresses(name, policy)
    if fixed is not None:
        answers = [str(a) for a in fixed]
    else:
        try:
            infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError, ValueError):
            raise Blocked("resolve", name) from None
        answers = [info[4][0] for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)]
    addresses: list[str] = []
    for answer in answers:
        try:
            text = str(_parse_address(answer))
        except ValueError:
            raise Blocked("address", f"{name} -> {answer}") from None
        if text not in addresses:
            addresses.append(text)
    if not addresses:
        raise Blocked("resolve", name)
    for address in addresses:
        if not address_allowed(address, policy):
            raise Blocked("address", f"{name} -> {address}")
    if port not in policy.public_ports and not all(
        _in_allowed(_parse_address(a), policy) for a in addresses
    ):
        raise Blocked("port", f"{name}:{port}")
    return addresses


# --- the proxy -------------------------------------------------------------------------------

_DROPPED_REQUEST_HEADERS = {"proxy-connection", "proxy-authorization", "connection", "keep-alive"}
_DROPPED_RESPONSE_HEADERS = {"connection", "keep-alive", "proxy-connection"}
_METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}

_STATUS_TEXT = {
    400: "Bad Request",
    403: "Forbidden",
    408: "Request Timeout",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class _BadRequest(Exception):
    pass


def _response(status: int, body: str, extra: tuple[tuple[str, str], ...] = ()) -> bytes:
    data = body.encode()
    lines = [f"HTTP/1.1 {status} {_STATUS_TEXT[status]}"]
    lines += [f"{name}: {value}" for name, value in extra]
    lines += [
        "Content-Type: text/plain; charset=utf-8",
        f"Content-Length: {len(data)}",
        "Connection: close",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data


def _parse_head(head: bytes) -> tuple[str, str, str, list[tuple[str, str]]]:
    """Request line and header fields of a request head (ending in an empty line)."""
    text = head.decode("latin-1")
    lines = text[: -len("\r\n\r\n")].split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        raise _BadRequest("request line")
    method, target, version = parts
    if version not in ("HTTP/1.1", "HTTP/1.0") or not _TOKEN.fullmatch(method) or not target:
        raise _BadRequest("request line")
    headers = []
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not _TOKEN.fullmatch(name) or "\n" in line or "\r" in line:
            raise _BadRequest("header")
        headers.append((name, value.strip(" \t")))
    return method, target, version, headers


def _split_authority(target: str) -> tuple[str, int]:
    """host and port of a CONNECT target (host:port, IPv6 in brackets)."""
    host, colon, port = target.rpartition(":")
    if not colon or not _PORT.fullmatch(port) or not host:
        raise _BadRequest("authority")
    if ":" in host and not (host.startswith("[") and host.endswith("]")):
        raise _BadRequest("authority")
    return host, int(port)


class FilteringProxy:
    """An HTTP proxy on 127.0.0.1 that lets through only what `policy` allows.

    `blocked` lists each refused request as (URL, or host:port of a CONNECT, reason).
    `bytes_received` counts the bytes read from upstream servers; above `max_bytes` the proxy
    sets `over_limit`, closes every tunnel and refuses later requests ("limit").
    """

    def __init__(self, policy: Policy, max_bytes: int = 20 * 1024 * 1024):
        self.policy = policy
        self.max_bytes = max_bytes
        self.blocked: list[tuple[str, str]] = []
        self.bytes_received = 0
        self.over_limit = False
        self.port: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._slots: asyncio.Semaphore | None = None
        self._closed = False
        self._lock = threading.Lock()

    # -- life cycle

    def start(self) -> int:
        with self._lock:
            if self._closed:
                raise RuntimeError("the proxy was closed")
            if self.port is not None:
                return self.port
            ready = threading.Event()
            failure: list[BaseException] = []
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(
                target=self._run, args=(ready, failure), name="netguard-proxy", daemon=True
            )
            self._thread.start()
            ready.wait()
            if failure:
                self._thread.join()
                raise failure[0]
            return self.port

    def _run(self, ready: threading.Event, failure: list[BaseException]) -> None:
        loop = self._loop
        asyncio.set_event_loop(loop)
        try:
            self._slots = asyncio.Semaphore(MAX_CLIENTS)
            self._server = loop.run_until_complete(
                asyncio.start_server(self._handle, "127.0.0.1", 0, limit=HEAD_LIMIT)
            )
            self.port = self._server.sockets[0].getsockname()[1]
        except BaseException as error:
            failure.append(error)
            ready.set()
            loop.close()
            return
        ready.set()
        try:
            loop.run_forever()
        finally:
            with contextlib.suppress(Exception):
                loop.run_until_complete(self._shutdown())
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_default_executor(timeout=1))
            loop.close()

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        self._abort_all()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=2)

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)

    def __enter__(self) -> FilteringProxy:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- bookkeeping (all in the loop's thread)

    def _abort_all(self) -> None:
        for writer in list(self._writers):
            with contextlib.suppress(Exception):
                writer.transport.abort()
        self._writers.clear()

    def _received(self, count: int) -> bool:
        """Counts bytes read from upstream; False once over the limit (tunnels then closed)."""
        self.bytes_received += count
        if self.bytes_received > self.max_bytes:
            if not self.over_limit:
                self.over_limit = True
                log.warning("scan proxy: %d bytes received, over the limit", self.bytes_received)
            self._abort_all()
            return False
        return True

    def _refuse(self, what: str, blocked: Blocked) -> bytes:
        self.blocked.append((what, blocked.reason))
        log.info("scan proxy refused %s: %s (%s)", what, blocked.reason, blocked.detail)
        return _response(
            403,
            f"Refused by the scanner: {blocked.reason}\n",
            (("X-Scan-Blocked", blocked.reason),),
        )

    # -- connections

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        upstream: asyncio.StreamWriter | None = None
        acquired = False
        try:
            try:
                async with asyncio.timeout(HEAD_TIMEOUT):
                    await self._slots.acquire()
            except TimeoutError:
                writer.write(_response(503, "Too many connections\n"))
                return
            acquired = True
            try:
                async with asyncio.timeout(HEAD_TIMEOUT):
                    head = await reader.readuntil(b"\r\n\r\n")
            except TimeoutError:
                writer.write(_response(408, "Request head not received in time\n"))
                return
            except asyncio.LimitOverrunError:
                writer.write(_response(400, "Request head too large\n"))
                return
            except asyncio.IncompleteReadError:
                return
            try:
                method, target, version, headers = _parse_head(head)
            except _BadRequest:
                writer.write(_response(400, "Malformed request\n"))
                return
            if method == "CONNECT":
                upstream = await self._connect(target, reader, writer)
            elif method in _METHODS and "://" in target:
                upstream = await self._forward(method, target, version, headers, reader, writer)
            else:
                writer.write(_response(400, "Only CONNECT and absolute-form requests\n"))
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            pass
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("scan proxy: error on a client connection")
        finally:
            if acquired:
                self._slots.release()
            for w in (upstream, writer):
                if w is not None:
                    self._writers.discard(w)
                    with contextlib.suppress(Exception):
                        if not w.is_closing():
                            async with asyncio.timeout(5):
                                await w.drain()
                    w.close()

    async def _resolve(self, host: str, port: int) -> list[str]:
        if self.over_limit:
            raise Blocked("limit", host)
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self.policy.connect_timeout):
                return await loop.run_in_executor(None, resolve, host, port, self.policy)
        except TimeoutError:
            raise Blocked("resolve", host) from None

    async def _open(self, addresses: list[str], port: int):
        """A connection to the first of the checked addresses that answers, or None."""
        loop = asyncio.get_running_loop()
        for address in addresses:
            ip = ipaddress.ip_address(address)
            family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
            sock = socket.socket(family, socket.SOCK_STREAM)
            sock.setblocking(False)
            try:
                async with asyncio.timeout(self.policy.connect_timeout):
                    await loop.sock_connect(sock, (address, port))
                return await asyncio.open_connection(sock=sock, limit=HEAD_LIMIT)
            except (OSError, TimeoutError):
                sock.close()
        return None

    async def _upstream(self, target, host, port, writer):
        """The connection to `host`'s first checked address that answers, or None after
        refusing the request (403) or answering 502; when the byte cap was passed meanwhile,
        the request is refused (the connection is still returned, for closing)."""
        try:
            addresses = await self._resolve(host, port)
        except Blocked as blocked:
            writer.write(self._refuse(target, blocked))
            return None
        opened = await self._open(addresses, port)
        if opened is None:
            writer.write(_response(502, "Upstream connection failed\n"))
            return None
        self._writers.add(opened[1])
        if self.over_limit:
            writer.write(self._refuse(target, Blocked("limit", target)))
        return opened

    async def _connect(self, target, reader, writer):
        try:
            host, port = _split_authority(target)
        except _BadRequest:
            writer.write(_response(400, "Malformed CONNECT target\n"))
            return None
        opened = await self._upstream(target, host, port, writer)
        if opened is None:
            return None
        up_reader, up_writer = opened
        if self.over_limit:
            return up_writer
        writer.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
        await writer.drain()
        await self._pipe_both(reader, writer, up_reader, up_writer)
        return up_writer

    async def _forward(self, method, target, version, headers, reader, writer):
        try:
            parts = check_url(target)
        except Blocked as blocked:
            writer.write(self._refuse(target, blocked))
            return None
        if parts.scheme.lower() != "http":
            writer.write(_response(400, "https goes through CONNECT\n"))
            return None
        opened = await self._upstream(target, parts.hostname, parts.port or 80, writer)
        if opened is None:
            return None
        up_reader, up_writer = opened
        if self.over_limit:
            return up_writer

        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        authority = normalise_host(parts.hostname)
        if ":" in authority:
            authority = f"[{authority}]"
        if parts.port is not None:
            authority += f":{parts.port}"
        named = {
            token.strip().lower()
            for name, value in headers
            if name.lower() == "connection"
            for token in value.split(",")
        }
        named.discard("host")
        lines = [f"{method} {path} {version}", f"Host: {authority}"]
        for name, value in headers:
            lower = name.lower()
            if lower in _DROPPED_REQUEST_HEADERS or lower in named or lower == "host":
                continue
            lines.append(f"{name}: {value}")
        lines.append("Connection: close")
        up_writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await up_writer.drain()

        to_upstream = asyncio.create_task(self._pipe(reader, up_writer, count=False))
        try:
            while True:
                try:
                    response_head = await up_reader.readuntil(b"\r\n\r\n")
                except (asyncio.LimitOverrunError, asyncio.IncompleteReadError):
                    if not self.over_limit:
                        writer.write(_response(502, "Malformed upstream response\n"))
                    return up_writer
                if not self._received(len(response_head)):
                    return up_writer
                lines = response_head[: -len(b"\r\n\r\n")].split(b"\r\n")
                status = lines[0].split(b" ", 2)
                if len(status) < 2 or not status[0].startswith(b"HTTP/"):
                    writer.write(_response(502, "Malformed upstream response\n"))
                    return up_writer
                interim = status[1].startswith(b"1") and status[1] != b"101"
                kept = [lines[0]]
                for line in lines[1:]:
                    name = line.partition(b":")[0].strip().lower().decode("latin-1")
                    if name not in _DROPPED_RESPONSE_HEADERS:
                        kept.append(line)
                if not interim:
                    kept.append(b"Connection: close")
                writer.write(b"\r\n".join(kept) + b"\r\n\r\n")
                await writer.drain()
                if not interim:
                    break
            await self._pipe(up_reader, writer, count=True)
        finally:
            to_upstream.cancel()
            with contextlib.suppress(BaseException):
                await to_upstream
        return up_writer

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter, count: bool):
        """Copies until EOF; on EOF half-closes the sink. Bytes from upstream are counted."""
        try:
            while True:
                data = await source.read(CHUNK)
                if not data:
                    break
                if count and not self._received(len(data)):
                    return
                sink.write(data)
                await sink.drain()
            if sink.can_write_eof() and not sink.is_closing():
                sink.write_eof()
        except (ConnectionError, OSError):
            return

    async def _pipe_both(self, reader, writer, up_reader, up_writer) -> None:
        up = asyncio.create_task(self._pipe(reader, up_writer, count=False))
        down = asyncio.create_task(self._pipe(up_reader, writer, count=True))
        try:
            # The tunnel ends when the server's side ends; the client's EOF only half-closes.
            await down
        finally:
            up.cancel()
            with contextlib.suppress(BaseException):
                await up
