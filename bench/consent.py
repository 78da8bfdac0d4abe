"""Benchmark of the cookie banner's consent endpoint under load, on loopback: consent records
stored per second and their latency, alone and with the policy page loaded beside them.

What is measured, each with wrk (2 threads, 20 connections, --latency, a Lua script that adds
the 95th percentile to wrk's own) after a warm-up run of each target:

1. Consent records alone: POST /p/demo/privatuma-politika/consent/ as the banner sends them
   (JSON as text/plain, the Origin of the demo company's declared website), each with a new
   random consent ID, going round accept all / reject all / by category in Latvian and
   English, against the banner in force.
2. The policy page alone: GET /p/demo/privatuma-politika/.
3. Both at once: the same two wrk runs, started together.

The endpoint allows CONSENT_RATE_LIMIT records a minute per /24 address (30 by default) and
all of wrk's come from 127.0.0.1, so the servers run with CONSENT_RATE_LIMIT=10**9. After each
run that posts records, the rows of consent_consentrecord are counted: they must have grown by
the number of 201 answers wrk had, plus at most one a connection (requests in flight when wrk
stopped, which the server still stores). The SQL queries and Redis commands of one record are
counted in-process with the test client beforehand.

The report is printed and written to bench/consent-last-run.md; the exit status is 1 when a
request failed (an answer other than 2xx or 3xx, or a socket error), the rows do not match,
or gunicorn's log tells of errors.

The database is a dedicated PostgreSQL database (policyhub_consent), dropped and created anew,
then migrated, with the demo company and its policy published by `manage.py demo`. gunicorn
runs in production mode (DEBUG=0) with 2 sync workers sharing the cache in Redis (--cache-url,
database 2 of 127.0.0.1:6379 by default) under a key prefix of the run's own. wrk is
installed from apt if missing.

Run from the project root:

    .venv/bin/python bench/consent.py            # 20 s per run
    .venv/bin/python bench/consent.py --quick    # 5 s per run, about a minute in all

--duration, --warmup, --connections, --database-url and --cache-url change the defaults.
"""

import argparse
import json
import os
import re
import secrets
import shlex
import string
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load, load_matrix, machine, openloop, public_pages  # noqa: E402
from bench.matrix_report import Phase, machine_table  # noqa: E402
from bench.report import _bad, _ms, _number, _socket_errors  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/policyhub_consent"
FULL = {"duration": 20, "warmup": 2}
QUICK = {"duration": 5, "warmup": 1}
CONNECTIONS = 20
RATE_LIMIT = 10**9  # CONSENT_RATE_LIMIT of the run: records a minute per /24 address
REPORT = ROOT / "bench" / "consent-last-run.md"

COMPANY, DOCUMENT = "demo", "privatuma-politika"
PAGE = f"/p/{COMPANY}/{DOCUMENT}/"
CONSENT = PAGE + "consent/"
ORIGIN = "https://zalaisdarzs.lv"  # the website `manage.py demo` declares
CONTENT_TYPE = "text/plain;charset=UTF-8"  # as the banner sends it: no CORS preflight
CONSENT_LABEL = "consent records"
PAGE_LABEL = "policy page (Latvian)"

log = public_pages.log


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: " + str(QUICK))
    parser.add_argument("--duration", type=float, help="seconds of each measured run (20)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up per target (2)")
    parser.add_argument(
        "--connections", type=int, default=CONNECTIONS, help="wrk's connections per target"
    )
    public_pages.add_server_arguments(parser, DEFAULT_DATABASE_URL)
    return public_pages.with_defaults(parser.parse_args(argv), QUICK, FULL)


# ---------------------------------------------------------------------------------------------
# What the banner sends, and wrk's Lua scripts
# ---------------------------------------------------------------------------------------------


def bodies(state) -> list[dict]:
    """A choice of each kind in each language, for the banner `state` (consent.banner.State),
    without the consent ID."""
    kinds = [("accept_all", state.optional), ("reject_all", []), ("custom", state.optional[:1])]
    return [
        state.choice(choice, accepted, language)
        for choice, accepted in kinds
        for language in ("lv", "en")
    ]


def encoded(body: dict, consent_id: uuid.UUID) -> bytes:
    return json.dumps({"consent_id": str(consent_id), **body}, separators=(",", ":")).encode()


# Both scripts: the 95th percentile in the format of wrk's own latency lines (read by
# bench.load.parse_wrk), and the 201 answers the threads counted, if they count them.
DONE_LUA = """
local threads = {}

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

function done(summary, latency, requests)
   io.write(string.format("     95%%%10.2fms\\n", latency:percentile(95) / 1000))
   local created
   for _, thread in ipairs(threads) do
      local count = thread:get("created")
      if count then created = (created or 0) + count end
   end
   if created then io.write(string.format("201 answers: %d\\n", created)) end
end
"""

# Consent records as the banner sends them, each with a new random consent ID (a UUID of
# version 4), going round the bodies; the seed comes after "--" on wrk's command line.
CONSENT_LUA = string.Template("""
local path = "$path"
local headers = {["Origin"] = "$origin", ["Content-Type"] = "$content_type"}
local bodies = {$bodies}
local sent = 0

function init(args)
   created = 0
   math.randomseed(tonumber(args[1]) + id)
end

local function uuid4()
   local r = math.random
   return string.format(
      "%04x%04x-%04x-%04x-%04x-%04x%04x%04x",
      r(0, 0xffff), r(0, 0xffff), r(0, 0xffff), 0x4000 + r(0, 0x0fff),
      0x8000 + r(0, 0x3fff), r(0, 0xffff), r(0, 0xffff), r(0, 0xffff))
end

function request()
   sent = sent + 1
   local rest = bodies[sent % #bodies + 1]
   return wrk.format("POST", path, headers, '{"consent_id":"' .. uuid4() .. '",' .. rest)
end

function response(status, headers, body)
   if status == 201 then created = created + 1 end
end
""")


def consent_script(choices: list[dict]) -> str:
    """The Lua script of the consent records: each body's members after the consent ID."""
    rests = [json.dumps(body, separators=(",", ":"))[1:] for body in choices]
    return (
        CONSENT_LUA.substitute(
            path=CONSENT,
            origin=ORIGIN,
            content_type=CONTENT_TYPE,
            bodies=", ".join(f"[==[{rest}]==]" for rest in rests),
        )
        + DONE_LUA
    )


@dataclass
class Target:
    label: str
    method: str
    path: str
    script: Path
    posts: bool  # stores consent records

    def run(self, port: int, seconds: float, connections: int) -> load.WrkResult:
        seed = str(secrets.randbelow(2**31))  # a new sequence of consent IDs each run
        return load.run_wrk(
            f"http://127.0.0.1:{port}{self.path}",
            seconds,
            connections=connections,
            script=self.script,
            script_args=(seed,) if self.posts else (),
        )


def targets(tmp: Path, choices: list[dict]) -> tuple[Target, Target]:
    consent_lua, page_lua = tmp / "consent.lua", tmp / "page.lua"
    consent_lua.write_text(consent_script(choices))
    page_lua.write_text(DONE_LUA)
    return (
        Target(CONSENT_LABEL, "POST", CONSENT, consent_lua, posts=True),
        Target(PAGE_LABEL, "GET", PAGE, page_lua, posts=False),
    )


# ---------------------------------------------------------------------------------------------
# In-process: SQL queries and Redis commands of one record
# ---------------------------------------------------------------------------------------------


@contextmanager
def counting_redis_commands():
    """Yields a list that gets the name of every command this process sends to Redis."""
    from redis.client import Redis

    sent, original = [], Redis.execute_command

    def execute_command(self, *args, **options):
        sent.append(str(args[0]))
        return original(self, *args, **options)

    Redis.execute_command = execute_command
    try:
        yield sent
    finally:
        Redis.execute_command = original


def record_costs(data, choices: list[dict]) -> tuple[object, list[str]]:
    """SQL queries of a record with the banner's target cached and after the company's cached
    values were forgotten (bench.data.Queries), and the Redis commands of a cached one; the
    same body each time (a consent ID may be repeated for the same document)."""
    from django.test import Client

    body = encoded(choices[0], uuid.uuid4())
    queries = data.queries_per_request(
        CONSENT, {"origin": ORIGIN}, method="post", data=body, content_type=CONTENT_TYPE
    )
    client = Client(headers={"host": "127.0.0.1", "origin": ORIGIN})
    with counting_redis_commands() as commands:
        status = client.post(CONSENT, body, content_type=CONTENT_TYPE).status_code
    if queries.statuses | {status} != {201}:
        raise RuntimeError(f"in-process records answered {sorted(queries.statuses)}, not 201")
    return queries, commands


def statement(sql: str) -> str:
    """A query in short: its verb and the tables it names."""
    verb = sql.split(None, 1)[0].upper()
    tables = dict.fromkeys(re.findall(r'(?:FROM|INTO|JOIN|UPDATE)\s+"(\w+)"', sql))
    return " ".join([verb, *tables]) if tables else verb


def statements(sqls: list[str]) -> str:
    return "; ".join(f"`{statement(sql)}`" for sql in sqls) or "–"


@dataclass
class Storage:
    """What each INSERT of a record costs PostgreSQL besides the row."""

    synchronous_commit: str
    indexes: dict[str, list[str]]  # name: columns

    def covered(self) -> dict[str, str]:
        """Indexes whose columns lead another's, which could serve them too: name: other's."""
        return {
            name: other
            for name, columns in self.indexes.items()
            for other, longer in self.indexes.items()
            if len(longer) > len(columns) and longer[: len(columns)] == columns
        }


def consent_table() -> Storage:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        (synchronous_commit,) = cursor.fetchone()
        cursor.execute(
            """
            SELECT i.relname, ARRAY(
                SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                ORDER BY k.n)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = 'consent_consentrecord'::regclass ORDER BY i.relname
            """
        )
        return Storage(synchronous_commit, dict(cursor.fetchall()))


# ---------------------------------------------------------------------------------------------
# The runs
# ---------------------------------------------------------------------------------------------


@dataclass
class Measured:
    target: Target
    result: load.WrkResult
    created: int | None = None  # 201 answers, counted by the script
    rows: int | None = None  # rows added to consent_consentrecord during the run

    @property
    def p95_ms(self) -> float:
        return self.result.percentiles[95]

    @property
    def in_flight(self) -> int | None:
        return None if self.rows is None else self.rows - self.created


@dataclass
class Run:
    name: str
    measured: list[Measured]
    usage: machine.Usage

    def phase(self) -> Phase:  # as bench.matrix_report's machine table wants it
        return Phase(self.name, [], self.usage.seconds, self.usage, 0)


def consent_rows() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM consent_consentrecord")
        return cursor.fetchone()[0]


def settled_rows(data) -> int:
    """The rows once the requests still in the servers when wrk stopped are stored."""
    count = consent_rows()
    for _ in range(50):
        time.sleep(0.2)
        count, last = consent_rows(), count
        if count == last:
            break
    data.disconnect()
    return count


def created(result: load.WrkResult) -> int:
    return int(re.search(r"^201 answers: (\d+)$", result.output, re.M)[1])


def measure(name: str, port: int, chosen: list[Target], args, data) -> Run:
    """The targets' wrk runs, started together; the rows they added, counted."""
    log(f"measuring {name}: {args.duration:g} s")
    before = consent_rows()
    data.disconnect()
    with (
        machine.watching(public_pages.database_name(args)) as watch,
        ThreadPoolExecutor(len(chosen)) as pool,
    ):
        futures = [pool.submit(t.run, port, args.duration, args.connections) for t in chosen]
        results = [future.result() for future in futures]
    added = settled_rows(data) - before
    measured = [
        Measured(t, r, created(r), added) if t.posts else Measured(t, r)
        for t, r in zip(chosen, results, strict=True)
    ]
    return Run(name, measured, watch.usage)


def check_targets(port: int, consent: Target, choices: list[dict]) -> None:
    """One request of each through gunicorn: the page answers 200, a record 201 with CORS."""
    load.expect(port, PAGE, 200)
    headers = {"Origin": ORIGIN, "Content-Type": CONTENT_TYPE}
    answer = openloop.exchange(port, "POST", CONSENT, headers, encoded(choices[0], uuid.uuid4()))
    allowed = answer.headers and answer.headers.get("Access-Control-Allow-Origin")
    if answer.status != 201 or allowed != ORIGIN:
        raise RuntimeError(f"POST {CONSENT} answered {answer.status} {answer.body[:200]!r}")


@dataclass
class Outcome:
    runs: list[Run]
    queries: object  # bench.data.Queries of a record
    redis_commands: list[str]
    table: Storage
    categories: tuple[str, ...]
    problems: dict[str, int]  # in gunicorn's log


def run(args, tmp: Path, facts: dict) -> Outcome:
    env = public_pages.server_environment(args, tmp)
    env["CONSENT_RATE_LIMIT"] = str(RATE_LIMIT)
    public_pages.setup_django(env)
    from bench import data  # needs Django set up
    from consent import banner

    log(f"creating the database {public_pages.database_name(args)}")
    data.recreate_database(args.database_url, public_pages.database_name(args))
    data.migrate_and_collect_static()
    log("publishing the demo policy")
    data.create_demo()
    data.vacuum_analyze()
    state = banner.states(COMPANY, DOCUMENT)[-1]
    choices = bodies(state)
    queries, redis_commands = record_costs(data, choices)
    table = consent_table()
    facts["postgres"] = data.postgres_version()
    facts["redis"] = redis_version(args.cache_url)
    data.disconnect()
    consent, page = targets(tmp, choices)

    port = load.free_port()
    server_env = {**os.environ}
    server_env.pop("PDF_RENDER_IN_PROCESS")  # gunicorn only serves what was published
    log_file = tmp / "gunicorn.log"
    with load.serving(load.gunicorn_command(port, ROOT), port, log_file, server_env):
        log(f"gunicorn listening on port {port}")
        check_targets(port, consent, choices)
        for target in (consent, page):
            log(f"warming up: {target.label}, {args.warmup:g} s")
            target.run(port, args.warmup, args.connections)
        runs = [
            measure("consent records alone", port, [consent], args, data),
            measure("policy page alone", port, [page], args, data),
            measure("both at once", port, [consent, page], args, data),
        ]
    problems = load_matrix.server_problems(log_file)
    return Outcome(runs, queries, redis_commands, table, state.categories, problems)


def redis_version(url: str) -> str:
    if not url:
        return "– (local memory)"
    from django_redis import get_redis_connection

    return get_redis_connection("default").info("server")["redis_version"]


# ---------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------


def results_table(runs: list[Run]) -> list[str]:
    rows = [
        "| run | target | requests | req/s | p50 ms | p95 ms | p99 ms | non-2xx/3xx "
        "| socket errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run_ in runs:
        for m in run_.measured:
            r = m.result
            rows.append(
                f"| {run_.name} | {m.target.label}: {m.target.method} `{m.target.path}` "
                f"| {r.requests:,} | {_number(r.requests_per_second)} | {_ms(r.p50_ms)} "
                f"| {_ms(m.p95_ms)} | {_ms(r.p99_ms)} | {_bad(r.bad_status)} "
                f"| {_socket_errors(r)} |"
            )
    return rows


def rows_ok(m: Measured, connections: int) -> bool:
    """Every 201 answer stored, and nothing else but the requests in flight at the end."""
    answered = m.result.requests - m.result.bad_status
    return m.created == answered and 0 <= m.in_flight <= connections


def rows_table(runs: list[Run], connections: int) -> list[str]:
    lines = [
        "| run | requests completed (wrk) | 201 answers (script) | rows added "
        "| rows − 201 answers | as expected |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for run_ in runs:
        for m in run_.measured:
            if m.target.posts:
                lines.append(
                    f"| {run_.name} | {m.result.requests:,} | {m.created:,} | {m.rows:,} "
                    f"| {m.in_flight} | {'yes' if rows_ok(m, connections) else '**no**'} |"
                )
    return lines


def index_lines(table: Storage) -> list[str]:
    names = ", ".join(f"`{name}` ({', '.join(cols)})" for name, cols in table.indexes.items())
    lines = [f"Indexes each INSERT of a record updates: {len(table.indexes)}: {names}."]
    if covered := table.covered():
        pairs = "; ".join(f"`{a}` is the leading part of `{b}`" for a, b in covered.items())
        lines.append(f"Indexes another one covers (it could serve their queries): {pairs}.")
    flush = " (a WAL flush to disk per record)" if table.synchronous_commit == "on" else ""
    lines.append(
        "Each record is a transaction of its own, committed with `synchronous_commit = "
        f"{table.synchronous_commit}`{flush}."
    )
    return lines


def queries_table(queries, redis_commands: list[str]) -> list[str]:
    return [
        "| record | SQL queries | statements | median ms in-process (25) |",
        "| --- | ---: | --- | ---: |",
        f"| with the banner's target cached | {queries.cached} "
        f"| {statements(queries.cached_sql)} | {_ms(queries.cached_ms)} |",
        f"| after forgetting the company's cached values (as publishing does) | {queries.miss} "
        f"| {statements(queries.miss_sql)} | {_ms(queries.miss_ms)} |",
        "",
        f"- Redis commands of a record with the target cached: {len(redis_commands)} "
        f"({', '.join(f'`{c}`' for c in redis_commands) or '–'}), the rate limit's counter "
        "(`cache.add`, `cache.incr`). Each worker keeps the target in its memory for "
        "`PUBLIC_PAGES_LOCAL_SECONDS` (1 s), then reads it from Redis again.",
    ]


def ratios(runs: list[Run]) -> list[str]:
    """Each target beside the other against alone (runs: alone, alone, both at once)."""
    alone = {m.target.label: m for r in runs[:2] for m in r.measured}
    lines = []
    for m in runs[2].measured:
        a = alone[m.target.label]
        lines.append(
            f"{m.target.label} beside the other ÷ alone: req/s "
            f"{m.result.requests_per_second / a.result.requests_per_second:.2f}, p50 "
            f"{m.result.p50_ms / a.result.p50_ms:.2f}, p95 {m.p95_ms / a.p95_ms:.2f}"
        )
    mixed = {m.target.label: m.result.requests_per_second for m in runs[2].measured}
    single = {label: m.result.requests_per_second for label, m in alone.items()}
    lines += [
        f"Both at once, requests of either kind: {_number(sum(mixed.values()))} req/s",
        f"Both at once the page was answered {mixed[PAGE_LABEL] / mixed[CONSENT_LABEL]:.2f} "
        "times as often as a record was stored; alone, "
        f"{single[PAGE_LABEL] / single[CONSENT_LABEL]:.1f} times as often. gunicorn's sync "
        "workers take connections one at a time from the queue both kinds wait in, so a page "
        "waits behind the records queued before it.",
    ]
    return lines


def failures(outcome: Outcome, connections: int) -> list[str]:
    found = []
    for run_ in outcome.runs:
        for m in run_.measured:
            if m.result.errors:
                found.append(f"{run_.name}, {m.target.label}: {m.result.errors} failed requests")
            if m.target.posts and not rows_ok(m, connections):
                found.append(f"{run_.name}: rows do not match the 201 answers")
    if any(outcome.problems.values()):
        found.append(server_log(outcome.problems))
    return found


def server_log(problems: dict[str, int]) -> str:
    return "gunicorn's log: " + ", ".join(f"{name} {n}" for name, n in problems.items())


def render(args, facts: dict, outcome: Outcome) -> str:
    wrk = shlex.join(
        load.wrk_command("URL", args.duration, connections=args.connections, script="SCRIPT")
    )
    gunicorn = shlex.join(load.gunicorn_command("PORT", ROOT)).replace(str(ROOT), ".")
    failed = failures(outcome, args.connections)
    setup = [
        f"Load: `{wrk}` per target, `consent.lua` (with a seed after `--`) or `page.lua`; "
        f"a {args.warmup:g} s warm-up run of each target first. Closed loop: each connection "
        "sends its next request when the answer to the last one has come, so the latencies "
        "are those of requests queued behind the other connections' at the servers' "
        "capacity; wrk records every answer's latency (from sending the request), and the "
        "script prints the 95th percentile of them with wrk's `latency:percentile(95)`.",
        f"Consent records: `POST {CONSENT}` with `Origin: {ORIGIN}` (the website the demo "
        f"company declares) and `Content-Type: {CONTENT_TYPE}`; the body is the banner's "
        "JSON with a new random consent ID (UUID 4, made in Lua) each, going round 6 bodies: "
        "accept all, reject all and by category (the first optional category accepted), in "
        "Latvian and English, for the banner in force (`consent.banner.states(...)[-1]`: "
        f"categories {', '.join(outcome.categories)}). Every answer but 201 counts as failed.",
        f"Rate limit: the servers run with `CONSENT_RATE_LIMIT={RATE_LIMIT}` (records a "
        "minute per /24 address; 30 by default), since all of wrk's requests come from "
        "127.0.0.1; with the default, all but 30 a minute would be answered 429.",
        f"Django: `{gunicorn}`, DEBUG=0, settings `bench.settings`, CONN_MAX_AGE 60 s; "
        "requests go straight to gunicorn on 127.0.0.1, one connection each (sync workers "
        "close it after the answer). wrk, gunicorn, PostgreSQL and Redis share the CPUs.",
        f"Database: PostgreSQL `{public_pages.database_name(args)}` on 127.0.0.1, created "
        "anew and migrated; the demo company and its policy in two versions (`manage.py "
        "demo`, published with real HTML and PDFs), `VACUUM ANALYZE`. The consent records "
        "of the runs are added to it; it is left in place for inspection.",
        f"Cache: `{args.cache_url or 'local memory'}` shared by the workers, a key prefix of "
        "this run's own; the policy page comes from it (PublicPagesMiddleware), and so do "
        "the banner's target (document, declared websites, banners served) and the rate "
        "limit's counters.",
        "Records stored: `SELECT count(*) FROM consent_consentrecord` before each run that "
        "posts records and after it, once the count is still for 0.2 s. Requests that were "
        "in flight when wrk stopped are stored without wrk seeing their answer, so the rows "
        f"may exceed the 201 answers by up to one a connection ({args.connections}).",
        "SQL queries and Redis commands of a record: in-process with the test client, "
        "`CaptureQueriesContext` and a counting wrapper of redis-py's `execute_command`, "
        "before the load; the same body posted again (a consent ID may be repeated for the "
        "same document).",
    ]
    lines = [
        "# PolicyHub cookie banner: consent records benchmark",
        "",
        *[f"- {line}" for line in public_pages.header(facts)],
        "",
        "## Result",
        "",
        *results_table(outcome.runs),
        "",
        *[f"- {line}" for line in ratios(outcome.runs)],
        "",
        "## Records stored",
        "",
        *rows_table(outcome.runs, args.connections),
        "",
        "## SQL queries per record",
        "",
        *queries_table(outcome.queries, outcome.redis_commands),
        *[f"- {line}" for line in index_lines(outcome.table)],
        "",
        "## The machine during the runs",
        "",
        "Shares of all CPUs' time, sampled every second: the server is gunicorn and the "
        "PostgreSQL backends of the benchmark's database; the load generator is wrk and the "
        "script; other programs are everything else (Redis, and people's test runs on the "
        "same machine).",
        "",
        *machine_table([r.phase() for r in outcome.runs]),
        "",
        "## Set-up",
        "",
        *[f"- {line}" for line in setup],
        "",
        "## Notes",
        "",
        "- "
        + (
            "**Failed**: " + "; ".join(failed) + "."
            if failed
            else "No errors: every consent record was answered 201 and stored, every page "
            "200, and wrk saw no socket errors."
        ),
        f"- {server_log(outcome.problems)}.",
        "",
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    facts = public_pages.machine_facts()
    with tempfile.TemporaryDirectory(prefix="policyhub-consent-") as tmp:
        outcome = run(args, Path(tmp), facts)
    report = render(args, facts, outcome)
    print(report)
    REPORT.write_text(report)
    log(f"report written to {REPORT.relative_to(ROOT)}")
    failed = failures(outcome, args.connections)
    if failed:
        log("failed: " + "; ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    public_pages.start(main)
