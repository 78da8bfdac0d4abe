"""The register as files: a spreadsheet (XLSX) and a PDF, in the register's language.

Both say whose register it is, when it was made and which published version of each document
it reflects. Every cell and every string is the company's text as text: a spreadsheet cell
that would start a formula is escaped as the consent export escapes it, and the PDF's HTML is
written by an autoescaping template.
"""

import io

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from consent.dashboard import safe
from policies import pdf
from registers.build import ACTIVITY_COLUMNS, PROCESSOR_COLUMNS, Item, Register, day

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE_NAMES = {"lv": "apstrades-darbibu-registrs", "en": "records-of-processing"}
# Column widths, in characters, by the item a column holds.
WIDTHS = {
    "document": 22,
    "a": 30,
    "a_controllers": 30,
    "b": 30,
    "b_basis": 32,
    "c_subjects": 24,
    "c_data": 40,
    "d": 42,
    "sub": 42,
    "e": 38,
    "c": 38,
    "f": 38,
    "g": 34,
    "owner": 20,
    "systems": 24,
    "dpia": 28,
    "reviewed_on": 13,
}
WRAP = Alignment(wrap_text=True, vertical="top")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)


def filename(register: Register, extension: str) -> str:
    """“records-of-processing-<company>-<date>.xlsx”, in the register's language."""
    made_on = register.made_on.isoformat()
    return f"{FILE_NAMES[register.language]}-{register.tenant.slug}-{made_on}.{extension}"


def head_lines(register: Register) -> list[str]:
    """What comes before the records: the company, the date, the versions they reflect."""
    lines = [
        register.name,
        _("Date of export: %(date)s") % {"date": day(register.made_on)},
    ]
    lines += [entry.line for entry in register.documents]
    return lines


# -- XLSX ----------------------------------------------------------------------------------------


def xlsx(register: Register) -> bytes:
    """One sheet of the controller's activities and, for a company that is also a processor,
    one of its processor's records: a row each, under a bold, frozen row of headings."""
    with translation.override(register.language):
        book = Workbook()
        sheet = book.active
        sheet.title = _("Controller")[:31]
        _sheet(
            sheet,
            _("Records of processing activities (GDPR Art. 30(1))"),
            register,
            [key for key, _label in ACTIVITY_COLUMNS],
            register.activity_headers,
            [activity.items for activity in register.activities],
        )
        if register.processor_records:
            _sheet(
                book.create_sheet(_("Processor")[:31]),
                _("Records of processing as a processor (GDPR Art. 30(2))"),
                register,
                [key for key, _label in PROCESSOR_COLUMNS],
                register.processor_headers,
                [record.items for record in register.processor_records],
            )
        buffer = io.BytesIO()
        book.save(buffer)
    return buffer.getvalue()


def _sheet(sheet, title, register, keys: list[str], headers: list[str], rows: list[list[Item]]):
    sheet.append([safe(title)])
    sheet.cell(row=1, column=1).font = TITLE_FONT
    for line in head_lines(register):
        sheet.append([safe(line)])
    sheet.append([])
    sheet.append([safe(header) for header in headers])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = BOLD
        cell.alignment = WRAP
    for items in rows:
        sheet.append([safe(item.text) if item.lines else "—" for item in items])
        for cell in sheet[sheet.max_row]:
            cell.alignment = WRAP
        # Spreadsheet programs do not all fit a row to its wrapped text: set its height.
        lines = max(_wrapped_lines(item, WIDTHS.get(item.key, 24)) for item in items)
        sheet.row_dimensions[sheet.max_row].height = min(409, 15 * lines)
    for index, key in enumerate(keys, 1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(key, 24)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"


def _wrapped_lines(item: Item, width: int) -> int:
    """About how many lines a cell's text takes in a column `width` characters wide."""
    return sum(max(1, -(-len(line) // width)) for line in item.lines) or 1


# -- PDF -----------------------------------------------------------------------------------------


def pdf_html(register: Register) -> str:
    with translation.override(register.language):
        return render_to_string(
            "registers/pdf.html",
            {"register": register, "made_on": day(register.made_on)},
        )


def pdf_bytes(register: Register) -> bytes:
    return pdf.render(pdf_html(register))
