"""XSS-2: every place that turns escaping off is listed here with the reason it is safe.

A new `|safe`, `mark_safe`, `format_html`, `SafeString`, `{% autoescape off %}` or crispy
`HTML()` layout object fails this test until it is reviewed and added to REVIEWED.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("accounts", "tenants", "policies", "policyhub", "templates")
UNESCAPED = re.compile(
    r"\|\s*safe(seq)?\b|mark_safe\(|format_html\(|SafeString|SafeData"
    r"|{%\s*autoescape\s+off|crispy_forms\.layout import[^\n]*\bHTML\b"
)

# Plain-text e-mails (*.txt, sent as text/plain only) turn HTML escaping off so that a
# company called SIA "Alfa" is not written SIA &quot;Alfa&quot;.
PLAIN_TEXT_MAIL = "templates/*/email/*.txt"

# (file, what) -> why it is safe
REVIEWED = {
    ("templates/public/policy.html", "|safe"): (
        "the policy body stored at publishing, made by templates/public/includes/"
        "policy_body.html with autoescape on (tests/pdf, tests/policies/test_public.py)"
    ),
    ("templates/public/embed.html", "|safe"): "the same stored body as the policy page",
    ("policies/wizard/html.py", "format_html("): (
        "the wizard's fields written in Python: every value, label, help text, error and "
        "option goes through format_html's escaping or html.escape (the XSS matrix of "
        "docs/security.md posts hostile text into every wizard field)"
    ),
    ("policies/wizard/html.py", "mark_safe("): (
        "joins of pieces made by format_html, attributes escaped with html.escape(quote=True), "
        "Django's own hidden inputs and a fixed asterisk"
    ),
}


def occurrences():
    for source in SOURCES:
        for path in sorted((ROOT / source).rglob("*")):
            if path.suffix not in (".py", ".html", ".txt") or "migrations" in path.parts:
                continue
            for match in UNESCAPED.finditer(path.read_text(encoding="utf-8")):
                what = re.sub(r"\s", "", match.group())
                if not (what == "{%autoescapeoff" and path.match(PLAIN_TEXT_MAIL)):
                    yield str(path.relative_to(ROOT)), what


def test_every_unescaped_output_is_reviewed():
    found = set(occurrences())
    assert found - set(REVIEWED) == set(), "unreviewed: add a reason to REVIEWED, or escape"
    assert set(REVIEWED) - found == set(), "stale entries in REVIEWED"


def test_the_scan_sees_what_it_looks_for():
    samples = [
        "{{ x|safe }}",
        "{{ xs|safeseq }}",
        "mark_safe(x)",
        "format_html('{}', x)",
        "{% autoescape off %}",
        "from crispy_forms.layout import Div, HTML",
    ]
    assert all(UNESCAPED.search(sample) for sample in samples)
    assert not UNESCAPED.search("{{ x|escape }} {{ safety }} from weasyprint import HTML")
