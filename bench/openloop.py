"""Timed HTTP requests and an open-loop load generator.

Requests start at fixed times whatever happened to the ones before them, and each latency is
counted from the request's scheduled time: when the server (or the generator) falls behind,
the queue shows in the figures instead of slowing the load down (no coordinated omission).
"""

import http.client
import itertools
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

TIMEOUT = 30  # seconds without an answer before a request counts as failed


@dataclass
class Exchange:
    status: int  # 0: no answer (connection error or timeout)
    headers: http.client.HTTPMessage | None
    body: bytes
    sent: float  # time.monotonic() when the connection was opened
    first_byte: float  # when the status line and headers had arrived
    done: float  # when the body had arrived
    error: str = ""


def exchange(
    port: int, method: str, path: str, headers: dict | None = None, body: bytes | None = None
) -> Exchange:
    """One request on a new connection (gunicorn's sync workers close each one)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    sent = time.monotonic()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        first_byte = time.monotonic()
        data = response.read()
        return Exchange(response.status, response.headers, data, sent, first_byte, time.monotonic())
    except (OSError, http.client.HTTPException) as exc:
        now = time.monotonic()
        return Exchange(0, None, b"", sent, now, now, f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


@dataclass(frozen=True)
class Sample:
    kind: str
    at: float  # scheduled time, seconds from the start of the run
    lag: float  # seconds between the scheduled time and the request's sending
    ttfb: float  # seconds from the scheduled time to the response's headers
    total: float  # seconds from the scheduled time to the end of the body
    status: int
    error: str = ""  # unexpected status or no answer; empty when the answer was as expected


def sample(
    kind: str, origin: float, due: float, ex: Exchange, expected: int | tuple[int, ...]
) -> Sample:
    """`ex` measured from `due`; the answer is an error unless its status is `expected` (or
    one of them)."""
    allowed = expected if isinstance(expected, tuple) else (expected,)
    error = ex.error or ("" if ex.status in allowed else f"status {ex.status}")
    return Sample(
        kind,
        due - origin,
        ex.sent - due,
        ex.first_byte - due,
        ex.done - due,
        ex.status,
        error,
    )


def sleep_until(due: float) -> None:
    delay = due - time.monotonic()
    if delay > 0:
        time.sleep(delay)


def fixed_rate(
    port: int,
    mix: list[tuple[str, str]],
    rate: float,
    seconds: float,
    in_flight: int,
    origin: float | None = None,
) -> list[Sample]:
    """GETs at `rate` per second for `seconds`, going round `mix` of (kind, path); request i
    is due at `origin` (a time.monotonic(), by default now) + i / rate. At most `in_flight`
    requests are open at once: a request that finds them all busy is sent late, and its
    lateness counts in its latency."""
    count = round(rate * seconds)
    origin = time.monotonic() if origin is None else origin
    tickets, lock = itertools.count(), threading.Lock()

    def worker() -> list[Sample]:
        done = []
        while True:
            with lock:
                i = next(tickets)
            if i >= count:
                return done
            due = origin + i / rate
            kind, path = mix[i % len(mix)]
            sleep_until(due)
            done.append(sample(kind, origin, due, exchange(port, "GET", path), 200))

    with ThreadPoolExecutor(in_flight, thread_name_prefix="open-loop") as pool:
        futures = [pool.submit(worker) for _ in range(in_flight)]
        samples = [s for future in futures for s in future.result()]
    return sorted(samples, key=lambda s: s.at)
