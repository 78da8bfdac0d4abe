"""LOAD-1 and LOAD-2 of the security matrix, scaled to this machine, on loopback.

LOAD-1: the demo policy's public pages (the page, its PDF, the archive of versions, the feed)
at a fixed arrival rate, open loop: requests start on schedule whatever the server does, and
each latency counts from the scheduled time, so queueing shows instead of slowing the load.

LOAD-2: virtual editors, each with a document of its own, log in once, then autosave the
wizard's security step every 10 s with the revision they last saw and view other pages in
between; once, mid-run, each posts a stale revision, which must be refused (409). Afterwards
the database is checked against what every editor was told (CONC-1).

Targets: LOAD-1 TTFB p95 < 200 ms, no 5xx, error rate < 0.1 %; LOAD-2 p95 < 500 ms, no 5xx,
no CONC-1 violation; and no errors at all. The report is printed and written to
bench/load-matrix-last-run.md; the exit status is 1 when a target is missed.

Run from the project root:

    .venv/bin/python bench/load_matrix.py            # 3 minutes of each
    .venv/bin/python bench/load_matrix.py --quick    # 30 s of each

It needs PostgreSQL on 127.0.0.1:5432 and creates the database policyhub_load anew.
"""

import argparse
import datetime
import os
import platform
import shlex
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version as package_version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import editors, load, machine, openloop, public_pages  # noqa: E402
from bench.matrix_report import Check, Phase, Report, render  # noqa: E402
from bench.stats import summarise  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/policyhub_load"
FULL = {"duration": 180, "warmup": 10, "ramp": 60}
QUICK = {"duration": 30, "warmup": 5, "ramp": 10}
SPEC_RATE, SPEC_MINUTES = 200, 10
RATE = SPEC_RATE  # requests per second for LOAD-1; see SCALING
REPORT = ROOT / "bench" / "load-matrix-last-run.md"

POLICY = "/p/demo/privatuma-politika/"
# Half page views, a quarter PDF downloads, the rest archive and feed, in this rotation.
PUBLIC_MIX = [
    ("policy page", POLICY),
    ("PDF download", POLICY + "versions/2.pdf"),
    ("policy page", POLICY),
    ("archive of versions", POLICY + "versions/"),
    ("policy page", POLICY),
    ("PDF download", POLICY + "versions/2.pdf"),
    ("policy page", POLICY),
    ("Atom feed", POLICY + "feed/"),
]
TTFB_P95_MS, ERROR_RATE = 200, 0.001
EDIT_P95_MS = 500

SCALING = (
    f"The matrix asks for {SPEC_RATE} req/s for {SPEC_MINUTES} minutes on production "
    "hardware. Here gunicorn's 2 sync workers, PostgreSQL, Redis and the load generator share "
    "2 CPUs; the public pages come from the cache (bench/last-run.md: thousands of req/s), so "
    "the matrix's own rate is run: {rate:g} req/s, {share:.0f} % of it; --duration 600 gives "
    f"its {SPEC_MINUTES} minutes."
)

log = public_pages.log


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: " + str(QUICK))
    parser.add_argument("--duration", type=float, help="seconds of each load (180)")
    parser.add_argument("--warmup", type=float, help="seconds of LOAD-1 before measuring (10)")
    parser.add_argument("--rate", type=float, default=RATE, help="LOAD-1 requests per second")
    parser.add_argument("--in-flight", type=int, default=500, help="LOAD-1 open requests, most")
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--companies", type=int, default=10, help="the editors' companies")
    parser.add_argument("--cycle", type=float, default=10, help="seconds between autosaves")
    parser.add_argument("--views", type=int, default=1, help="page views between autosaves")
    parser.add_argument("--ramp", type=float, help="seconds over which the editors log in (60)")
    public_pages.add_server_arguments(parser, DEFAULT_DATABASE_URL)
    args = public_pages.with_defaults(parser.parse_args(argv), QUICK, FULL)
    if args.duration < args.ramp + 2 * args.cycle:
        parser.error("--duration must be at least --ramp and two cycles")
    return args


def database_name(args) -> str:
    return public_pages.database_name(args)


# ---------------------------------------------------------------------------------------------
# The two loads
# ---------------------------------------------------------------------------------------------


def load_1(port: int, args) -> Phase:
    log(f"LOAD-1: warm-up, {args.warmup:g} s at {args.rate:g} req/s")
    openloop.fixed_rate(port, PUBLIC_MIX, args.rate, args.warmup, args.in_flight)
    log(f"LOAD-1: {args.duration:g} s at {args.rate:g} req/s")
    with machine.watching(database_name(args)) as watch:
        origin = time.monotonic() + 0.1
        samples = openloop.fixed_rate(
            port, PUBLIC_MIX, args.rate, args.duration, args.in_flight, origin
        )
    name = f"LOAD-1: public pages at {args.rate:g} req/s"
    return Phase(name, samples, args.duration, watch.usage, origin, dict(PUBLIC_MIX))


def editor_plan(n: int, args, pages: tuple[str, ...]) -> editors.Plan:
    """Editor n logs in at its own offset in the ramp, as people arrive over a minute rather
    than all at once (a log-in costs an argon2 hash, slow on purpose); the autosaves then
    arrive evenly. The stale save follows the autosave of a cycle every editor
    reaches, mid-run."""
    every_editor = int((args.duration - args.ramp - 1) // args.cycle) + 1
    return editors.Plan(
        offset=(n - 1) * args.ramp / args.editors,
        seconds=args.duration,
        cycle=args.cycle,
        views=args.views,
        pages=pages,
        stale_cycle=every_editor // 2,
    )


def load_2(port: int, args, accounts: list[editors.Account], pages) -> tuple[Phase, list]:
    log(f"LOAD-2: {len(accounts)} editors for {args.duration:g} s")
    team = [editors.Editor(n, account) for n, account in enumerate(accounts, 1)]
    stop = threading.Event()
    with (
        machine.watching(database_name(args)) as watch,
        ThreadPoolExecutor(len(team), thread_name_prefix="editor") as pool,
    ):
        origin = time.monotonic() + 0.5
        futures = [
            pool.submit(editors.run, e, port, origin, editor_plan(e.number, args, pages), stop)
            for e in team
        ]
        try:
            for future in futures:
                future.result()
        finally:
            stop.set()
    samples = sorted((s for e in team for s in e.samples), key=lambda s: s.at)
    name = f"LOAD-2: {len(team)} editors autosaving every {args.cycle:g} s"
    return Phase(name, samples, args.duration, watch.usage, origin), team


def server_problems(log_file: Path) -> dict[str, int]:
    """Lines of gunicorn's log that tell of trouble: worker timeouts, errors, tracebacks."""
    text = log_file.read_text(errors="replace")
    return {
        "worker timeouts": text.count("WORKER TIMEOUT"),
        "ERROR lines": sum(" ERROR " in line for line in text.splitlines()),
        "tracebacks": text.count("Traceback"),
    }


def run(args, tmp: Path, facts: dict):
    public_pages.setup_django(public_pages.server_environment(args, tmp))
    from bench import data, editing_data  # need Django set up

    log(f"creating the database {database_name(args)}")
    data.recreate_database(args.database_url, database_name(args))
    data.migrate_and_collect_static()
    data.create_demo()
    log(f"{args.editors} editors in {args.companies} companies, each with a document")
    accounts = editing_data.create_editors(args.editors, args.companies)
    data.vacuum_analyze()
    before = editing_data.before_run(accounts)
    facts["postgres"] = data.postgres_version()
    data.disconnect()

    port = load.free_port()
    server_env = {**os.environ}
    server_env.pop("PDF_RENDER_IN_PROCESS")
    log_file = tmp / "gunicorn.log"
    with load.serving(load.gunicorn_command(port, ROOT), port, log_file, server_env):
        log(f"gunicorn listening on port {port}")
        for _kind, path in PUBLIC_MIX:
            load.expect(port, path, 200)
        public = load_1(port, args)
        editing, team = load_2(port, args, accounts, editing_data.PAGES)
    found = {e.number: editing_data.violations(e, before[e.account]) for e in team}
    return public, editing, team, found, server_problems(log_file)


# ---------------------------------------------------------------------------------------------
# Targets and the report
# ---------------------------------------------------------------------------------------------


def checks(public: Phase, editing: Phase, violations: int, problems: dict) -> list[Check]:
    p = summarise("all", public.samples, public.seconds)
    e = summarise("all", editing.samples, editing.seconds)
    server = sum(problems.values())
    return [
        Check(
            "LOAD-1",
            "TTFB p95",
            f"< {TTFB_P95_MS} ms",
            f"{p.ttfb_p95:.1f} ms",
            p.ttfb_p95 < TTFB_P95_MS,
        ),
        Check("LOAD-1", "5xx responses", "0", str(p.server_errors), p.server_errors == 0),
        Check(
            "LOAD-1",
            "error rate",
            f"< {ERROR_RATE:.1%}",
            f"{p.error_rate:.3%}",
            p.error_rate < ERROR_RATE,
        ),
        Check("LOAD-1", "errors of any kind", "0", f"{p.errors} of {p.requests:,}", p.errors == 0),
        Check(
            "LOAD-2",
            "p95, full response",
            f"< {EDIT_P95_MS} ms",
            f"{e.total_p95:.1f} ms",
            e.total_p95 < EDIT_P95_MS,
        ),
        Check("LOAD-2", "5xx responses", "0", str(e.server_errors), e.server_errors == 0),
        Check("LOAD-2", "errors of any kind", "0", f"{e.errors} of {e.requests:,}", e.errors == 0),
        Check("LOAD-2", "CONC-1 violations", "0", str(violations), violations == 0),
        Check("both", "trouble in gunicorn's log", "0", str(server), server == 0),
    ]


def conc_lines(team: list, found: dict[int, list[str]]) -> list[str]:
    saves = sum(len(e.saved) for e in team)
    stale = [status for e in team for _text, status in e.stale]
    lines = [
        f"Documents checked: {len(team)} (every editor's own document).",
        f"Autosaves answered as saved: {saves:,}; for every document the stored revision rose "
        "by exactly its number of saves, and the step's history holds exactly those saves, "
        "in order, with the last one as the stored answer, unless listed below.",
        f"Stale saves posted (the revision before the last): {len(stale)}; answered 409: "
        f"{stale.count(409)}; none of their texts may appear in the history.",
    ]
    problems = [(n, text) for n, texts in found.items() for text in texts]
    lines.append(f"**Violations: {len(problems)}**" if problems else "Violations: 0.")
    lines.extend(f"document of editor {n}: {text}" for n, text in problems[:20])
    return lines


def machine_facts() -> dict:
    return {
        "date": datetime.datetime.now(datetime.UTC).astimezone().isoformat(timespec="seconds"),
        "command": shlex.join(sys.orig_argv),
        "cpus": os.cpu_count(),
        "cpu": public_pages.cpu_model(),
        "memory": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": package_version("django"),
        "gunicorn": package_version("gunicorn"),
    }


def make_report(args, facts, public, editing, team, found, problems) -> Report:
    violations = sum(len(texts) for texts in found.values())
    gunicorn = shlex.join(load.gunicorn_command("PORT", ROOT)).replace(str(ROOT), ".")
    plan = editor_plan(1, args, ())
    return Report(
        header=[
            f"Date: {facts['date']}",
            f"Command: `{facts['command']}`",
            f"Machine: {facts['cpus']} CPUs, {facts['cpu']}, {facts['memory']} RAM, Linux "
            f"{facts['kernel']}; shared with other programs (see below)",
            f"Software: Python {facts['python']}, Django {facts['django']}, gunicorn "
            f"{facts['gunicorn']}, PostgreSQL {facts['postgres']}",
        ],
        checks=checks(public, editing, violations, problems),
        setup=[
            f"Django: `{gunicorn}`, DEBUG=0, settings `bench.settings`, CONN_MAX_AGE 60 s; "
            "requests go straight to gunicorn on 127.0.0.1, one connection each (sync "
            "workers close it after the answer).",
            f"Database: PostgreSQL `{database_name(args)}` on 127.0.0.1, created anew and "
            "migrated; the demo company (`manage.py demo`), then "
            f"{args.companies} companies whose owners invited {args.editors} editors, who "
            "signed up through the invitation (`tenants.services`); each editor has a document "
            "of their own holding the demo answers (`answers_format.import_into`); "
            "`VACUUM ANALYZE`.",
            f"LOAD-1 scaling: {SCALING.format(rate=args.rate, share=args.rate / SPEC_RATE * 100)}",
            f"LOAD-1 load: {args.rate:g} GETs per second, request i due at i / rate seconds "
            f"after the start, for {args.duration:g} s after a {args.warmup:g} s warm-up at the "
            f"same rate; at most {args.in_flight} open at once. Rotation of 8: 4 policy pages, "
            "2 PDF downloads, 1 archive, 1 feed. No caching in front of gunicorn and no "
            "conditional requests: every request is a full answer.",
            "Latency: TTFB is the time from a request's scheduled start to its status line "
            "and headers; the full response, to its last byte. Both count from the schedule, "
            "so a request sent late (all connections busy) is charged its lateness. An error "
            "is an answer other than the expected status (200; LOAD-2: 302 for log-in and "
            "saves, 409 for stale saves) or no answer within 30 s.",
            f"LOAD-2 load: {args.editors} editors (threads); editor n logs in (log-in page, "
            "POST with the CSRF token, redirects to the dashboard) at (n − 1) × "
            f"{args.ramp / args.editors:g} s, opens the security step, and from 1 s later "
            f"every {plan.cycle:g} s posts it (`revision` as last seen, action save, new text) "
            "and follows the redirect to the step, whose revision it must show one higher. "
            f"Between two autosaves, {plan.views} page view(s) at even intervals, going round "
            "the document's overview, its 11 wizard steps, preview and history (each editor "
            f"from its own place). After the autosave of cycle {plan.stale_cycle} (from 0) "
            "each editor posts the step once more with the revision before the one it holds "
            "(a stale save). Latencies count from each action's scheduled time; follow-up "
            "requests (redirects) from their sending.",
        ],
        public=public,
        editing=editing,
        conc=conc_lines(team, found),
        notes=[
            "gunicorn's log: "
            + ", ".join(f"{name} {count}" for name, count in problems.items())
            + ".",
            "The database is left in place for inspection; the next run drops it.",
        ],
    )


def main(argv=None) -> int:
    args = parse_args(argv)
    facts = machine_facts()
    with tempfile.TemporaryDirectory(prefix="policyhub-load-") as tmp:
        outcome = run(args, Path(tmp), facts)
    report = make_report(args, facts, *outcome)
    text = render(report, window=max(10, args.duration / 6))
    print(text)
    REPORT.write_text(text)
    log(f"report written to {REPORT.relative_to(ROOT)}")
    failed = [f"{c.row} {c.what}" for c in report.checks if not c.passed]
    if failed:
        log("targets missed: " + "; ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    public_pages.start(main)
