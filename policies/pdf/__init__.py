"""Policies as PDF: rendered once, at publishing, and stored.

`render(html)` runs WeasyPrint in a child process with a memory limit and a time limit
(settings PDF_RENDER_IN_PROCESS turns that off for the test suite's speed; the limits are
tested on their own). Every URL the document names goes through `fetcher.AssetFetcher`.
"""

import logging
import subprocess
import sys

from django.conf import settings

logger = logging.getLogger(__name__)


class PdfError(Exception):
    """The PDF could not be made within its limits."""


def render(html: str) -> bytes:
    if settings.PDF_RENDER_IN_PROCESS:
        from policies.pdf.engine import write_pdf

        return write_pdf(html)
    return render_isolated(html)


def render_isolated(
    html: str, *, timeout: float | None = None, memory_limit: int | None = None
) -> bytes:
    timeout = timeout or settings.PDF_RENDER_TIMEOUT
    memory_limit = memory_limit or settings.PDF_RENDER_MEMORY
    try:
        result = subprocess.run(
            [sys.executable, "-m", "policies.pdf.worker", str(memory_limit)],
            input=html.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            cwd=settings.BASE_DIR,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        logger.error("PDF rendering stopped after %s s", timeout)
        raise PdfError("timeout") from exc
    if result.returncode != 0 or not result.stdout.startswith(b"%PDF-"):
        logger.error(
            "PDF rendering failed (exit %s): %s",
            result.returncode,
            result.stderr.decode("utf-8", "replace")[-2000:],
        )
        raise PdfError("failed")
    return result.stdout
