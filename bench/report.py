"""The benchmark's Markdown report."""

from dataclasses import dataclass, field

from bench.load import WrkResult


@dataclass
class Measured:
    label: str
    path: str
    result: WrkResult
    body_bytes: int
    queries: object = None  # bench.data.Queries; None: not a Django page


@dataclass
class Report:
    header: list[str]
    setup: list[str]
    targets: list[Measured]
    page_ratios: dict[str, float]
    goals: list[tuple[str, str, bool]]  # (goal, what the run shows, met)
    diff_notes: list[str]
    scale_rows: list[tuple[str, object, Measured]]  # (state, data.Counts, measurement)
    notes: list[str] = field(default_factory=list)


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _ms(value: float) -> str:
    return f"{value:,.1f}" if value >= 100 else f"{value:.2f}"


def _size(n: int) -> str:
    return f"{n / 1024:,.1f} KiB" if n >= 1024 else f"{n} B"


def _socket_errors(result: WrkResult) -> str:
    total = sum(result.socket_errors.values())
    if not total:
        return "0"
    detail = ", ".join(f"{kind} {n}" for kind, n in result.socket_errors.items() if n)
    return f"**{total}** ({detail})"


def _bad(n: int) -> str:
    return f"**{n}**" if n else "0"


def _queries(m: Measured) -> str:
    return "–" if m.queries is None else f"{m.queries.cached} / {m.queries.miss}"


def _met(met: bool) -> str:
    return "yes" if met else "**no**"


def _miss_ms(m: Measured) -> str:
    return "–" if m.queries is None else _ms(m.queries.miss_ms)


def targets_table(targets: list[Measured], baseline: WrkResult) -> list[str]:
    rows = [
        "| target | address | body | SQL queries (cached / miss) | miss ms | req/s | p50 ms "
        "| p99 ms | non-2xx/3xx | socket errors | req/s ÷ bytes | p50 ÷ bytes |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in targets:
        r = m.result
        rows.append(
            f"| {m.label} | `{m.path}` | {_size(m.body_bytes)} | {_queries(m)} | {_miss_ms(m)} "
            f"| {_number(r.requests_per_second)} | {_ms(r.p50_ms)} | {_ms(r.p99_ms)} "
            f"| {_bad(r.bad_status)} | {_socket_errors(r)} "
            f"| {r.requests_per_second / baseline.requests_per_second:.2f} "
            f"| {r.p50_ms / baseline.p50_ms:.2f} |"
        )
    return rows


def scale_table(rows: list[tuple[str, object, Measured]]) -> list[str]:
    lines = [
        "| state | companies | versions | renderings | database | SQL queries (cached / miss) "
        "| miss ms | req/s | p50 ms | p99 ms | non-2xx/3xx | socket errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for state, counts, m in rows:
        r = m.result
        lines.append(
            f"| {state} | {counts.companies:,} | {counts.versions:,} | {counts.renderings:,} "
            f"| {counts.database_size} | {_queries(m)} | {_miss_ms(m)} "
            f"| {_number(r.requests_per_second)} "
            f"| {_ms(r.p50_ms)} | {_ms(r.p99_ms)} | {_bad(r.bad_status)} | {_socket_errors(r)} |"
        )
    return lines


def error_summary(measured: list[Measured]) -> str:
    failing = [m for m in measured if m.result.errors]
    if not failing:
        return "No errors: every response was 2xx or 3xx and wrk saw no socket errors."
    names = ", ".join(f"{m.label} ({m.result.errors})" for m in failing)
    return f"**Errors** (non-2xx/3xx responses or socket errors) in: {names}."


def render(report: Report) -> str:
    baseline = report.targets[0].result
    small, large = report.scale_rows[0][2].result, report.scale_rows[-1][2].result
    everything = report.targets + [row[2] for row in report.scale_rows[1:]]
    lines = [
        "# PolicyHub public pages: benchmark",
        "",
        *[f"- {line}" for line in report.header],
        "",
        "## Set-up",
        "",
        *[f"- {line}" for line in report.setup],
        "",
        "## Public pages (10 companies in the database)",
        "",
        "Ratios are against the first row, the same HTML as the policy page served from memory "
        "by a trivial Django view in the same gunicorn.",
        "",
        *targets_table(report.targets, baseline),
        "",
        *[f"- {name}: {value:.2f}" for name, value in report.page_ratios.items()],
        "",
        "## Goals",
        "",
        "| goal | this run | met |",
        "| --- | --- | --- |",
        *[f"| {goal} | {shown} | {_met(met)} |" for goal, shown, met in report.goals],
        "",
        "## Diff between two versions of about 20 pages",
        "",
        *[f"- {line}" for line in report.diff_notes],
        "",
        "## Scale: the policy page with many companies",
        "",
        *scale_table(report.scale_rows),
        "",
        f"- req/s at the larger state ÷ req/s at 10 companies: "
        f"{large.requests_per_second / small.requests_per_second:.2f}; "
        f"p50 ratio {large.p50_ms / small.p50_ms:.2f}, p99 ratio {large.p99_ms / small.p99_ms:.2f}",
        "",
        "## Notes",
        "",
        f"- {error_summary(everything)}",
        *[f"- {line}" for line in report.notes],
        "",
    ]
    return "\n".join(lines)
