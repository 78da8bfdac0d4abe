"""FUZZ-1: no input makes a form fail with a server error, and every refusal is a proper one.

Every form of the app except the wizard's steps (tests/policies/test_fuzz.py) and Django's
admin: each is posted through the test client, as a role allowed to use it (drawn per
example), with plausible values that make it valid now and then, and hostile ones (NUL and
other control characters, right-to-left text, combining characters, very long values, several
values for one field, fields left out). Each example runs in a transaction that is rolled
back, so every example starts from the same database.

The proper answers:

- a view with a Django form: a 200 re-render whose form has errors, or a redirect, and a
  redirect only when the form class itself, bound to the same data, is valid;
- the role change: a redirect to its page with one message, of success or of error;
- the review actions: a redirect to their page with a success message, or, refused, their
  page again (400) with the error messages and the typed text kept;
- the language switch: a redirect to an address on this site;
- the answers import: a redirect to the document, or a 400 page that lists the file's errors.

No request may send a NUL character to the database either: PostgreSQL refuses it, so there it
would be a server error that SQLite does not show. test_every_form_of_the_app_is_fuzzed fails
when a form, or a route that takes one, is added without a case here.
"""

import datetime
import importlib
import json
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django import forms
from django.apps import apps as django_apps
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import strategies as st

from accounts.forms import InvitationSignupForm, LoginForm, SignupForm
from policies import answers_format, review
from policies.answers import load_answers
from policies.forms import DocumentCreateForm, DocumentSettingsForm
from policies.models import Document
from policies.render import render
from policies.services import document_create
from policies.views.versions import PublishForm
from policies.wizard.forms import AnswersForm, DocumentRowsForm
from policies.wizard.steps import STEPS
from scans.models import Status as ScanStatus
from scans.models import WebsiteScan
from tenants.forms import CompanyCreateForm, CompanySettingsForm, InviteForm, RoleForm
from tenants.models import Invitation, Membership, Tenant, hash_token
from tenants.roles import Role
from tests.factories import PASSWORD
from tests.fuzzing import (
    ANY_TEXT,
    FUZZ,
    HOSTILE,
    LETTERS,
    field_values,
    no_nul_to_the_database,
    posted,
    rolled_back,
)
from tests.tenants.test_access import ROUTES, walk

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "policies" / "data" / "demo_answers.json"
DOC = "/t/alfa/documents/privatuma-politika/"
REVIEW = DOC + "review/"
INVITATION_TOKEN = "fuzz-invitation-token"
STRONG_PASSWORD = "Zaļā-Sala-2026!"
NOTE = st.text(alphabet=LETTERS, max_size=80)
PASSWORDS = st.sampled_from([PASSWORD, STRONG_PASSWORD, "parole"])
# From a month ago to more than a year ahead: the dates publishing refuses, and those it takes.
EFFECTIVE_DATES = st.integers(-30, 400).map(
    lambda days: (timezone.localdate() + datetime.timedelta(days=days)).isoformat()
)


@dataclass(frozen=True)
class Case:
    """One form: where it posts, who may post it, and what it should answer."""

    name: str
    route: str  # the URL pattern's name
    url: Callable[[dict], str]
    actors: tuple[str | None, ...]  # roles in company A; None: a visitor, not logged in
    data: Callable[[dict], st.SearchStrategy]  # world -> strategy of posted data
    form: Callable | None = None  # (world, actor, data) -> the view's form, bound to data
    answer: str = "form"  # form | login | redirect | language | import
    form_name: str = "form"  # the form's name in the template context
    back: tuple[str, ...] = ()  # where a redirecting action may send the person
    document: str | None = None  # the state of the document it works on
    open: Callable | None = None  # (client, world) -> the address to post to, after a visit


def fields_of(form, **overrides):
    return lambda world: posted(field_values(form(world), **overrides))


def values(**strategies):
    return lambda world: posted({name: s(world) for name, s in strategies.items()})


def _open_reset_link(client, world):
    """A reset link puts its token in the session and sends on to the form's address."""
    return client.get(world["reset_link"])["Location"]


# --- the answers import: damaged exports, random JSON, random bytes ---------------------------

JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | HOSTILE,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(ANY_TEXT, children, max_size=3)
    ),
    max_leaves=6,
)
DROP = object()


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _paths(child, (*path, i))


def _changed(data, changes):
    data = json.loads(json.dumps(data))
    for path, new in changes:
        if not path:
            data = new if new is not DROP else {}
            continue
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            if new is DROP:
                del parent[path[-1]]
            else:
                parent[path[-1]] = new
        except (KeyError, IndexError, TypeError):
            pass  # an earlier change replaced the path's parent
    return data


def import_data(world):
    export = world["export"]
    damaged = st.lists(
        st.tuples(st.sampled_from(list(_paths(export))), JSON_VALUE | st.just(DROP)),
        min_size=1,
        max_size=3,
    ).map(lambda changes: json.dumps(_changed(export, changes)).encode())
    content = st.one_of(
        st.just(json.dumps(export).encode()),
        damaged,
        JSON_VALUE.map(lambda v: json.dumps(v).encode()),
        HOSTILE.map(str.encode),
        st.binary(max_size=3000),
    )
    return st.one_of(
        content.map(lambda c: {"file": c}),
        st.just({}),
        HOSTILE.map(lambda text: {"file": [text]}),  # a text field, not a file
    )


# --- the forms ---------------------------------------------------------------------------------

VISITOR = (None,)
MEMBERS = ("owner", "editor", "reviewer", "viewer")
EDITORS = ("owner", "editor")
SCAN_ID = 4242
SITE = "https://www.zalaisdarzs.lv/"
SCAN_RESULT = {
    "origin": SITE,
    "cookies": [
        {
            "name": "lang",
            "domain": "www.zalaisdarzs.lv",
            "path": "/",
            "expires": None,
            "party": "first",
            "phase": "before",
            "page": SITE,
        },
    ],
    "storage": [],
    "hosts": [{"host": "static.hotjar.com", "phase": "before", "segments": []}],
}
REVIEWERS = ("owner", "reviewer")

CASES = [
    Case(
        "sign-up",
        "accounts:signup",
        lambda w: "/accounts/signup/",
        VISITOR,
        fields_of(lambda w: SignupForm(), password1=PASSWORDS, password2=PASSWORDS),
        form=lambda w, actor, d: SignupForm(d),
    ),
    Case(
        "log-in",
        "accounts:login",
        lambda w: "/accounts/login/",
        VISITOR,
        values(
            username=lambda w: (
                st.sampled_from(["editor@alfa.test", " EDITOR@alfa.test "]) | st.emails()
            ),
            password=lambda w: PASSWORDS,
        ),
        answer="login",
    ),
    Case(
        "password reset",
        "accounts:password_reset",
        lambda w: "/accounts/password/reset/",
        VISITOR,
        fields_of(lambda w: PasswordResetForm()),
        form=lambda w, actor, d: PasswordResetForm(d),
    ),
    Case(
        "new password from a reset link",
        "accounts:password_reset_confirm",
        lambda w: w["reset_link"],
        VISITOR,
        fields_of(
            lambda w: SetPasswordForm(w["users"]["editor"]),
            new_password1=PASSWORDS,
            new_password2=PASSWORDS,
        ),
        form=lambda w, actor, d: SetPasswordForm(w["users"]["editor"], d),
        open=_open_reset_link,
    ),
    Case(
        "password change",
        "accounts:password_change",
        lambda w: "/accounts/password/change/",
        MEMBERS,
        fields_of(
            lambda w: PasswordChangeForm(w["users"]["editor"]),
            old_password=PASSWORDS,
            new_password1=PASSWORDS,
            new_password2=PASSWORDS,
        ),
        form=lambda w, actor, d: PasswordChangeForm(w["users"][actor], d),
    ),
    Case(
        "sign-up from an invitation",
        "accounts:invitation",
        lambda w: f"/accounts/invitations/{INVITATION_TOKEN}/",
        VISITOR,
        fields_of(
            lambda w: InvitationSignupForm(email="x@alfa.test"),
            password1=PASSWORDS,
            password2=PASSWORDS,
        ),
        form=lambda w, actor, d: InvitationSignupForm(d, email=w["invitation"].email),
    ),
    Case(
        "new company",
        "companies",
        lambda w: "/companies/",
        (*MEMBERS, "outsider"),
        fields_of(lambda w: CompanyCreateForm(), slug=st.sampled_from(["alfa", "beta", "gamma"])),
        form=lambda w, actor, d: CompanyCreateForm(d),
    ),
    Case(
        "company settings",
        "company:settings",
        lambda w: "/t/alfa/settings/",
        ("owner",),
        fields_of(
            lambda w: CompanySettingsForm(instance=w["company"]),
            embed_origins=st.sampled_from(["https://www.alfa.lv", "https://a.lv\nhttp://b.lv"]),
        ),
        form=lambda w, actor, d: CompanySettingsForm(d, instance=Tenant.objects.get(slug="alfa")),
    ),
    Case(
        "member invitation",
        "company:member_invite",
        lambda w: "/t/alfa/members/invite/",
        ("owner",),
        fields_of(lambda w: InviteForm()),
        form=lambda w, actor, d: InviteForm(d),
        form_name="invite_form",
    ),
    Case(
        "member's role",
        "company:member_role",
        lambda w: f"/t/alfa/members/{w['target'].code}/role/",
        ("owner",),
        fields_of(lambda w: RoleForm()),
        answer="redirect",
        back=("/t/alfa/members/",),
    ),
    Case(
        "new document",
        "policies:new",
        lambda w: "/t/alfa/documents/new/",
        EDITORS,
        fields_of(
            lambda w: DocumentCreateForm(), slug=st.sampled_from(["privatuma-politika", "jauna"])
        ),
        form=lambda w, actor, d: DocumentCreateForm(d),
    ),
    Case(
        "document settings",
        "policies:settings",
        lambda w: DOC + "settings/",
        EDITORS,
        fields_of(lambda w: DocumentSettingsForm()),
        form=lambda w, actor, d: DocumentSettingsForm(
            d, instance=Document.objects.for_tenant(w["company"]).get(slug="privatuma-politika")
        ),
        document="draft",
    ),
    Case(
        "send for review",
        "policies:submit",
        lambda w: REVIEW + "do/submit/",
        EDITORS,
        values(note=lambda w: NOTE),
        answer="redirect",
        back=(REVIEW,),
        document="draft",
    ),
    Case(
        "review comment",
        "policies:comment",
        lambda w: REVIEW + "do/comment/",
        REVIEWERS,
        values(section=lambda w: st.sampled_from(["", *w["sections"]]), text=lambda w: NOTE),
        answer="redirect",
        back=(REVIEW,),
        document="in_review",
    ),
    Case(
        "request for changes",
        "policies:request_changes",
        lambda w: REVIEW + "do/request-changes/",
        REVIEWERS,
        values(note=lambda w: NOTE),
        answer="redirect",
        back=(REVIEW,),
        document="in_review",
    ),
    Case(
        "approval",
        "policies:approve",
        lambda w: REVIEW + "do/approve/",
        REVIEWERS,
        values(seen_hash=lambda w: st.just(w["draft_hash"]), note=lambda w: NOTE),
        answer="redirect",
        back=(REVIEW,),
        document="in_review",
    ),
    Case(
        "own wording of a section",
        "policies:override",
        lambda w: REVIEW + "do/wording/",
        REVIEWERS,
        values(
            section=lambda w: st.sampled_from(w["sections"]),
            language=lambda w: st.sampled_from(["lv", "en"]),
            text=lambda w: NOTE,
        ),
        answer="redirect",
        back=(REVIEW, REVIEW + "en/"),
        document="in_review",
    ),
    Case(
        "publishing",
        "policies:publish",
        lambda w: DOC + "publish/",
        ("owner",),
        fields_of(lambda w: PublishForm(), effective_date=EFFECTIVE_DATES, note=NOTE),
        form=lambda w, actor, d: PublishForm(d),
        document="approved",
    ),
    Case(
        "answers import",
        "policies:import",
        lambda w: DOC + "import/",
        EDITORS,
        import_data,
        answer="import",
        document="draft",
    ),
    Case(
        "website scan",
        "policies:scan_start",
        lambda w: DOC + "scans/",
        EDITORS,
        values(
            url=lambda w: st.one_of(
                NOTE, st.sampled_from(["https://www.zalaisdarzs.lv", "http://127.0.0.1/"])
            )
        ),
        answer="redirect",
        back=(DOC + "wizard/cookies/",),  # the company declared no website to scan
        document="draft",
    ),
    Case(
        "a scan's finding into the answers",
        "policies:scan_add",
        lambda w: DOC + f"scans/{SCAN_ID}/add/",
        EDITORS,
        values(
            action=lambda w: st.sampled_from(["add_tool", "add_cookie", "remove_tool", "", "x"]),
            subject=lambda w: st.one_of(NOTE, st.sampled_from(["hotjar", "lang", "mailchimp"])),
        ),
        answer="redirect",
        back=(DOC + f"scans/{SCAN_ID}/#findings", DOC + "wizard/cookies/"),
        document="draft",
    ),
    Case(
        "language switch",
        "set_language",
        lambda w: "/i18n/setlang/",
        (None, "viewer"),
        values(
            language=lambda w: st.sampled_from(["lv", "en"]),
            next=lambda w: st.sampled_from(["/", DOC, "https://evil.test/", "//evil.test"]),
        ),
        answer="language",
    ),
]


@pytest.fixture
def world(request, company, owner, editor, reviewer, viewer, outsider):
    """Company A with a member in every role, an open invitation, a password reset link, and
    the document in the state the form needs."""
    case = request.node.callspec.params["case"]
    Invitation.objects.create(
        tenant=company,
        email="invitee@alfa.test",
        role=Role.EDITOR,
        token_hash=hash_token(INVITATION_TOKEN),
        expires_at="2999-01-01T00:00:00Z",
    )
    world = {
        "company": company,
        "users": {
            "owner": owner,
            "editor": editor,
            "reviewer": reviewer,
            "viewer": viewer,
            "outsider": outsider,
        },
        "target": Membership.objects.for_tenant(company).get(user=viewer),
        "invitation": Invitation.objects.for_tenant(company).get(),
    }
    if case.document:
        document = document_create(tenant=company, slug="privatuma-politika", by=owner)
        answers_format.import_into(document, json.loads(DEMO.read_text(encoding="utf-8")))
        if case.document in ("in_review", "approved"):
            review.submit(document=document, by=editor)
        world["draft_hash"] = review.draft_hash(document)
        if case.document == "approved":
            review.approve(document=document, by=reviewer, seen_hash=world["draft_hash"])
        world["export"] = answers_format.export(document)
        world["sections"] = [s.key for s in render(load_answers(document), "lv").sections]
        WebsiteScan.objects.create(
            pk=SCAN_ID,
            tenant=company,
            document=document,
            url="https://www.zalaisdarzs.lv",
            status=ScanStatus.DONE,
            result=SCAN_RESULT,
        )
    uid = urlsafe_base64_encode(force_bytes(editor.pk))
    token = default_token_generator.make_token(editor)
    world["reset_link"] = f"/accounts/password/reset/{uid}/{token}/"
    return world


def as_query_dict(data) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query


def as_post(data) -> dict:
    return {
        name: SimpleUploadedFile("answers.json", value, "application/json")
        if isinstance(value, bytes)
        else value
        for name, value in data.items()
    }


def is_local(url: str) -> bool:
    """An address on this site (Django's own check refuses addresses over 2,048 characters)."""
    parts = urlsplit(url)
    return (
        parts.scheme in ("", "http", "https")
        and parts.netloc in ("", "testserver")
        and not url.startswith(("//", "/\\", "\\"))
    )


def messages_of(response) -> list:
    return list(get_messages(response.wsgi_request))


def check_answer(case, response, data, valid):
    """The answer each kind of form owes its input (see the module's docstring)."""
    status = response.status_code
    if case.answer == "form":
        assert status in (200, 302)
        if status == 200:
            form = response.context[case.form_name]
            # Form(request.POST or None): an empty body shows the blank form, as a GET does.
            assert form.errors if form.is_bound else not data
        assert valid or status == 200, "a redirect for data the form refuses"
    elif case.answer == "login":
        assert status in (200, 302)
        logged_in = "_auth_user_id" in response.wsgi_request.session
        if status == 200:
            assert response.context["form"].errors and not logged_in
        else:
            assert logged_in
    elif case.answer == "redirect" and status == 400 and REVIEW in case.back:
        levels = {m.level_tag for m in messages_of(response)}
        assert levels == {"error"} and not valid
        assert response.templates[0].name == "policies/review.html"
    elif case.answer == "redirect":
        assert status == 302 and response["Location"] in case.back
        assert [m.level_tag for m in messages_of(response)] in (["success"], ["error"])
    elif case.answer == "language":
        assert status == 302
        assert is_local(response["Location"])
        cookie = response.cookies.get("django_language")
        assert cookie is None or cookie.value in ("lv", "en")
    elif case.answer == "import":
        assert status in (302, 400)
        if status == 302:
            assert response["Location"] == DOC
        else:
            assert response.templates[0].name == "policies/import_errors.html"
            assert response.context["errors"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@FUZZ
@given(data=st.data())
def test_no_input_breaks_a_form(case, data, world):
    actor = data.draw(st.sampled_from(case.actors), label="actor")
    posted_data = data.draw(case.data(world), label="posted")
    with rolled_back():
        client = Client(raise_request_exception=True)
        if actor:
            client.force_login(world["users"][actor])
        url = case.open(client, world) if case.open else case.url(world)
        valid = (
            case.form(world, actor, as_query_dict(posted_data)).is_valid() if case.form else None
        )
        with no_nul_to_the_database():
            response = client.post(url, as_post(posted_data))
        assert response.status_code < 500
        check_answer(case, response, posted_data, valid)


# The review's free texts, read straight from the request rather than through a form field.
REVIEW_TEXTS = {
    "policies:submit": "note",
    "policies:comment": "text",
    "policies:request_changes": "note",
    "policies:approve": "note",
    "policies:override": "text",
}


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.route in REVIEW_TEXTS], ids=lambda c: c.name
)
def test_a_nul_in_a_review_text_is_refused(case, world):
    """Found by the test above: these texts reached the database with their NUL."""
    data = {
        "section": world["sections"][0],
        "language": "lv",
        "seen_hash": world["draft_hash"],
        REVIEW_TEXTS[case.route]: "a\x00b",
    }
    client = Client()
    client.force_login(world["users"]["owner"])
    with no_nul_to_the_database():
        response = client.post(case.url(world), data)
    with translation.override("lv"):
        refusal = gettext("Null characters are not allowed.")
    assert [str(m) for m in messages_of(response)] == [refusal]


# POST routes without a form: nothing to fuzz but the address, which the URLconf checks.
NO_FIELDS = {
    "accounts:logout",
    "company:member_remove",
    "company:invitation_revoke",
    "accounts:signup_confirm",  # the button that confirms a sign-up; the token is in the path
    "company:register_reviewed",  # marks the register's activities reviewed today
}
# The public pages, which only read, and the admin (Django's own forms, for site staff).
NOT_FUZZED_ROUTES = ("p/<slug:tenant_slug>/", "admin/")
# Pages that only read (a POST is answered as a GET, or refused).
READ_ONLY = {
    "home",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "accounts:password_change_done",
    "accounts:signup_sent",
    "registers",  # the list of the registers of a person's companies
}
WIZARD = {"policies:step"}  # tests/policies/test_fuzz.py

FUZZED_FORMS = {
    SignupForm,
    LoginForm,
    InvitationSignupForm,
    CompanyCreateForm,
    CompanySettingsForm,
    InviteForm,
    RoleForm,
    DocumentCreateForm,
    DocumentSettingsForm,
    PublishForm,
}
WIZARD_BASES = {AnswersForm, DocumentRowsForm}  # the steps' forms derive from these


def app_modules():
    """Every module of the project's own apps (not their migrations)."""
    for app in django_apps.get_app_configs():
        if not Path(app.path).is_relative_to(ROOT) or ".venv" in Path(app.path).parts:
            continue
        package = importlib.import_module(app.name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, app.name + "."):
            if ".migrations" not in info.name:
                yield importlib.import_module(info.name)


def test_every_form_of_the_app_is_fuzzed():
    """A new form, or a new route that takes one, fails this test until it is fuzzed."""
    fuzzed = {case.route for case in CASES}
    company_posts = {name for name, methods in ROUTES.items() if "post" in methods}
    others = {
        name
        for route, name, _ in walk(get_resolver().url_patterns)
        if not route.startswith(("t/<slug:tenant_slug>/", *NOT_FUZZED_ROUTES))
        and name not in READ_ONLY
    }
    assert company_posts | others == fuzzed | NO_FIELDS | WIZARD

    form_classes = {
        cls
        for module in app_modules()
        for cls in vars(module).values()
        if isinstance(cls, type)
        and issubclass(cls, forms.BaseForm)
        and cls.__module__ == module.__name__
    }
    wizard_forms = {f for step in STEPS for f in (step.section_form, step.row_form) if f}
    assert form_classes == FUZZED_FORMS | wizard_forms | WIZARD_BASES
