"""PDFs are made in a child process with a time and a memory limit (security.md PDF-3)."""

import os
import time

import pytest

from policies import pdf
from policies.pdf.engine import write_pdf

SMALL = "<!doctype html><html lang=lv><body><p>Pēdējās izmaiņas: 22.11.2026.</p></body></html>"


def test_the_child_process_makes_the_same_bytes_as_the_library():
    assert pdf.render_isolated(SMALL) == write_pdf(SMALL)


def test_a_document_too_long_for_its_time_is_stopped():
    endless = "<p>vārds</p>" * 200_000
    started = time.monotonic()
    with pytest.raises(pdf.PdfError):
        pdf.render_isolated(endless, timeout=3)
    assert time.monotonic() - started < 15  # stopped, not run to completion


def test_a_document_too_big_for_its_memory_is_stopped():
    """8,000 paragraphs need about 350 MiB; under a 200 MiB limit the child dies early."""
    started = time.monotonic()
    with pytest.raises(pdf.PdfError):
        pdf.render_isolated("<p>vārds vārds</p>" * 8_000, memory_limit=200 * 2**20, timeout=60)
    assert time.monotonic() - started < 30  # stopped by the memory limit, not the clock


@pytest.mark.parametrize(
    "html",
    [
        '<p style="font-size: 1e9px">x</p>',
        "<style>@page { size: 1000000mm }</style><p>x</p>",
        '<img src="file:///dev/urandom"><p>x</p>',
        "<div>" * 10_000 + "x" + "</div>" * 10_000,
    ],
    ids=["huge-font", "huge-page", "urandom", "deep-nesting"],
)
def test_pathological_styles_end_within_the_limits(html):
    """Either a PDF or a clean refusal, within the limits; never a hang."""
    try:
        result = pdf.render_isolated(html, timeout=30, memory_limit=512 * 1024 * 1024)
    except pdf.PdfError:
        return
    assert result.startswith(b"%PDF-")


def test_the_server_process_is_untouched_by_a_failed_render():
    pid = os.getpid()
    with pytest.raises(pdf.PdfError):
        pdf.render_isolated("<p>x</p>" * 200_000, timeout=1)
    assert os.getpid() == pid
    assert pdf.render_isolated(SMALL).startswith(b"%PDF-")
