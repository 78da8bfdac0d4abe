"""XSS-1: hostile text in every field people type, on every surface that shows it.

Every field people type into (the company's name, people's names and e-mail addresses, every
free-text, e-mail and web address answer of every wizard step, review notes and comments,
own wordings, publishing notes, invitations) is filled through the app's own forms and
validation with the payloads below, each value tagged with a marker of its field and row.
Two versions go through the review and are published, and a third draft is left open. Then
every signed-in page, every public page, the Atom feed, the JSON, the cookie banner's texts
(each read as the HTML it becomes in the company's page), the e-mails, the HTML given
to WeasyPrint and the text of the PDFs are read (HTML with html5lib) and checked: no event
handler, no `javascript:` URL, no script carrying the payload, nothing a template engine
evaluated, and wherever a field's marker shows, its whole value is there as text.

Answers with a format of their own (registration number, phone numbers, web addresses'
schemes) refuse the payloads outright; the second test holds them to it.
"""

import copy
import csv
import io
import json
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

import html5lib
import openpyxl
import pytest
from django import forms
from django.core import mail
from django.urls import get_resolver, resolve, reverse
from pypdf import PdfReader

from policies import answers_format, pdf, review
from policies.answers import load_answers
from policies.models import PolicyVersion, VersionRendering
from policies.services import document_create
from policies.wizard.steps import STEP_KEYS, STEPS
from scans.models import Status, WebsiteScan
from tenants.forms import CompanySettingsForm
from tenants.models import Membership
from tests.policies.test_publish import DEMO
from tests.tenants.test_access import ROUTES, walk

PAYLOADS = (
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
    "</script><script>x</script>",
    "[{{7*7}}]",
    "{% debug %}",
)
# The same payloads where spaces (and, in an e-mail address, quotes) are not allowed: in the
# quoted local part of an e-mail address and in the path of a web address.
COMPACT = "<svg/onload=alert(1)></script><script>x</script>[{{7*7}}]{%debug%}"
EVALUATED = "[49]"  # what "[{{7*7}}]" becomes if a template engine reads it
DEBUG_DUMP = ("'True': True", "<module '")  # what {% debug %} writes out
TEXT_ATTRIBUTES = {("input", "value"), ("meta", "content")}  # shown as text, never a URL
KINDS = {forms.CharField: "text", forms.EmailField: "email", forms.URLField: "url"}
FORMATTED = {"registration_number", "phone", "dpo_phone"}  # checked against a pattern
ATOM = "{http://www.w3.org/2005/Atom}"
BANNER_CALL = "window.PolicyHubConsent.start("
DOC = "privatuma-politika"


def hostile(marker: str, max_length: int | None = None) -> str:
    """`marker` with every payload that fits in `max_length`, `javascript:` first."""

    def fits(text):
        return max_length is None or len(text) <= max_length

    value = marker
    for payload in PAYLOADS[1:]:
        if fits(value + payload):
            value += payload
    return f"{PAYLOADS[0]} {value}" if fits(f"{PAYLOADS[0]} {value}") else value


@dataclass
class Field:
    """A field people type into, and the value given to each of its rows (marker -> value)."""

    name: str
    kind: str = "text"
    max_length: int | None = None
    code: str = ""
    values: dict[str, str] = field(default_factory=dict)

    def value(self, row: int = 1) -> str:
        marker = f"{self.code}r{row}"
        if marker not in self.values:
            if self.kind == "email":
                value = f'"{PAYLOADS[0]}{marker}{COMPACT}"@alfa.test'
            elif self.kind == "url":
                value = f"https://alfa.test/{marker}{COMPACT}"
            else:
                value = hostile(marker, self.max_length)
            self.values[marker] = value
        return self.values[marker]


def wizard_fields():
    """(step, "section" or "rows", name, form field) of every answer people type: free text,
    an e-mail address or a web address."""
    for step in STEPS:
        for part, form_class in (("section", step.section_form), ("rows", step.row_form)):
            if form_class is None:
                continue
            for name, form_field in form_class.base_fields.items():
                if type(form_field) in KINDS:
                    yield step, part, name, form_field


def wizard_name(step, part, name) -> str:
    return f"{step.key}: {name}" if part == "section" else f"{step.key} row: {name}"


WIZARD = [w for w in wizard_fields() if w[2] not in FORMATTED]
FIELDS = [
    Field("company: legal name", max_length=200),
    Field("user: full name", max_length=150),
    Field("user: e-mail", "email"),
    Field("invitation: e-mail", "email"),
    *[
        Field(wizard_name(step, part, name), KINDS[type(f)], f.max_length)
        for step, part, name, f in WIZARD
    ],
    Field("review note (sent for review, changes requested, approved)", max_length=2000),
    Field("review comment on a section", max_length=2000),
    Field("own wording of a section", max_length=10000),
    Field("note on a published version", max_length=2000),
]
for number, target in enumerate(FIELDS, 1):
    target.code = f"xss{number:02d}"
BY_NAME = {target.name: target for target in FIELDS}


# -- the seeding --------------------------------------------------------------------------------


def rows_of(answers: dict, step) -> list[dict]:
    rows = answers[step.key]
    return rows[answers_format.ROWS_KEY[step.key]] if isinstance(rows, dict) else rows


def with_payloads(answers: dict, extra_rows: int = 0) -> dict:
    """The demo answers with every typed answer hostile, and the choices that bring optional
    texts into the policy turned on; `extra_rows` more kinds of data and recipients."""
    answers = copy.deepcopy(answers)
    answers["controller"].update(legal_form="other", dpo_appointed=True)
    answers["scope"]["acts_as_processor"] = True
    answers["rights"].update(authority="other", channels=["email", "account_section"])
    answers["final"].update(automated_decisions="yes", automated_ground="contract")
    answers["recipients"]["items"][1]["role"] = "joint_controller"  # with its arrangement
    answers["retention"][1]["trigger"] = ""  # its own description of the event instead
    for _ in range(extra_rows):
        ref = f"data-{len(answers['data']) + 1}"
        answers["data"].append({**answers["data"][0], "ref": ref})
        answers["retention"].append({**answers["retention"][0], "category": ref, "purpose": None})
        recipient = answers["recipients"]["items"][0]
        answers["recipients"]["items"].append({**recipient, "catalogue_key": ""})
    for step, part, name, _field in WIZARD:
        target = BY_NAME[wizard_name(step, part, name)]
        if part == "section":
            answers[step.key][name] = target.value()
        else:
            for row, values in enumerate(rows_of(answers, step), 1):
                values[name] = target.value(row)
    return answers


def post(client, url, data):
    """Post as a person would and follow the redirect; nothing on the way is an error."""
    response = client.post(url, data, follow=True)
    page = response.content.decode()
    assert response.redirect_chain and "alert-danger" not in page, (url, page)
    return response


@dataclass
class Seeded:
    pages: dict  # pages shown after a form was sent, with their messages
    pdf_html: list[str]  # every HTML document given to WeasyPrint
    invitation_url: str


@pytest.fixture
def seeded(company, owner, editor, reviewer, viewer, login, monkeypatch):
    pdf_html = []
    render_pdf = pdf.render

    def keep_html(html):
        pdf_html.append(html)
        return render_pdf(html)

    monkeypatch.setattr(pdf, "render", keep_html)
    mail.outbox.clear()
    as_owner, as_editor, as_reviewer = login(owner), login(editor), login(reviewer)
    pages = {}

    for row, user in enumerate((owner, editor, reviewer, viewer), 1):
        user.full_name = BY_NAME["user: full name"].value(row)
    for row, user in enumerate((reviewer, viewer), 1):
        user.email = BY_NAME["user: e-mail"].value(row)
    for user in (owner, editor, reviewer, viewer):
        user.full_clean()
        user.save()
    settings = {
        "legal_name": BY_NAME["company: legal name"].value(),
        "country": "LV",
        "approval_required": "yes",
        "embed_origins": "",
    }
    pages["settings saved"] = post(as_owner, "/t/alfa/settings/", settings)
    invitation = {"email": BY_NAME["invitation: e-mail"].value(), "role": "editor"}
    pages["invitation sent"] = post(as_owner, "/t/alfa/members/invite/", invitation)
    invitation_url = re.search(r"https?://\S+/accounts/invitations/\S+/", mail.outbox[-1].body)
    assert invitation_url, mail.outbox[-1].body

    document = document_create(tenant=company, slug=DOC, by=owner)
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    answers_format.import_into(document, with_payloads(demo), by=editor)
    base = f"/t/alfa/documents/{DOC}/review/do/"
    notes = BY_NAME["review note (sent for review, changes requested, approved)"]
    wording = BY_NAME["own wording of a section"]
    section = "changes"  # wording of its own, made from choices: no answer is hidden by it
    post(as_editor, base + "submit/", {"note": notes.value(1)})
    comment = {"section": section, "text": BY_NAME["review comment on a section"].value()}
    post(as_reviewer, base + "comment/", comment)
    for row, language in enumerate(("lv", "en"), 1):
        own = {"section": section, "language": language, "text": wording.value(row)}
        post(as_reviewer, base + "wording/", own)
    post(as_reviewer, base + "request-changes/", {"note": notes.value(2)})
    for number in (1, 2):
        if number == 2:  # new rows, named in the change summary of the archive, diff and feed
            answers_format.import_into(document, with_payloads(demo, extra_rows=1), by=editor)
        post(as_editor, base + "submit/", {"note": notes.value(1 + 2 * number)})
        approval = {"seen_hash": review.draft_hash(document), "note": notes.value(2 + 2 * number)}
        post(as_reviewer, base + "approve/", approval)
        note = {"note": BY_NAME["note on a published version"].value(number)}
        post(as_owner, f"/t/alfa/documents/{DOC}/publish/", note)
        assert PolicyVersion.objects.filter(document=document).count() == number

    # a draft with one more change, so that the draft's pages have changes to show
    answers_format.import_into(document, with_payloads(demo, extra_rows=2), by=editor)
    membership = Membership.objects.for_tenant(company).get(user=viewer)
    role_url = reverse("company:member_role", args=["alfa", membership.code])
    pages["role changed"] = post(as_owner, role_url, {"role": "editor"})
    return Seeded(pages, pdf_html, invitation_url.group())


# -- reading the outputs ------------------------------------------------------------------------


@dataclass
class Output:
    """One output: what was sent, the texts a typed value may show in, and what is wrong."""

    where: str
    raw: str
    texts: list[str]
    problems: list[str] = field(default_factory=list)
    squeezed: bool = False  # white space left out (text taken from a PDF)


def local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def html_problems(where: str, root) -> list[str]:
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = local(element.tag)
        for name, value in element.attrib.items():
            name = local(name)
            if name.startswith("on"):
                problems.append(f"{where}: <{tag} {name}=…> (event handler)")
            url = re.sub(r"[\x00-\x20]", "", value).lower()
            if url.startswith("javascript:") and (tag, name) not in TEXT_ATTRIBUTES:
                problems.append(f"{where}: <{tag} {name}={value!r}> (javascript: URL)")
        if tag == "script" and "x" in (element.text or ""):
            problems.append(f"{where}: <script>{element.text}</script>")
    return problems


def html_output(where: str, body: str, fragment: bool = False) -> Output:
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    root = parser.parseFragment(body) if fragment else parser.parse(body)
    attributes = [v for e in root.iter() if isinstance(e.tag, str) for v in e.attrib.values()]
    return Output(where, body, ["".join(root.itertext()), *attributes], html_problems(where, root))


def feed_output(where: str, body: str) -> Output:
    """An Atom feed: only Atom elements; a text of `type="html"` is HTML and read as such."""
    output = Output(where, body, [])
    for element in ElementTree.fromstring(body).iter():
        if not element.tag.startswith(ATOM):
            output.problems.append(f"{where}: element {element.tag}")
        if element.get("type") == "html":
            inner = html_output(f"{where} {local(element.tag)}", element.text or "", fragment=True)
            output.texts += inner.texts
            output.problems += inner.problems
        else:
            output.texts.append(element.text or "")
    return output


def strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def response_output(where: str, response) -> Output:
    content_type = response["Content-Type"].split(";")[0]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type not in (XLSX, "application/pdf"):
        body = content.decode("utf-8-sig")
    if content_type == "text/html":
        return html_output(where, body)
    if content_type == "application/atom+xml":
        return feed_output(where, body)
    if content_type == "application/json":
        return Output(where, body, list(strings(json.loads(body))))
    if content_type == "text/javascript":
        return banner_output(where, body)
    if content_type == XLSX:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        cells = [
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        ]
        return Output(where, "\n".join(cells), cells)
    if content_type == "application/pdf":
        return pdf_text_output(where, content, "")
    if content_type == "text/csv":
        return Output(where, body, [cell for row in csv.reader(io.StringIO(body)) for cell in row])
    raise AssertionError(f"{where}: unexpected content type {content_type}")


def banner_output(where: str, body: str) -> Output:
    """The cookie banner's script: its configuration is JSON, and every text in it becomes
    HTML in the company's page (the banner library sets innerHTML), so each is read as HTML."""
    start = body.index(BANNER_CALL) + len(BANNER_CALL)
    config = json.loads(body[start : body.rindex(");")])
    output = Output(where, body, [])
    if "<" in body[start:]:
        output.problems.append(f"{where}: a raw < in the configuration")
    for text in strings(config):
        inner = html_output(where, text, fragment=True)
        output.texts += inner.texts
        output.problems += inner.problems
    return output


def email_output(message) -> Output:
    where = f"e-mail {message.subject!r}"
    output = Output(where, f"{message.subject}\n{message.body}", [message.subject, message.body])
    if message.content_subtype != "plain" or getattr(message, "alternatives", None):
        output.problems.append(f"{where}: not plain text only")
    return output


def pdf_text_output(where: str, document: bytes, company: str) -> Output:
    """The text of a PDF without white space, list bullets and each page's running header
    and footer (the company, the date line, "n / m"), which come last in a page's text."""
    pages = []
    for page in PdfReader(io.BytesIO(document)).pages:
        text = squeeze(page.extract_text()).replace("•", "")
        cut = text.rfind(company)
        if cut >= 0 and re.fullmatch(r".{0,60}?\d+/\d+", text[cut + len(company) :]):
            text = text[:cut]
        pages.append(text)
    text = "".join(pages)
    return Output(where, text, [text], squeezed=True)


# -- the surfaces -------------------------------------------------------------------------------


def company_urls(document) -> list[str]:
    """Every company page that answers GET, in every step, language and version."""
    urls = ["/companies/"]
    for name, methods in ROUTES.items():
        if "get" not in methods:
            continue
        kwargs = {"tenant_slug": "alfa"}
        if name.startswith("policies:") and name != "policies:new":
            kwargs["doc_slug"] = document.slug
        options = [kwargs]
        if name == "policies:step":
            options = [{**kwargs, "step_key": key} for key in STEP_KEYS]
        if name.endswith("_in"):
            options = [{**kwargs, "language": language} for language in document.languages]
        if name in ("policies:version", "policies:version_in"):
            options = [{**option, "number": n} for option in options for n in (1, 2)]
        if name in ("policies:scan", "policies:scan_status"):
            options = [{**kwargs, "scan_id": scan_of(document).pk}]
        if name in ("company:register_xlsx", "company:register_pdf"):
            options = [{**kwargs, "language": language} for language in ("lv", "en")]
        urls += [reverse(name, kwargs=option) for option in options]
    return urls


def scan_of(document) -> WebsiteScan:
    """A finished scan that found nothing: its page lists every tool and cookie the answers
    declare (typed names among them) as not found."""
    scan = WebsiteScan.objects.filter(document=document).first()
    return scan or WebsiteScan.objects.create(
        tenant=document.tenant,
        document=document,
        url="https://example.lv",
        status=Status.DONE,
        result={"pages": [], "cookies": [], "storage": [], "hosts": []},
    )


PUBLIC_PATHS = [
    "",
    "en/",
    "embed/",
    "embed/en/",
    "versions/",
    "versions/1/",
    "versions/2/en/",
    "versions/1.json",
    "versions/2.json",
    "diff/1/2/",
    "diff/1/2/en/",
    "diff/1/2/?view=side",
    "feed/",
    "consent.js",
]


def public_urls(document) -> list[str]:
    """The company's public page and every public page of the document."""
    return ["/p/alfa/"] + [f"/p/alfa/{document.slug}/{path}" for path in PUBLIC_PATHS]


def conflict_pages(client, document) -> dict:
    """Each step saved over a newer save: the page shows what was typed beside what is saved."""
    answers = load_answers(document)
    refs = {f"data-{i}": row.pk for i, row in enumerate(answers.categories, 1)}
    refs.update({f"purpose-{i}": row.pk for i, row in enumerate(answers.purposes, 1)})
    exported = answers_format.export(document)
    pages = {}
    for step in STEPS:
        section, rows = answers_format.split(step, exported[step.key])
        data = answers_format.step_post_data(step, section, rows, refs)
        data.update({"revision": "0", "action": "save"})
        url = reverse("policies:step", args=["alfa", document.slug, step.key])
        pages[f"{url} (saved meanwhile)"] = response = client.post(url, data)
        assert response.status_code == 409, step.key
    return pages


def all_outputs(seeded, document, owner, login, client) -> list[Output]:
    as_owner = login(owner)
    responses = dict(seeded.pages)
    responses.update({url: as_owner.get(url) for url in company_urls(document)})
    responses.update(conflict_pages(as_owner, document))
    responses.update({url: client.get(url) for url in public_urls(document)})
    responses["invitation link"] = client.get(seeded.invitation_url)
    outputs = []
    for where, response in responses.items():
        assert response.status_code in (200, 409), (where, response.status_code)
        outputs.append(response_output(where, response))
    outputs += [email_output(message) for message in mail.outbox]
    for number, html in enumerate(seeded.pdf_html, 1):
        outputs.append(html_output(f"HTML given to WeasyPrint ({number})", html))
    company = squeeze(BY_NAME["company: legal name"].value())
    for rendering in VersionRendering.objects.filter(version__document=document):
        where = f"PDF text, version {rendering.version.number} ({rendering.language})"
        outputs.append(pdf_text_output(where, bytes(rendering.pdf), company))
    return outputs


def routes_read(outputs) -> set[str]:
    paths = (output.where.split(" ")[0].split("?")[0] for output in outputs)
    return {resolve(path).view_name for path in paths if path.startswith("/")}


def check(output: Output) -> tuple[set[str], list[str]]:
    """The fields whose values this output shows, and what is wrong with it."""
    problems = list(output.problems)
    raw = output.raw.casefold()
    texts = [text.casefold() for text in output.texts]
    if EVALUATED in raw:
        problems.append(f"{output.where}: {EVALUATED}, a template evaluated {{{{7*7}}}}")
    for sign in DEBUG_DUMP:
        if any(sign.casefold() in text for text in texts):
            problems.append(f"{output.where}: {sign!r}, a template ran {{% debug %}}")
    shown = set()
    for target in FIELDS:
        for marker, value in target.values.items():
            if marker not in raw:
                continue
            shown.add(target.name)
            value = (squeeze(value) if output.squeezed else value).casefold()
            if not any(value in text for text in texts):
                problems.append(f"{output.where}: {marker} ({target.name}) not whole as text")
    return shown, problems


def test_every_typed_text_stays_text_on_every_surface(seeded, company, owner, login, client):
    document = company.documents.get(slug=DOC)
    outputs = all_outputs(seeded, document, owner, login, client)

    public = {
        name
        for route, name, _pattern in walk(get_resolver().url_patterns)
        if route.startswith("p/<slug:tenant_slug>/") and not name.startswith("public:pdf")
    } - {"public:consent"}  # where the banner sends choices: it shows nothing typed
    signed_in = {name for name, methods in ROUTES.items() if "get" in methods}
    assert (public | signed_in) - routes_read(outputs) == set()  # PDFs: their text, below

    problems, shown_cells = [], 0
    surfaces = {target.name: 0 for target in FIELDS}
    for output in outputs:
        shown, found = check(output)
        problems += found
        shown_cells += len(shown)
        for name in shown:
            surfaces[name] += 1

    cells = len(outputs) * len(FIELDS)
    print(
        f"\nXSS-1: {len(outputs)} outputs × {len(FIELDS)} fields = {cells} cells, "
        f"{shown_cells} of them showing a hostile value; {len(problems)} problems"
    )
    print("\n".join(f"{count:4d}  {name}" for name, count in surfaces.items()))
    assert problems == [], "\n".join(problems)
    assert (len(outputs), len(FIELDS)) == (89, 88)
    assert [name for name, count in surfaces.items() if not count] == []  # each one seen


def test_answers_with_a_format_refuse_the_payloads(company, owner):
    """What the matrix leaves out: answers a pattern checks, and web addresses' schemes."""
    document = document_create(tenant=company, slug=DOC, by=owner)
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    formatted = [w for w in wizard_fields() if w[2] in FORMATTED or type(w[3]) is forms.URLField]
    assert len(formatted) == 7
    for payload in PAYLOADS:
        answers = copy.deepcopy(demo)
        for step, part, name, _field in formatted:
            for values in [answers[step.key]] if part == "section" else rows_of(answers, step):
                values[name] = payload
        with pytest.raises(answers_format.AnswersImportError) as refused:
            answers_format.import_into(document, answers)
        paths = {path.split(".")[-1] for path, _message in refused.value.errors}
        assert {name for _step, _part, name, _field in formatted} <= paths, payload
        form = CompanySettingsForm(
            {"legal_name": "SIA Alfa", "country": "LV", "embed_origins": payload},
            instance=company,
        )
        assert "embed_origins" in form.errors, payload
