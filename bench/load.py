"""The servers under load and the load itself: gunicorn and nginx as child processes that are
always stopped, single requests to check what a target answers, and wrk runs parsed."""

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

WRK_THREADS = 2
WRK_CONNECTIONS = 50
# A request still queued after wrk's default of 2 s would be counted as a timeout and left out
# of the latencies; the slow targets (the diff) need longer.
WRK_TIMEOUT = "30s"
GUNICORN_WORKERS = 2
NGINX_WORKERS = 2


# ---------------------------------------------------------------------------------------------
# Child processes
# ---------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited ({process.returncode}):\n{_tail(log)}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing accepts connections on port {port}:\n{_tail(log)}")


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the master, which stops its workers; if that takes too long, SIGKILL to its
    process group (its own: it was started in a new session), workers included."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def serving(command: list[str], port: int, log: Path, env: dict | None = None):
    """Run `command` until the block ends (also on an error or Ctrl-C), once it accepts
    connections on `port`. Its output goes to `log`."""
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    try:
        _wait_for_port(port, process, log)
        yield process
    finally:
        _stop(process)


def gunicorn_command(port: int | str, root: Path) -> list[str]:
    return [
        str(Path(sys.executable).parent / "gunicorn"),
        "policyhub.wsgi:application",
        f"--chdir={root}",
        f"--bind=127.0.0.1:{port}",
        f"--workers={GUNICORN_WORKERS}",
        "--worker-class=sync",
        "--no-control-socket",
    ]


def _apt_install(package: str) -> bool:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = ["apt-get", "install", "-y", "-q", package]
    return subprocess.run(command, env=env, capture_output=True).returncode == 0


def installed(program: str, *packages: str) -> str:
    """The path of `program`, installed from the first of Debian's `packages` that installs
    if it is missing."""
    search = "/usr/sbin:/usr/bin:/sbin:/usr/local/bin"
    if not shutil.which(program, path=search):
        if os.geteuid() != 0:
            raise RuntimeError(f"{program} is missing: apt-get install {packages[0]} (as root)")
        print(f"installing {packages[0]}", file=sys.stderr, flush=True)
        if not any(_apt_install(package) for package in packages):
            subprocess.run(["apt-get", "update", "-q"], capture_output=True)
            any(_apt_install(package) for package in packages)
    found = shutil.which(program, path=search)
    if not found:
        raise RuntimeError(f"{program} is missing and could not be installed")
    return found


def nginx_binary() -> str:
    """nginx, installed from Debian's packages (nginx-light, or nginx) if it is missing."""
    return installed("nginx", "nginx-light", "nginx")


NGINX_CONFIG = """\
worker_processes {workers};
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    # One request per connection, as gunicorn's sync workers answer.
    keepalive_timeout 0;
    types {{ text/html html; }}
    charset utf-8;
    client_body_temp_path {prefix}/client-body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
"""


def nginx_command(binary: str, prefix: Path, root: Path, port: int) -> list[str]:
    """nginx in the foreground with its own configuration, pid file, logs and temp paths."""
    config = prefix / "nginx.conf"
    config.write_text(
        NGINX_CONFIG.format(workers=NGINX_WORKERS, prefix=prefix, root=root, port=port)
    )
    return [binary, "-p", f"{prefix}/", "-c", str(config), "-e", str(prefix / "nginx-error.log")]


def program_version(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    return output.splitlines()[0] if output else "?"


# ---------------------------------------------------------------------------------------------
# Single requests
# ---------------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def fetch(port: int, path: str, headers: dict | None = None) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        conn.close()


def expect(port: int, path: str, status: int, headers: dict | None = None) -> Answer:
    answer = fetch(port, path, headers)
    if answer.status != status:
        raise RuntimeError(f"GET {path} answered {answer.status}, expected {status}")
    return answer


# ---------------------------------------------------------------------------------------------
# wrk
# ---------------------------------------------------------------------------------------------


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    bad_status: int  # responses other than 2xx or 3xx
    socket_errors: dict[str, int]
    # Every latency percentile printed, wrk's own and those a script's done() adds in the
    # same format ("    95%   12.34ms"); the full output, for what else a script prints.
    percentiles: dict[int, float] = field(default_factory=dict)
    output: str = field(default="", repr=False)

    @property
    def errors(self) -> int:
        return self.bad_status + sum(self.socket_errors.values())


def wrk_command(
    url: str,
    seconds: float,
    headers: dict | None = None,
    *,
    connections: int = WRK_CONNECTIONS,
    script: str | Path | None = None,
    script_args: tuple[str, ...] = (),
) -> list[str]:
    """wrk's command line; `script` is a Lua script (-s), `script_args` what follows "--"."""
    header_args = [
        arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")
    ]
    return [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--latency",
        f"--timeout={WRK_TIMEOUT}",
        *header_args,
        *(["-s", str(script)] if script else []),
        url,
        *(["--", *script_args] if script_args else []),
    ]


def run_wrk(url: str, seconds: float, headers: dict | None = None, **options) -> WrkResult:
    """One wrk run; `options` as for wrk_command."""
    command = wrk_command(url, seconds, headers, **options)
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_wrk(result.stdout)


TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(value: str, unit: str) -> float:
    return float(value) * TIME_UNITS_MS[unit]


def parse_wrk(output: str) -> WrkResult:
    """The numbers of `wrk --latency` output; a missing line means zero errors of its kind."""
    percentiles = {
        int(p): _ms(value, unit)
        for p, value, unit in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.M)
    }
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        p50_ms=percentiles[50],
        p99_ms=percentiles[99],
        requests=int(re.search(r"(\d+) requests in", output)[1]),
        bad_status=int(bad[1]) if bad else 0,
        socket_errors=dict(
            zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True)
        )
        if sockets
        else {},
        percentiles=percentiles,
        output=output,
    )


def measure(url: str, seconds: float, warmup: float, headers: dict | None = None) -> WrkResult:
    """A warm-up run, thrown away, then the measured run."""
    if warmup > 0:
        run_wrk(url, warmup, headers)
    return run_wrk(url, seconds, headers)
