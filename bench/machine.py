"""What the machine did during a phase of load: how busy its CPUs were, and how much of that
was this benchmark (its own process tree and the PostgreSQL backends of its database) or
other programs. Processes are sampled every second, so short-lived ones (a test run that
starts and ends within the phase) are counted too."""

import contextlib
import os
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

INTERVAL = 1.0  # seconds between samples of the process table


@dataclass
class Process:
    parent: int
    name: str  # the command name; a PostgreSQL backend: "postgres: <database>"
    ticks: int  # user and system CPU time, in clock ticks


@dataclass(frozen=True)
class Point:
    """Clock ticks since the watch began, at one sample."""

    at: float  # time.monotonic()
    busy: int  # all CPUs
    total: int
    generator: int  # this process and its wrk: the load generator
    server: int  # its descendants (gunicorn) and the backends of its database


@dataclass
class Usage:
    seconds: float
    busy: float  # share of all CPUs' time, including processes the samples missed
    generator: float  # share used by the load generator
    server: float  # share used by gunicorn and PostgreSQL for the benchmark's database
    others: list[tuple[str, int, float]]  # (name, processes, share), the busiest first
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float]
    timeline: list[Point]

    def between(self, start: float, end: float) -> tuple[float, float, float]:
        """Shares of all CPUs' time from `start` to `end` (time.monotonic(), rounded to the
        samples): the server's, the generator's, and everything else's."""
        inside = [p for p in self.timeline if start - INTERVAL / 2 <= p.at <= end + INTERVAL / 2]
        if len(inside) < 2:
            return 0.0, 0.0, 0.0
        a, b = inside[0], inside[-1]
        total = max(1, b.total - a.total)
        server, generator = b.server - a.server, b.generator - a.generator
        return server / total, generator / total, (b.busy - a.busy - server - generator) / total


def _cpu_ticks() -> tuple[int, int]:
    """(busy, all) clock ticks of all CPUs since boot: busy is user, nice, system, irq and
    softirq; idle, I/O wait and steal are not."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return sum(fields[:3]) + fields[5] + fields[6], sum(fields)


def _process(entry: Path) -> tuple[tuple[int, str], Process] | None:
    try:
        stat = (entry / "stat").read_text()
        title = (entry / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
    except OSError:
        return None
    name = stat[stat.index("(") + 1 : stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2 :].split()  # from field 3, the state
    if title.startswith("postgres: "):  # "postgres: [cluster: ]user database host(port) state"
        words = title.split()
        if len(words) > 1 and words[1].endswith(":"):  # Debian's "15/main:"
            del words[1]
        name = f"postgres: {words[2]}" if len(words) > 3 else "postgres"
    key = (int(entry.name), fields[19])  # pid and start time: a reused pid is another process
    return key, Process(int(fields[1]), name, int(fields[11]) + int(fields[12]))


def _processes() -> dict[tuple[int, str], Process]:
    found = (_process(e) for e in Path("/proc").iterdir() if e.name.isdigit())
    return dict(item for item in found if item)


@dataclass
class Watch:
    """Samples of the process table, every INTERVAL seconds, while the block runs."""

    database: str
    first: dict = field(default_factory=dict)  # key: ticks when first seen (0 if born since)
    last: dict = field(default_factory=dict)  # key: Process when last seen
    timeline: list[Point] = field(default_factory=list)
    usage: Usage | None = None

    def sample(self, initial: bool = False) -> None:
        for key, process in _processes().items():
            self.first.setdefault(key, process.ticks if initial else 0)
            self.last[key] = process
        busy, total = _cpu_ticks()
        generator, server = self._ours()
        used = [
            sum(self.last[k].ticks - self.first[k] for k in keys) for keys in (generator, server)
        ]
        self.timeline.append(Point(time.monotonic(), busy, total, *used))

    def _ours(self) -> tuple[set, set]:
        """This process and any wrk it started (the generator); its other descendants
        (gunicorn and its workers) and the backends of the benchmark's database (the
        server)."""
        by_pid = {key[0]: key for key in self.last}
        ours = {by_pid[os.getpid()]}
        while found := {k for k, p in self.last.items() if by_pid.get(p.parent) in ours} - ours:
            ours |= found
        generator = {k for k in ours if k[0] == os.getpid() or self.last[k].name == "wrk"}
        database = f"postgres: {self.database}"
        server = ours - generator | {k for k, p in self.last.items() if p.name == database}
        return generator, server

    def summarise(self, load_start: tuple, top: int = 5) -> Usage:
        first, last = self.timeline[0], self.timeline[-1]
        total = max(1, last.total - first.total)
        ours = set().union(*self._ours())
        by_name, counts = defaultdict(int), defaultdict(int)
        for key, process in self.last.items():
            used = process.ticks - self.first[key]
            if key not in ours and used > 0:
                by_name[process.name] += used
                counts[process.name] += 1
        busiest = sorted(by_name.items(), key=lambda item: -item[1])[:top]
        return Usage(
            seconds=last.at - first.at,
            busy=(last.busy - first.busy) / total,
            generator=(last.generator - first.generator) / total,
            server=(last.server - first.server) / total,
            others=[(name, counts[name], used / total) for name, used in busiest],
            load_start=load_start,
            load_end=os.getloadavg(),
            timeline=self.timeline,
        )


@contextlib.contextmanager
def watching(database: str):
    """Yields a Watch whose `usage` is set when the block ends."""
    watch, stop = Watch(database), threading.Event()
    load_start = os.getloadavg()
    watch.sample(initial=True)

    def sampler():
        while not stop.wait(INTERVAL):
            watch.sample()

    thread = threading.Thread(target=sampler, name="machine-watch", daemon=True)
    thread.start()
    try:
        yield watch
    finally:
        stop.set()
        thread.join()
        watch.sample()
        watch.usage = watch.summarise(load_start)
