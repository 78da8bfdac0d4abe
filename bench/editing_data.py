"""LOAD-2's editors, made through the project's services, and the CONC-1 checks of what they
saved, read back from the database after the run.

Import this module only after Django is set up.
"""

from dataclasses import dataclass

from bench import data
from bench.editors import STEP, Account, Editor
from policies import answers_format
from policies.models import SecurityAnswers, StepRevision
from policies.services import document_create
from policies.wizard.steps import STEP_KEYS
from tenants import services
from tenants.roles import Role

PASSWORD = "bench-parole-2026"
COMPANY_PREFIX = "redaktori"
# What editors view between autosaves, under their document's address: its overview, every
# wizard step, the preview and the history.
PAGES = ("", *(f"wizard/{key}/" for key in STEP_KEYS), "preview/", "history/")


def create_editors(count: int, companies: int) -> list[Account]:
    """`companies` companies, each with an owner; `count` editors spread over them, invited
    by the owner and signed up through the invitation, each with a document of their own
    holding the demo answers."""
    answers = data.demo_answers()
    owners = [
        services.user_signup(
            email=f"ipasnieks@{COMPANY_PREFIX}-{n}.test",
            full_name=f"Īpašnieks {n}",
            password=PASSWORD,
            legal_name=f'SIA "Redaktori {n}"',
            slug=f"{COMPANY_PREFIX}-{n}",
            country="LV",
        )
        for n in range(1, companies + 1)
    ]
    accounts = []
    for n in range(1, count + 1):
        owner, tenant = owners[(n - 1) % companies]
        invitation, _token = services.invitation_create(
            tenant=tenant,
            email=f"redaktors-{n}@{tenant.slug}.test",
            role=Role.EDITOR,
            invited_by=owner,
            mailer="quiet",
        )
        user = services.invitation_signup(
            invitation=invitation, full_name=f"Redaktors {n}", password=PASSWORD
        )
        document = document_create(tenant=tenant, slug=f"politika-{n}", by=user)
        answers_format.import_into(document, answers, by=user)
        accounts.append(Account(user.email, PASSWORD, tenant.slug, document.slug))
    return accounts


@dataclass(frozen=True)
class Before:
    """A document's autosaved step before the run."""

    revision: int
    last_history_id: int


def _step(account: Account):
    return StepRevision.objects.get(
        tenant__slug=account.company, document__slug=account.document, step=STEP
    )


def _history(account: Account):
    return SecurityAnswers.history.filter(
        tenant__slug=account.company, document__slug=account.document
    ).order_by("history_id")


def before_run(accounts: list[Account]) -> dict[Account, Before]:
    return {
        account: Before(_step(account).revision, _history(account).last().history_id)
        for account in accounts
    }


def violations(editor: Editor, before: Before) -> list[str]:
    """How the database disagrees with what the editor was told (CONC-1): every save it saw
    succeed is stored once, in order, and counted in the revision; no stale save is."""
    account = editor.account
    found = []
    revisions = _step(account).revision - before.revision
    if revisions != len(editor.saved):
        found.append(f"revision rose by {revisions}, {len(editor.saved)} saves succeeded")
    stored = list(
        _history(account)
        .filter(history_id__gt=before.last_history_id)
        .values_list("description", flat=True)
    )
    stale = {text for text, _status in editor.stale}
    if stored != editor.saved:
        lost = [t for t in editor.saved if t not in stored]
        extra = [t for t in stored if t not in editor.saved and t not in stale]
        found.append(f"history differs from the saves: {len(lost)} lost, {len(extra)} unknown")
    current = SecurityAnswers.objects.get(
        tenant__slug=account.company, document__slug=account.document
    ).description
    if editor.saved and current != editor.saved[-1]:
        found.append("the stored answer is not the last one saved")
    for text, status in editor.stale:
        if status != 409:
            found.append(f"a stale save was answered {status}, not 409")
        if text in stored or text == current:
            found.append("a stale save was applied")
    found.extend(f"revision jump: {jump}" for jump in editor.revision_jumps)
    return found
