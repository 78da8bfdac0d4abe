"""PDFs identical on any machine: the fonts ship with the project and are the only ones a
PDF embeds, so the system's fonts (installed, removed or none at all) change no byte."""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from pypdf import PdfReader

from policies.pdf import render_isolated
from policies.pdf.engine import write_pdf
from policies.pdf.fetcher import ASSET_ROOT

HTML = (
    "<html lang='lv'><body><p class='company'>SIA „Zaļais Dārzs”</p>"
    "<h1>Privātuma politika</h1><p>Teksts, <b>treknraksts</b>, <i>slīpraksts</i>, "
    "<b><i>abi</i></b>: āčēģīķļņšūž ĀČĒĢĪĶĻŅŠŪŽ „pēdiņas” – 7.¹ pants</p></body></html>"
)


def embedded_fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            # a subset is named "ABCDEF+Name"
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_the_fonts_and_their_licence_ship_with_the_project():
    fonts = ASSET_ROOT / "fonts"
    assert sorted(p.name for p in fonts.glob("*.ttf")) == [
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-BoldOblique.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans.ttf",
    ]
    assert "Bitstream" in (fonts / "LICENSE").read_text(encoding="utf-8")


def test_a_pdf_embeds_only_the_projects_fonts():
    assert embedded_fonts(write_pdf(HTML)) == {
        "PolicyHub-Sans",
        "PolicyHub-Sans-Bold",
        "PolicyHub-Sans-Italic",
        "PolicyHub-Sans-Bold-Italic",
    }


def test_the_same_bytes_without_any_system_font(tmp_path):
    """The child process that renders at publishing, with a font configuration that finds no
    font at all, makes the same bytes as this process with the machine's fonts."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{tmp_path / 'none'}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "PYTHONWARNINGS": "ignore"}
    result = subprocess.run(
        [sys.executable, "-m", "policies.pdf.worker", str(settings.PDF_RENDER_MEMORY)],
        input=HTML.encode(),
        capture_output=True,
        cwd=Path(settings.BASE_DIR),
        env=env,
        timeout=120,
        check=True,
    )
    assert result.stdout == write_pdf(HTML) == render_isolated(HTML)
