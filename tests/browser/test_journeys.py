"""The journeys of PolicyHub's three kinds of users, in a real browser, each from an empty
database through the interface alone: a business writes its privacy policy, a lawyer reviews
it and two versions are published, a visitor reads them. The only thing read outside the
browser is the e-mail outbox, as the people would read their e-mails.
"""

import re
from contextlib import contextmanager
from functools import partial

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from tests.browser.keyboard import expect_visible_focus, press_and_load, tab_to
from tests.browser.steps import (
    APP,
    CONTRACT,
    EDITOR,
    LAWYER,
    OWNER,
    PUBLIC,
    TENANT,
    accept_invitation,
    answer_data,
    approve,
    button,
    comment,
    company_menu,
    completeness,
    expect_heading,
    expect_message,
    field,
    fill_wizard,
    group,
    invite,
    link_in_mail,
    navigate,
    new_policy,
    open_publishing,
    open_step,
    publish,
    request_changes,
    row,
    save,
    section,
    send_for_review,
    sign_up,
    switch_newsletter_to_brevo,
    write_policy,
)

pytestmark = pytest.mark.usefixtures("append_only_lifted_for_cleanup")

TODAY = timezone.localdate().strftime("%d.%m.%Y")
INVITATIONS = "/accounts/invitations/"
REVIEW = f"{APP}/review/"
PHONE = "+371 67 123 456"
ASK_FOR_PHONE = "Lūdzu, norādiet arī tālruni saziņai."
# What version 2 changes, as the publish page and the public archive say it.
BREVO_FOR_MAILCHIMP = [
    "Mailchimp (Amerikas Savienotās Valstis) aizstāts ar Brevo (Francija)",
    "Jaunumu vēstuļu izsūtīšanai dati vairs netiek nosūtīti ārpus ES/EEZ "
    "(Amerikas Savienotās Valstis)",
]


def test_a_business_writes_its_policy_and_sends_it_for_review(browser_page, axe, shoot):
    """Journey 1: an owner signs up with the company and answers every step of the wizard,
    leaving one answer out. The GDPR check flags exactly that answer and links to the step
    that fixes it; once fixed, the flag is gone. The owner previews the text in both languages
    and sends the draft for review. The dashboard, every step, the preview and the review
    screen pass axe."""
    page = browser_page()
    sign_up(page, OWNER)
    expect(page.get_by_role("region", name="Dokumenti")).to_contain_text("Dokumentu vēl nav.")
    assert axe(on=page) == []

    new_policy(page)

    def accessible(step: Page) -> None:
        assert axe(on=step) == [], step.get_by_role("heading", level=1).inner_text()

    without_one_answer = partial(answer_data, leave_out_provision_of="Pasūtījumu dati")
    fill_wizard(page, on_each_step=accessible, instead={"Personas dati": without_one_answer})
    fix_the_flagged_answer(page)

    open_step(page, "Nolūki un juridiskie pamati")
    with wide_window(page):  # wide enough for the list of steps beside the questions
        shoot("wizard", readme=True, on=page)

    preview_in_both_languages(page, axe)
    send_for_review(page, "Lūdzu, pārbaudiet pirms publicēšanas.")
    assert axe(on=page) == []

    company_menu(page, "Pārskats")
    expect(page.get_by_role("region", name="Dokumenti")).to_contain_text("/privatuma-politika/")
    assert axe(on=page) == []


@contextmanager
def wide_window(page: Page):
    size = page.viewport_size
    page.set_viewport_size({"width": 1440, "height": 900})
    yield
    page.set_viewport_size(size)


def fix_the_flagged_answer(page: Page) -> None:
    """The check names the missing answer; its link leads to the step, where it is fixed."""
    flagged = (
        completeness(page)
        .get_by_role("listitem")
        .filter(has_text="Trūkst: Vai datu sniegšana ir obligāta")
    )
    expect(flagged).to_contain_text("vai dati „Pasūtījumu dati” ir jāsniedz obligāti")
    expect(completeness(page)).to_contain_text("Nav aizpildīts 1 punkts:")
    answer_it = re.compile(r"^Atbildēt\s*: Vai datu sniegšana ir obligāta")
    navigate(page, completeness(page).get_by_role("link", name=answer_it))

    expect_heading(page, "Personas dati")
    expect(page.get_by_text("Šajā solī vēl trūkst:")).to_be_visible()
    orders = row(page, "Datu veids", 2)
    expect(field(orders, "Datu veids")).to_have_value("order")
    field(orders, "Vai cilvēkiem šie dati ir jāsniedz?").select_option(label=CONTRACT)
    save(page)
    expect(page.get_by_text("Šajā solī vēl trūkst:")).to_have_count(0)

    navigate(page, page.get_by_role("link", name="Privātuma politika (privatuma-politika)"))
    expect(completeness(page)).to_contain_text("Ir atbildēts viss")
    expect(completeness(page)).to_contain_text("Atbildēts: Vai datu sniegšana ir obligāta")
    expect(completeness(page).get_by_text("Trūkst:")).to_have_count(0)


def preview_in_both_languages(page: Page, axe) -> None:
    """From the document's page, the draft's text in Latvian, then in English."""
    navigate(page, page.get_by_role("link", name="Privātuma politika (privatuma-politika)"))
    navigate(page, page.get_by_role("link", name="Skatīt tekstu"))
    expect_heading(page, "Melnraksta priekšskatījums")
    text = page.get_by_role("article")
    expect(text).to_contain_text("Personas datu pārzinis ir SIA „Zaļais Dārzs”")
    expect(text).to_contain_text("Mailchimp (The Rocket Science Group LLC")
    assert axe(on=page) == []
    navigate(page, page.get_by_role("link", name="English"))
    expect(text.get_by_role("heading", level=2)).to_have_text("Privacy Policy")
    expect(text).to_have_attribute("lang", "en")


def test_a_lawyer_reviews_and_the_owner_publishes_two_versions(
    browser_page, mailoutbox, axe, shoot
):
    """Journey 2: the owner invites a lawyer and an editor by e-mail; both join from the link
    in their e-mail. The editor writes the policy and sends it for review; the lawyer, from the
    e-mail, comments on a section and requests changes; the editor, from the e-mail, fixes it
    and sends it again; the lawyer approves and the owner publishes version 1. Later the editor
    replaces Mailchimp with Brevo: the owner cannot publish until the lawyer has approved the
    change again, and then publishes version 2. The lawyer's review screen passes axe."""
    owner, editor, lawyer = browser_page(), browser_page(), browser_page()
    sign_up(owner, OWNER)
    invite(owner, LAWYER, "Recenzents")
    invite(owner, EDITOR, "Redaktors")
    accept_invitation(lawyer, link_in_mail(mailoutbox, LAWYER, INVITATIONS), LAWYER)
    accept_invitation(editor, link_in_mail(mailoutbox, EDITOR, INVITATIONS), EDITOR)

    write_policy(editor)
    send_for_review(editor, "Pirmā redakcija.")
    changes_requested(lawyer, mailoutbox, axe, shoot)
    changes_made(editor, mailoutbox)
    lawyer.goto(link_in_mail(mailoutbox, LAWYER, REVIEW))
    expect(section(lawyer, "Pārzinis un saziņa")).to_contain_text(PHONE)
    approve(lawyer)
    publish(owner, 1, "Pirmā redakcija.")

    switch_newsletter_to_brevo(editor)
    refused_without_approval(owner)
    send_for_review(editor, "Jaunumu vēstules tagad sūtām ar Brevo.")
    lawyer.goto(link_in_mail(mailoutbox, LAWYER, REVIEW))
    approve(lawyer)
    publish(owner, 2, expect_changes=BREVO_FOR_MAILCHIMP)
    expect(owner.get_by_role("table")).to_contain_text(f"apstiprināja {LAWYER.name}")


def changes_requested(lawyer: Page, mailoutbox, axe, shoot) -> None:
    """The lawyer opens the draft from the e-mail, comments on a section, asks for changes."""
    lawyer.goto(link_in_mail(mailoutbox, LAWYER, REVIEW))
    expect_heading(lawyer, "Melnraksta pārskatīšana")
    comment(lawyer, "Pārzinis un saziņa", ASK_FOR_PHONE)
    request_changes(lawyer, "Trūkst tālruņa.")
    assert axe(on=lawyer) == []
    shoot("review", readme=True, on=lawyer)


def changes_made(editor: Page, mailoutbox) -> None:
    """The editor reads the comment from the e-mail's link, adds the phone, sends it again."""
    editor.goto(link_in_mail(mailoutbox, EDITOR, REVIEW))
    expect(section(editor, "Pārzinis un saziņa")).to_contain_text(ASK_FOR_PHONE)
    open_step(editor, "Pārziņa dati")
    field(editor, "Tālrunis").fill(PHONE)
    save(editor)
    send_for_review(editor, "Tālrunis pievienots.")


def refused_without_approval(owner: Page) -> None:
    """A changed draft is not published before the lawyer approves it."""
    open_publishing(owner)
    navigate(owner, button(owner, "Publicēt"))
    expect(
        owner.get_by_text("Nosūtiet melnrakstu pārskatīšanai un sagaidiet apstiprinājumu.")
    ).to_be_visible()
    expect(owner.get_by_role("status")).to_have_count(0)


def two_published_versions(owner: Page) -> None:
    """An owner working alone (so no approval is needed) publishes version 1, then replaces
    Mailchimp with Brevo and publishes version 2."""
    sign_up(owner, OWNER)
    write_policy(owner)
    publish(owner, 1, "Pirmā redakcija.")
    switch_newsletter_to_brevo(owner)
    publish(owner, 2, "Jaunumu vēstules sūtām ar Brevo.")


def test_a_visitor_reads_the_policy_and_its_history(browser_page, axe, shoot):
    """Journey 3: with two versions published through the interface, a visitor reads the
    version in force in Latvian and English, the archive, version 1, the diff between 1 and 2,
    downloads the PDF and finds the feed; then reads the same pages on a phone."""
    two_published_versions(browser_page())
    page = browser_page()
    read_on_a_computer(page, axe, shoot)
    read_on_a_phone(page, axe, shoot)


def read_on_a_computer(page: Page, axe, shoot) -> None:
    """The version in force, in both languages; the archive; version 1; the diff; the PDF and
    the feed."""
    page.goto(f"{PUBLIC}/")
    expect(page.locator("h1")).to_have_text("Privātuma politika")
    expect(page.get_by_text(f"Pēdējās izmaiņas: {TODAY}.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    assert axe(on=page) == []
    shoot("public-page", readme=True, on=page)

    navigate(page, page.get_by_role("link", name="English"))
    expect(page).to_have_url(re.compile(rf"{PUBLIC}/en/$"))
    expect(page.locator("h1")).to_have_text("Privacy Policy")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    navigate(page, page.get_by_role("link", name="Latviešu"))

    navigate(page, page.get_by_role("link", name="Iepriekšējās versijas"))
    for line in BREVO_FOR_MAILCHIMP:
        expect(page.get_by_role("table")).to_contain_text(line)
    assert axe(on=page) == []
    navigate(page, page.get_by_role("link", name="1. versija"))
    expect(page.get_by_role("note")).to_contain_text("vairs nav spēkā")
    expect(page.locator("main")).to_contain_text("Mailchimp")

    page.go_back()
    navigate(page, page.get_by_role("link", name="Skatīt izmaiņas pa vārdiem"))
    expect(page).to_have_url(re.compile(r"/diff/1/2/$"))
    expect(page.locator("del").filter(has_text="Mailchimp").first).to_be_visible()
    expect(page.locator("ins").filter(has_text="Brevo").first).to_be_visible()
    assert axe(on=page) == []
    shoot("diff", readme=True, on=page)

    page.goto(f"{PUBLIC}/")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Lejupielādēt PDF")).click()
    pdf = download.value
    assert pdf.suggested_filename == f"{TENANT}-privatuma-politika-v2.pdf"
    assert pdf.path().read_bytes().startswith(b"%PDF-")

    feed = page.request.get(f"{PUBLIC}/feed/")
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    assert "Brevo" in feed.text()
    expect(page.locator('link[type="application/atom+xml"]')).to_have_count(1)


def read_on_a_phone(page: Page, axe, shoot) -> None:
    """The policy, the archive and the diff side by side fit a phone's width and pass axe."""
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("", "versions/", "diff/1/2/?view=side"):
        page.goto(f"{PUBLIC}/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path or 'policy'} scrolls sideways by {overflow}px"
        assert axe(on=page) == []
    shoot("public-page-phone", on=page)


def test_the_wizard_works_with_the_keyboard_alone(browser_page):
    """With Tab, Shift+Tab, Enter, Space and typing only: the skip link leads past the menus,
    a step is answered and saved on to the next, a row is added to a repeating step with the
    focus waiting in it, and everything typed is saved. The focus is visible at every stop."""
    page = browser_page()
    page.emulate_media(reduced_motion="reduce")  # focus rings without transitions
    sign_up(page, OWNER)
    new_policy(page)

    skip_to_the_step(page)
    answer_the_first_step_by_keyboard(page)
    add_a_row_by_keyboard(page)

    page.reload()
    expect(field(group(page, "Kur Jūs sastopat cilvēkus"), "Interneta veikals")).to_be_checked()
    expect(field(service(page, 1), "Nosaukums (LV)")).to_have_value(
        "Interneta veikals zalaisdarzs.lv"
    )
    expect(field(service(page, 1), "Nosaukums (EN)")).to_have_value("Online shop zalaisdarzs.lv")
    expect(field(service(page, 2), "Nosaukums (LV)")).to_have_value("Klientu portāls")
    tab_to(page, button(page, "← Saglabāt un atgriezties"))
    press_and_load(page, "Enter")
    expect_heading(page, "Pārziņa dati")
    expect(field(page, "Juridiskais nosaukums")).to_have_value("Zaļais Dārzs")
    expect(field(page, "Reģistrācijas numurs")).to_have_value("40103765432")


def service(page: Page, number: int) -> Locator:
    return row(page, "Tīmekļa vietne vai pakalpojums", number)


def skip_to_the_step(page: Page) -> None:
    """The first Tab shows the skip link; Enter on it moves past the header's menus."""
    page.keyboard.press("Tab")
    expect_visible_focus(page.get_by_role("link", name="Pāriet uz saturu"))
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    menu = page.get_by_role("navigation", name="Uzņēmums")
    expect_visible_focus(menu.get_by_role("link", name="Pārskats"))


def answer_the_first_step_by_keyboard(page: Page) -> None:
    tab_to(page, field(page, "Juridiskais nosaukums"))
    page.keyboard.type("Zaļais Dārzs")
    tab_to(page, field(page, "Reģistrācijas numurs"))
    page.keyboard.type("40103765432")
    tab_to(page, button(page, "Saglabāt un turpināt"))
    press_and_load(page, "Enter")
    expect_heading(page, "Darbības joma")
    expect_message(page, "Saglabāts.")


def add_a_row_by_keyboard(page: Page) -> None:
    """Space ticks a box and presses "add"; the focus then waits in the new row's first field;
    Shift+Tab goes back to the row before."""
    shop = field(group(page, "Kur Jūs sastopat cilvēkus"), "Interneta veikals")
    tab_to(page, shop)
    page.keyboard.press("Space")
    expect(shop).to_be_checked()
    tab_to(page, field(service(page, 1), "Nosaukums (LV)"))
    page.keyboard.type("Interneta veikals zalaisdarzs.lv")
    page.keyboard.press("Tab")  # the English beside it comes next
    expect_visible_focus(field(service(page, 1), "Nosaukums (EN)"))
    page.keyboard.type("Online shop zalaisdarzs.lv")
    tab_to(page, button(page, "+ Pievienot tīmekļa vietni vai pakalpojumu"))
    press_and_load(page, "Space")

    expect_visible_focus(field(service(page, 2), "Nosaukums (LV)"))
    page.keyboard.type("Klientu portāls")
    page.keyboard.press("Shift+Tab")
    expect_visible_focus(field(service(page, 1), "Izdzēst"))
    tab_to(page, button(page, "Saglabāt", exact=True))
    press_and_load(page, "Enter")
    expect_message(page, "Saglabāts.")
