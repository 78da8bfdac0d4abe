"""The Markdown report of bench/load_matrix.py."""

from dataclasses import dataclass, field

from bench.machine import Usage
from bench.openloop import Sample
from bench.stats import Summary, by_kind, windows


@dataclass
class Phase:
    name: str
    samples: list[Sample]
    seconds: float
    usage: Usage
    origin: float  # time.monotonic() of the first scheduled request
    paths: dict[str, str] = field(default_factory=dict)  # kind of request: its address


@dataclass
class Check:
    row: str  # "LOAD-1"
    what: str
    target: str
    measured: str
    passed: bool


@dataclass
class Report:
    header: list[str]
    checks: list[Check]
    setup: list[str]
    public: Phase
    editing: Phase
    conc: list[str]  # what the CONC-1 checks found, one line each
    notes: list[str]


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _bad(n: int) -> str:
    return f"**{n}**" if n else "0"


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def _load(averages) -> str:
    return " / ".join(f"{x:.2f}" for x in averages)


def checks_table(checks: list[Check]) -> list[str]:
    rows = ["| row | what | target | measured | |", "| --- | --- | --- | ---: | --- |"]
    for c in checks:
        verdict = "pass" if c.passed else "**FAIL**"
        rows.append(f"| {c.row} | {c.what} | {c.target} | {c.measured} | {verdict} |")
    return rows


def machine_table(phases: list[Phase]) -> list[str]:
    rows = [
        "| phase | seconds | all CPUs busy | server | load generator "
        "| other programs (processes) | load average at start → end |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for phase in phases:
        u = phase.usage
        others = ", ".join(f"{name} ({n}) {_percent(s)}" for name, n, s in u.others) or "–"
        rows.append(
            f"| {phase.name} | {u.seconds:.0f} | {_percent(u.busy)} | {_percent(u.server)} "
            f"| {_percent(u.generator)} | {others} "
            f"| {_load(u.load_start)} → {_load(u.load_end)} |"
        )
    return rows


def summary_table(rows: list[Summary], paths: dict[str, str], first: str) -> list[str]:
    lines = [
        f"| {first} | requests | req/s | TTFB p50 ms | p95 | p99 | max | full response p95 ms "
        "| 5xx | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in rows:
        label = f"{s.label} `{paths[s.label]}`" if s.label in paths else s.label
        if s.label == "all":
            label = "**all**"
        lines.append(
            f"| {label} | {s.requests:,} | {s.rate:.1f} | {_ms(s.ttfb_p50)} | {_ms(s.ttfb_p95)} "
            f"| {_ms(s.ttfb_p99)} | {_ms(s.ttfb_max)} | {_ms(s.total_p95)} "
            f"| {_bad(s.server_errors)} | {_bad(s.errors)} |"
        )
    return lines


def windows_table(phase: Phase, width: float) -> list[str]:
    """Figures per window of scheduled time, beside the CPU shares of the same window."""
    lines = [
        "| window | requests | TTFB p50 ms | p95 | full response p95 ms | errors "
        "| CPU: server | CPU: other programs |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for i, s in enumerate(windows(phase.samples, width)):
        start = phase.origin + i * width
        server, _generator, others = phase.usage.between(start, start + width)
        lines.append(
            f"| {s.label} | {s.requests:,} | {_ms(s.ttfb_p50)} | {_ms(s.ttfb_p95)} "
            f"| {_ms(s.total_p95)} | {_bad(s.errors)} | {_percent(server)} "
            f"| {_percent(others)} |"
        )
    return lines


def phase_section(phase: Phase, window: float) -> list[str]:
    kinds = by_kind(phase.samples, phase.seconds)
    everything = kinds[-1]
    lines = [
        *summary_table(kinds, phase.paths, "request"),
        "",
        f"Over time ({window:g} s windows of scheduled time; CPU shares are of both CPUs):",
        "",
        *windows_table(phase, window),
        "",
        f"- The generator sent 99 % of requests within {_ms(everything.lag_p99)} ms of their "
        "scheduled time (the lateness is part of every latency above).",
    ]
    if everything.error_kinds:
        kinds_text = ", ".join(f"{k}: {n}" for k, n in everything.error_kinds.items())
        lines.append(f"- Errors by kind: {kinds_text}.")
    return lines


def render(report: Report, window: float) -> str:
    lines = [
        "# PolicyHub load matrix: LOAD-1 and LOAD-2",
        "",
        *[f"- {line}" for line in report.header],
        "",
        "## Result",
        "",
        *checks_table(report.checks),
        "",
        "## The machine during the run",
        "",
        "Shares of both CPUs' time, sampled every second: the server is gunicorn and the "
        "PostgreSQL backends of the benchmark's database; the load generator is the script "
        "itself; other programs are everything else (people's test runs on the same machine).",
        "",
        *machine_table([report.public, report.editing]),
        "",
        "## Set-up",
        "",
        *[f"- {line}" for line in report.setup],
        "",
        f"## {report.public.name}",
        "",
        *phase_section(report.public, window),
        "",
        f"## {report.editing.name}",
        "",
        *phase_section(report.editing, window),
        "",
        "CONC-1 checks, from the database after the run:",
        "",
        *[f"- {line}" for line in report.conc],
        "",
        "## Notes",
        "",
        *[f"- {line}" for line in report.notes],
        "",
    ]
    return "\n".join(lines)
