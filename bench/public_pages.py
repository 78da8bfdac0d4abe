"""Benchmark of PolicyHub's public pages under load, on loopback.

What is measured, each with wrk (2 threads, 50 connections, --latency) after a warm-up run:

1. The public policy page /p/demo/privatuma-politika/ (Latvian), against the same bytes from
   memory (a trivial Django view in the same gunicorn, URLconf bench/urls.py) and against
   nginx serving the same HTML as a static file.
2. The PDF download /p/demo/privatuma-politika/versions/2.pdf.
3. A 304 revalidation of the policy page (If-None-Match with the page's ETag).
4. The version as JSON (.../versions/2.json) and the embed page (.../embed/).
5. The diff /p/liela-politika/privatuma-politika/diff/1/2/ between two versions of a policy of
   about 20 PDF pages (the demo answers with every row repeated, published twice).
6. Scale: the policy page with 10 companies in the database, then with 10,000 companies and
   100,000 versions (filler rows inserted in bulk), with the SQL queries per request.

Every target's report row has requests/s, p50 and p99 latency, responses other than 2xx/3xx,
wrk's socket errors and ratios against the bytes-from-memory baseline; a table of goals says
which of the ratios the run meets (GOALS). The report is printed and written to
bench/last-run.md.

The database is a dedicated PostgreSQL database (policyhub_bench), dropped and created anew,
then migrated. gunicorn runs in production mode (DEBUG=0) with 2 sync workers sharing the
cache in Redis (--cache-url, database 2 of 127.0.0.1:6379 by default); nginx (installed
from apt if missing) runs with a temporary configuration. Both are stopped at the end, also on
an error or Ctrl-C. The database is left in place for inspection.

Run from the project root:

    .venv/bin/python bench/public_pages.py            # full run: 10 s per target
    .venv/bin/python bench/public_pages.py --quick    # smoke run: 3 s, 1,000 companies

--duration, --warmup, --companies, --versions and --database-url change the defaults
(--help lists them). It needs root only to install nginx.
"""

import argparse
import datetime
import os
import platform
import secrets
import shlex
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

from bench import load  # noqa: E402
from bench.report import Measured, Report, render  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/policyhub_bench"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/2"
SMALL_COMPANIES = 10
FULL = {"duration": 10, "warmup": 2, "companies": 10_000, "versions": 100_000}
QUICK = {"duration": 3, "warmup": 1, "companies": 1_000, "versions": 10_000}

PAGE = "/p/demo/privatuma-politika/"
PDF = PAGE + "versions/2.pdf"
JSON = PAGE + "versions/2.json"
EMBED = PAGE + "embed/"
BYTES = "/bench/bytes/"  # bench/urls.py
STATIC = "/index.html"  # nginx
PAGE_LABEL = "policy page (Latvian)"
BYTES_LABEL = "same HTML from memory (Django view)"
STATIC_LABEL = "same HTML, static file (nginx)"
DIFF_LABEL = "diff of the ~20-page versions"
REVALIDATION_LABEL = "304 revalidation of the page"
# The goals, as ratios to the bytes-from-memory view: req/s at least, p50 at most its inverse.
GOALS = {
    PAGE_LABEL: 0.9,
    REVALIDATION_LABEL: 0.9,
    "PDF download": 0.9,
    "version as JSON": 0.9,
    "embed page": 0.9,
    DIFF_LABEL: 0.5,
}
DIFF_P50_MS = 50

started_at = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - started_at:6.1f} s] {message}", file=sys.stderr, flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: " + str(QUICK))
    parser.add_argument("--duration", type=float, help="seconds of load per target (10)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up per target (2)")
    parser.add_argument("--companies", type=int, help="companies in the large state (10,000)")
    parser.add_argument("--versions", type=int, help="versions in the large state (100,000)")
    add_server_arguments(parser, DEFAULT_DATABASE_URL)
    return with_defaults(parser.parse_args(argv), QUICK, FULL)


def add_server_arguments(parser: argparse.ArgumentParser, database_url: str) -> None:
    """--database-url and --cache-url, as every benchmark with servers takes them."""
    parser.add_argument("--database-url", default=database_url)
    parser.add_argument(
        "--cache-url",
        default=DEFAULT_CACHE_URL,
        help="the shared cache of the servers, CACHE_URL (empty: local memory in each worker)",
    )


def with_defaults(args: argparse.Namespace, quick: dict, full: dict) -> argparse.Namespace:
    """`args` with what the command line left unset taken from `quick` (--quick) or `full`."""
    for name, value in (quick if args.quick else full).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    return args


def server_environment(args, tmp: Path) -> dict[str, str]:
    """Production mode on plain http at 127.0.0.1 (policyhub/settings.py, policyhub/env.py)."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": args.database_url,
        "CACHE_URL": args.cache_url,
        # A prefix of its own: nothing a former run (of another database) left in the cache.
        "CACHE_KEY_PREFIX": "bench-" + secrets.token_hex(4),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "0",
        "MEDIA_ROOT": str(tmp / "media"),
        "BENCH_STATIC_ROOT": str(tmp / "static"),
        "BENCH_PAGE_FILE": str(tmp / "www" / "index.html"),
    }


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ["PDF_RENDER_IN_PROCESS"] = "1"  # only this process publishes; faster set-up
    django.setup()


def exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # runs the finally blocks that stop the servers


def start(main) -> None:
    """Exit with what `main()` returns (None: 0); Ctrl-C and SIGTERM stop the servers first."""
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started ignoring it
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted; the servers are stopped")
        sys.exit(130)


# ---------------------------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------------------------


@dataclass
class Target:
    label: str
    path: str
    headers: dict | None = None
    status: int = 200


def django_targets(diff_path: str, etag: str) -> list[Target]:
    return [
        Target(BYTES_LABEL, BYTES),
        Target(PAGE_LABEL, PAGE),
        Target("PDF download", PDF),
        Target(REVALIDATION_LABEL, PAGE, {"If-None-Match": etag}, 304),
        Target("version as JSON", JSON),
        Target("embed page", EMBED),
        Target(DIFF_LABEL, diff_path),
    ]


def measure(port: int, target: Target, args, queries=None) -> Measured:
    """One request to check the answer's status, then a warm-up run and the measured run."""
    answer = load.expect(port, target.path, target.status, target.headers)
    log(f"measuring {target.label}: {target.path}")
    url = f"http://127.0.0.1:{port}{target.path}"
    result = load.measure(url, args.duration, args.warmup, target.headers)
    return Measured(target.label, target.path, result, len(answer.body), queries)


def write_page(body: bytes, file: Path) -> None:
    """The page's HTML where the bytes view and nginx (whose workers run as nobody) read it."""
    file.parent.mkdir(parents=True)
    file.write_bytes(body)
    for path in (file.parent.parent, file.parent):
        path.chmod(0o755)
    file.chmod(0o644)


def measure_static(nginx: str, tmp: Path, page_file: Path, args) -> Measured:
    port = load.free_port()
    command = load.nginx_command(nginx, tmp, page_file.parent, port)
    with load.serving(command, port, tmp / "nginx.log"):
        if load.expect(port, STATIC, 200).body != page_file.read_bytes():
            raise RuntimeError("nginx does not serve the page's HTML")
        return measure(port, Target(STATIC_LABEL, STATIC), args)


def prepare_database(args, data) -> tuple[str, str]:
    """The small state: demo, the policy of about 20 pages and filler companies up to 10.
    Returns the company and document of the policy of about 20 pages."""
    log(f"creating the database {database_name(args)}")
    data.recreate_database(args.database_url, database_name(args))
    data.migrate_and_collect_static()
    log("publishing the demo policy and a policy of about 20 pages")
    data.create_demo()
    large = data.create_large_policy()
    data.fill(SMALL_COMPANIES, versions_per_company(args))
    data.vacuum_analyze()
    return large


def measure_small_state(port, args, data, nginx: str, tmp: Path, diff: str) -> list[Measured]:
    page_file = Path(os.environ["BENCH_PAGE_FILE"])
    page = load.expect(port, PAGE, 200)
    write_page(page.body, page_file)
    if load.expect(port, BYTES, 200).body != page.body:
        raise RuntimeError("the bytes view does not serve the page's HTML")
    targets = django_targets(diff, page.headers["ETag"])
    queries = [data.queries_per_request(t.path, t.headers) for t in targets]
    data.disconnect()
    static = measure_static(nginx, tmp, page_file, args)
    measured = [measure(port, t, args, q) for t, q in zip(targets, queries, strict=True)]
    return [*measured[:2], static, *measured[2:]]


def measure_large_state(port, args, data) -> tuple[object, Measured]:
    log(f"filling to {args.companies:,} companies, {versions_per_company(args)} versions each")
    data.fill(args.companies, versions_per_company(args))
    data.vacuum_analyze()
    counts = data.counts()
    queries = data.queries_per_request(PAGE)
    data.disconnect()
    return counts, measure(port, Target(PAGE_LABEL, PAGE), args, queries)


@dataclass
class Outcome:
    measured: list[Measured]  # with 10 companies
    scaled: Measured  # the policy page with many companies
    small: object  # data.Counts (bench.data needs Django set up) with 10 companies
    large: object  # and with many
    diff_policy: tuple[str, str]  # company and document of the diff
    copies: int  # of each row of the demo answers in that policy
    pdf_pages: list[int]  # of its versions 1 and 2


def run(args, tmp: Path, facts: dict) -> Outcome:
    setup_django(server_environment(args, tmp))
    from bench import data  # needs Django set up

    policy = prepare_database(args, data)
    small = data.counts()
    pdf_pages = [data.pdf_pages(*policy, number) for number in (1, 2)]
    nginx = load.nginx_binary()
    facts["postgres"] = data.postgres_version()
    facts["nginx"] = load.program_version([nginx, "-v"]).split(": ")[-1]

    port = load.free_port()
    server_env = {**os.environ}
    server_env.pop("PDF_RENDER_IN_PROCESS")  # gunicorn only serves what was published
    with load.serving(load.gunicorn_command(port, ROOT), port, tmp / "gunicorn.log", server_env):
        log(f"gunicorn listening on port {port}")
        diff = "/p/{}/{}/diff/1/2/".format(*policy)
        measured = measure_small_state(port, args, data, nginx, tmp, diff)
        large, scaled = measure_large_state(port, args, data)
    return Outcome(measured, scaled, small, large, policy, data.LARGE_COPIES, pdf_pages)


def versions_per_company(args) -> int:
    return max(1, round(args.versions / args.companies))


def database_name(args) -> str:
    return urlsplit(args.database_url).path.lstrip("/")


# ---------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def machine_facts() -> dict:
    return {
        "date": datetime.datetime.now(datetime.UTC).astimezone().isoformat(timespec="seconds"),
        "command": shlex.join(sys.orig_argv),
        "cpus": len(os.sched_getaffinity(0)),
        "cpu": cpu_model(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": package_version("django"),
        "gunicorn": package_version("gunicorn"),
        "memory": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "wrk": " ".join(load.program_version([load.installed("wrk", "wrk"), "-v"]).split()[:2]),
        "load_start": os.getloadavg(),
    }


def _load(averages) -> str:
    return " / ".join(f"{x:.2f}" for x in averages)


def header(facts: dict) -> list[str]:
    """Date, command, machine and software of the report; nginx and Redis where measured."""
    software = [
        f"Python {facts['python']}",
        f"Django {facts['django']}",
        f"gunicorn {facts['gunicorn']}",
        f"PostgreSQL {facts['postgres']}",
    ]
    if "redis" in facts:
        software.append(f"Redis {facts['redis']}")
    software += [facts[name] for name in ("nginx", "wrk") if name in facts]
    return [
        f"Date: {facts['date']}",
        f"Command: `{facts['command']}`",
        f"Machine: {facts['cpus']} CPUs (nproc), {facts['cpu']}, {facts['memory']} RAM, "
        f"Linux {facts['kernel']}; load average (1/5/15 min) {_load(facts['load_start'])} "
        f"at the start, {_load(os.getloadavg())} at the end",
        "Software: " + ", ".join(software),
    ]


def goals(outcome: Outcome) -> list[tuple[str, str, bool]]:
    """Each goal of GOALS against the run: req/s at least `ratio` times the bytes view's, p50
    at most 1/`ratio` times its p50; the diff's p50 also under DIFF_P50_MS."""
    by_label = {m.label: m.result for m in outcome.measured}
    bytes_ = by_label[BYTES_LABEL]
    rows = []
    for label, ratio in GOALS.items():
        result = by_label[label]
        speed = result.requests_per_second / bytes_.requests_per_second
        latency = bytes_.p50_ms / result.p50_ms
        rows.append(
            (
                f"{label}: ≥ {ratio:g}× the bytes view in req/s and in p50",
                f"{speed:.2f}× in req/s, {latency:.2f}× in p50 (bytes p50 ÷ its p50)",
                speed >= ratio and latency >= ratio and not result.errors,
            )
        )
    diff = by_label[DIFF_LABEL]
    rows.append(
        (
            f"{DIFF_LABEL}: p50 under {DIFF_P50_MS} ms",
            f"{diff.p50_ms:.2f} ms",
            diff.p50_ms < DIFF_P50_MS,
        )
    )
    return rows


def make_report(args, facts: dict, outcome: Outcome) -> Report:
    by_label = {m.label: m for m in outcome.measured}
    bytes_, page = by_label[BYTES_LABEL].result, by_label[PAGE_LABEL].result
    static = by_label[STATIC_LABEL].result
    diff, page_row = by_label[DIFF_LABEL], by_label[PAGE_LABEL]
    company, document = outcome.diff_policy
    wrk = shlex.join(load.wrk_command("URL", args.duration))
    gunicorn = shlex.join(load.gunicorn_command("PORT", ROOT)).replace(str(ROOT), ".")
    return Report(
        header=header(facts),
        setup=[
            f"Load: `{wrk}` for each target, after a {args.warmup:g} s warm-up run of the "
            "same. wrk, the servers and PostgreSQL share the machine's CPUs. wrk's timeout "
            "is raised from 2 s so that slow responses are measured instead of dropped.",
            "Before each target, one request checks its status (304 for the revalidation, "
            "200 otherwise); the two baselines are checked to serve exactly the page's HTML.",
            f"Django: `{gunicorn}`, DEBUG=0, settings `bench.settings` (the project's settings "
            "with the URLconf `bench.urls`, which adds `/bench/bytes/`), CONN_MAX_AGE 60 s.",
            f"nginx: `worker_processes {load.NGINX_WORKERS}`, sendfile, no access log, "
            "`keepalive_timeout 0` (one request per connection, as gunicorn's sync workers "
            "answer).",
            f"Database: PostgreSQL `{database_name(args)}` on 127.0.0.1, created anew and "
            "migrated; `VACUUM ANALYZE` after each filling.",
            "The bytes view runs through every middleware of the project; a public page kept "
            "in the cache is answered by `PublicPagesMiddleware`, listed before the session "
            "and authentication middleware (as Django's FetchFromCacheMiddleware would be), "
            "hence ratios above 1.",
            f"Cache: `{args.cache_url or 'local memory'}` shared by the workers (the "
            "project's `CACHE_URL`), each worker also keeping a page for "
            "`PUBLIC_PAGES_LOCAL_SECONDS` (1 s, the default); a key prefix of this run's own.",
            "SQL queries per request: counted in-process with the test client and "
            "`CaptureQueriesContext`, on a second request to the same address (cached) and on "
            "requests made after forgetting the company's cached pages, as publishing does "
            "(miss); miss ms is the median time of 25 such requests in-process, without HTTP.",
        ],
        targets=outcome.measured,
        goals=goals(outcome),
        page_ratios={
            "policy page ÷ bytes from memory, req/s": page.requests_per_second
            / bytes_.requests_per_second,
            "policy page ÷ bytes from memory, p50": page.p50_ms / bytes_.p50_ms,
            "policy page ÷ static file, req/s": page.requests_per_second
            / static.requests_per_second,
            "policy page ÷ static file, p50": page.p50_ms / static.p50_ms,
        },
        diff_notes=[
            f"Company `{company}`, document `{document}`: the demo answers with every kind of "
            f"data, purpose, recipient and retention rule repeated {outcome.copies} times, "
            "imported with `answers_format.import_into` and published as version 1; then some "
            "processors replaced and retention periods changed, published as version 2.",
            f"Stored Latvian PDF: version 1 has {outcome.pdf_pages[0]} pages, version 2 has "
            f"{outcome.pdf_pages[1]} pages (counted with pypdf).",
            f"Diff page: {diff.body_bytes / 1024:,.0f} KiB of HTML, {diff.queries.cached} SQL "
            f"queries from the cache, {diff.queries.miss} on a miss (the redline stored at "
            f"publishing, {diff.queries.miss_ms:.1f} ms), "
            f"{diff.result.requests_per_second:,.0f} req/s, p50 {diff.result.p50_ms:.2f} ms.",
        ],
        scale_rows=[
            (f"{outcome.small.companies:,} companies (row 2 above)", outcome.small, page_row),
            (f"{outcome.large.companies:,} companies", outcome.large, outcome.scaled),
        ],
        notes=[
            f"The measured companies' versions (demo, {company}) were published through "
            "`publishing.publish`, with real HTML and PDFs. The filler companies were inserted "
            "with `bulk_create` (company, document, versions, two renderings per version) and "
            "carry small payloads: a one-section texts dict, about 100 bytes of HTML and a "
            "25-byte stand-in PDF per rendering, so their tables are far smaller than real "
            "ones with that many versions would be.",
            "The database is left in place for inspection; the next run drops it.",
        ],
    )


def main(argv=None) -> None:
    args = parse_args(argv)
    facts = machine_facts()
    with tempfile.TemporaryDirectory(prefix="policyhub-bench-") as tmp:
        report = render(make_report(args, facts, run(args, Path(tmp), facts)))
    print(report)
    (ROOT / "bench" / "last-run.md").write_text(report)
    log("report written to bench/last-run.md")


if __name__ == "__main__":
    start(main)
