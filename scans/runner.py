"""Runs one scan: starts the crawler in a process of its own (`scans.crawler`), passes its
progress on to the scan's row, and keeps what it found. The crawler, its browser and
everything they started are killed if they outlive the scan's time.
"""

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import asdict

from django.conf import settings
from django.utils import timezone

from scans.crawler import Job
from scans.models import Status, WebsiteScan

log = logging.getLogger(__name__)
# Beyond SCAN_SECONDS, for starting the browser and closing it.
GRACE_SECONDS = 20
CRAWLER_ENVIRONMENT = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PLAYWRIGHT_BROWSERS_PATH")


class ScanFailed(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


def job_for(scan: WebsiteScan) -> Job:
    return Job(
        url=scan.url,
        chromium=settings.SCAN_CHROMIUM,
        max_pages=settings.SCAN_MAX_PAGES,
        seconds=settings.SCAN_SECONDS,
        max_bytes=settings.SCAN_MAX_BYTES,
        networks=list(settings.SCAN_ALLOWED_NETWORKS),
        hosts={name: list(addresses) for name, addresses in settings.SCAN_HOSTS.items()},
    )


def crawl(job: Job, on_progress) -> dict:
    """What the crawler found, or ScanFailed. `on_progress(event)` is called for each of its
    progress lines."""
    if not job.chromium:
        raise ScanFailed("browser", "no Chromium")
    with tempfile.TemporaryFile(mode="w+") as errors:  # a file: it never fills up and blocks
        process = subprocess.Popen(
            [sys.executable, "-m", "scans.crawler"],
            cwd=settings.BASE_DIR,
            # Only what the browser needs: the worker's secrets stay out of the pages' reach.
            env={name: os.environ[name] for name in CRAWLER_ENVIRONMENT if name in os.environ},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            start_new_session=True,  # its own process group: the browser is killed with it
            text=True,
        )
        final, timed_out = _follow(process, job, on_progress)
        errors.seek(0)
        stderr = errors.read()[-4000:]
    if timed_out:
        raise ScanFailed("timeout")
    if final is None:
        log.error("The scan's crawler ended without a result: %s", stderr[-2000:])
        raise ScanFailed("crashed", stderr[-300:])
    if final["event"] == "error":
        raise ScanFailed(final.get("code", "crashed"), final.get("detail", ""))
    return final


def _follow(process, job: Job, on_progress) -> tuple[dict | None, bool]:
    """Send the job, pass progress on, and return the crawler's last event and whether it
    had to be killed for outliving its time."""
    timed_out = threading.Event()

    def kill():
        timed_out.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    watchdog = threading.Timer(job.seconds + GRACE_SECONDS, kill)
    watchdog.start()
    final = None
    try:
        process.stdin.write(json.dumps(asdict(job)))
        process.stdin.close()
        for line in process.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("event") == "progress":
                on_progress(event)
            else:
                final = event
        process.wait()
    finally:
        watchdog.cancel()
        if process.poll() is None:
            kill()
            process.wait()
    return final, timed_out.is_set()


def run(scan_id: int) -> None:
    """The task's work: scan `scan_id` unless another worker took it already."""
    taken = WebsiteScan.objects.filter(pk=scan_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not taken:
        return
    scan = WebsiteScan.objects.get(pk=scan_id)

    def on_progress(event):
        scan.phase = str(event.get("phase", ""))[:8]
        scan.pages_done = min(int(event.get("done", 0)), 999)
        scan.pages_total = min(int(event.get("total", 0)), 999)
        scan.save(update_fields=["phase", "pages_done", "pages_total"])

    try:
        result = crawl(job_for(scan), on_progress)
    except ScanFailed as failed:
        log.info("Scan %s of %s failed: %s %s", scan.pk, scan.url, failed.code, failed.detail)
        scan.status, scan.failure = Status.FAILED, failed.code
    except Exception:
        log.exception("Scan %s of %s failed", scan.pk, scan.url)
        scan.status, scan.failure = Status.FAILED, "crashed"
    else:
        result.pop("event", None)
        scan.status, scan.result = Status.DONE, result
        scan.pages_done = len(result.get("pages", []))
    scan.finished_at = timezone.now()
    scan.save(update_fields=["status", "failure", "result", "pages_done", "finished_at"])
