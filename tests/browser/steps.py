"""What people do in PolicyHub, as steps the browser journeys share.

Every step acts the way a person does: it finds fields by their labels and buttons by their
names, in Latvian (the interface's language by default), and checks that the action took
effect before it returns. Pages open at addresses relative to the live server (see the
`browser_page` fixture).

The company is a small garden shop, "Zaļais Dārzs": it sells online, takes payments with
Stripe and sends a newsletter with Mailchimp, later with Brevo.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import Locator, Page, expect

COMPANY = 'SIA "Zaļais Dārzs"'
TENANT = "zalais-darzs"
DOCUMENT = "privatuma-politika"
PASSWORD = "Dārza-parole-2026"
APP = f"/t/{TENANT}/documents/{DOCUMENT}"
PUBLIC = f"/p/{TENANT}/{DOCUMENT}"


@dataclass(frozen=True)
class Person:
    name: str
    email: str


OWNER = Person("Ilze Bērziņa", "ilze@zalaisdarzs.test")
EDITOR = Person("Jānis Kalniņš", "janis@zalaisdarzs.test")
LAWYER = Person("Laura Ozola", "laura@juristi.test")

# The wizard's steps in order, by their Latvian titles.
STEP_TITLES = [
    "Pārziņa dati",
    "Darbības joma",
    "Personas dati",
    "Nolūki un juridiskie pamati",
    "Saņēmēji",
    "Glabāšanas termiņi",
    "Sīkdatnes",
    "Nosūtīšana ārpus ES/EEZ",
    "Drošība",
    "Tiesības un saziņa",
    "Noslēgums",
]
CONTRACT = "Nepieciešams līguma noslēgšanai vai izpildei"


# Finding things ---------------------------------------------------------------------------


def _literal(text: str) -> str:
    """`text` as a regular expression that Playwright passes on intact ("/" included)."""
    return re.escape(text).replace("/", r"\/")


def field(scope: Page | Locator, label: str) -> Locator:
    """The form field labelled exactly `label` (a required field's label ends in "*")."""
    return scope.get_by_label(re.compile(rf"^\s*{_literal(label)}\*?\s*$"))


def both(scope: Page | Locator, label: str, latvian: str, english: str) -> None:
    """Type a text in the Latvian field and the English one beside it."""
    field(scope, f"{label} (LV)").fill(latvian)
    field(scope, f"{label} (EN)").fill(english)


def group(scope: Page | Locator, name: str) -> Locator:
    """A fieldset by its legend: a row of a repeating step, or a list of choices."""
    return scope.get_by_role("group", name=re.compile(rf"^{_literal(name)}\*?$"))


def button(scope: Page | Locator, name: str, *, exact: bool = False) -> Locator:
    """A button whose name is `name`, or (unless `exact`) starts with it."""
    if exact:
        return scope.get_by_role("button", name=name, exact=True)
    return scope.get_by_role("button", name=re.compile(rf"^{_literal(name)}"))


def tick(scope: Page | Locator, choices: str, *labels: str) -> None:
    """Tick `labels` in the list of checkboxes (or the radio button) named `choices`."""
    for label in labels:
        field(group(scope, choices), label).check()


def navigate(page: Page, control: Locator) -> None:
    """Click a link or a button that loads a page, and wait until the new page is there (so
    that what is checked next is never still the old page)."""
    with page.expect_event("domcontentloaded"):
        control.click()


def expect_message(page: Page, text: str) -> None:
    """The message PolicyHub shows after an action (its status area)."""
    expect(page.get_by_role("status")).to_contain_text(text)


def expect_heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def visit(page: Page, path: str) -> None:
    """Open `path`, unless the page is there already."""
    if urlsplit(page.url).path != path:
        page.goto(path)


def company_menu(page: Page, item: str) -> None:
    """Follow a link of the company's menu, beside every page of the app."""
    menu = page.get_by_role("navigation", name="Uzņēmums")
    navigate(page, menu.get_by_role("link", name=item, exact=True))


# Accounts, companies and members ----------------------------------------------------------


def sign_up(page: Page, person: Person) -> None:
    """A business owner creates an account and, with it, the company."""
    page.goto("/accounts/signup/")
    expect_heading(page, "Izveidot kontu")
    field(page, "Vārds un uzvārds").fill(person.name)
    field(page, "E-pasts").fill(person.email)
    field(page, "Parole").fill(PASSWORD)
    field(page, "Paroles apstiprinājums").fill(PASSWORD)
    field(page, "Uzņēmuma juridiskais nosaukums").fill(COMPANY)
    field(page, "Reģistrācijas valsts").select_option(label="Latvija")
    field(page, "Adreses nosaukums").fill(TENANT)
    navigate(page, button(page, "Izveidot kontu"))
    expect_heading(page, "Pārbaudiet savu e-pastu")
    # The account exists once the link in the e-mail is followed and confirmed.
    page.goto(link_in_mail(mail.outbox, person, "/accounts/signup/confirm/"))
    expect_heading(page, "Apstipriniet savu kontu")
    navigate(page, button(page, "Izveidot kontu"))
    expect_message(page, f"Jūsu uzņēmums {COMPANY} ir izveidots.")
    expect(page).to_have_url(re.compile(rf"/t/{TENANT}/$"))


def invite(page: Page, person: Person, role: str) -> None:
    """The owner invites `person` by e-mail from the members page; `role` as listed there."""
    if urlsplit(page.url).path != f"/t/{TENANT}/members/":
        company_menu(page, "Dalībnieki")
    invitation = page.get_by_role("region", name="Uzaicināt jaunu dalībnieku")
    field(invitation, "E-pasts").fill(person.email)
    invitation.get_by_role("radio", name=re.compile(rf"^{_literal(role)} –")).check()
    navigate(page, button(invitation, "Nosūtīt ielūgumu"))
    expect_message(page, f"Ielūgums nosūtīts uz adresi {person.email}.")
    expect(page.get_by_role("region", name="Nepieņemtie ielūgumi")).to_contain_text(person.email)


def link_in_mail(outbox, person: Person, path: str) -> str:
    """The address in the latest e-mail to `person` that leads to `path`."""
    for message in reversed(outbox):
        if person.email in message.to:
            match = re.search(rf"https?://\S+{re.escape(path)}\S*", message.body)
            if match:
                return match.group(0)
    raise AssertionError(f"no e-mail to {person.email} with a link to {path}")


def accept_invitation(page: Page, link: str, person: Person) -> None:
    """An invited person opens the link from the e-mail and creates an account with it."""
    page.goto(link)
    expect_heading(page, f"Pievienojieties uzņēmumam {COMPANY}")
    expect(page.get_by_label("E-pasts")).to_have_value(person.email)
    field(page, "Vārds un uzvārds").fill(person.name)
    field(page, "Parole").fill(PASSWORD)
    field(page, "Paroles apstiprinājums").fill(PASSWORD)
    navigate(page, button(page, "Izveidot kontu un pievienoties"))
    expect_message(page, f"Tagad Jūs esat uzņēmuma {COMPANY} komandā.")


# The wizard -------------------------------------------------------------------------------


def new_policy(page: Page) -> None:
    """From the company's overview, a new privacy policy in Latvian and English."""
    visit(page, f"/t/{TENANT}/")
    navigate(page, page.get_by_role("link", name="Jauna privātuma politika"))
    expect(field(page, "Adreses nosaukums")).to_have_value(DOCUMENT)
    expect(page.get_by_label("Versija angļu valodā")).to_be_checked()
    navigate(page, button(page, "Izveidot un sākt"))
    expect_message(page, "Dokuments izveidots.")
    expect_heading(page, STEP_TITLES[0])


def save_and_continue(page: Page) -> None:
    """Save the step and go to the next one (or, from the last, to the document's page)."""
    title = page.get_by_role("heading", level=1).inner_text()
    following = STEP_TITLES.index(title) + 1
    if following < len(STEP_TITLES):
        navigate(page, button(page, "Saglabāt un turpināt"))
        expect_heading(page, STEP_TITLES[following])
    else:
        navigate(page, button(page, "Saglabāt un pabeigt"))
        expect_heading(page, "Privātuma politika")
    expect_message(page, "Saglabāts.")


def save(page: Page) -> None:
    """Save the step and stay on it."""
    navigate(page, button(page, "Saglabāt", exact=True))
    expect_message(page, "Saglabāts.")


def open_step(page: Page, title: str) -> None:
    """Open a step from the document's page, by its name in the list of steps."""
    visit(page, f"{APP}/")
    navigate(
        page, page.get_by_role("navigation", name="Vedņa soļi").get_by_role("link", name=title)
    )
    expect_heading(page, title)


def row(page: Page, name: str, number: int) -> Locator:
    """Row `number` of a repeating step, e.g. row(page, "Nolūks", 2)."""
    return group(page, f"{name} {number}")


def fill_rows(page: Page, name: str, add: str, rows: list, fill: Callable) -> None:
    """Fill one row per item of `rows` with `fill(row, item)`, adding rows with `add`."""
    for number, item in enumerate(rows, start=1):
        if number > 1:
            navigate(page, button(page, add))
        fill(row(page, name, number), item)


def answer_controller(page: Page) -> None:
    field(page, "Juridiskais nosaukums").fill("Zaļais Dārzs")
    field(page, "Juridiskā forma").select_option(label="Sabiedrība ar ierobežotu atbildību (SIA)")
    expect(field(page, "Reģistrācijas valsts")).to_have_value("LV")
    field(page, "Reģistrācijas numurs").fill("40103765432")
    field(page, "Juridiskā adrese").fill("Dārzciema iela 60, Rīga, LV-1073")
    field(page, "E-pasts").fill("info@zalaisdarzs.lv")
    field(page, "Tīmekļa vietne").fill("https://zalaisdarzs.lv")


def answer_scope(page: Page) -> None:
    tick(page, "Kur Jūs sastopat cilvēkus", "Tīmekļa vietne", "Interneta veikals")
    tick(
        page,
        "Kuru personu datus Jūs apstrādājat",
        "Tīmekļa vietnes apmeklētāji",
        "Klienti un pircēji",
        "Jaunumu saņēmēji",
    )
    both(
        page,
        "Ar ko Jūs nodarbojaties (viens vai divi teikumi)",
        "Mēs pārdodam sēklas, stādus un dārza darbarīkus interneta veikalā zalaisdarzs.lv.",
        "We sell seeds, plants and garden tools in our online shop zalaisdarzs.lv.",
    )
    service = row(page, "Tīmekļa vietne vai pakalpojums", 1)
    both(service, "Nosaukums", "Interneta veikals zalaisdarzs.lv", "Online shop zalaisdarzs.lv")
    field(service, "Adrese").fill("https://zalaisdarzs.lv")


DATA_KINDS = [
    (
        "Kontaktinformācija",
        "vārds, uzvārds, e-pasta adrese, tālruņa numurs",
        "name, surname, e-mail address, phone number",
    ),
    (
        "Pasūtījumu dati",
        "pasūtītās preces, pasūtījuma numurs, datums un summa",
        "goods ordered, order number, date and amount",
    ),
]


def answer_data(page: Page, *, leave_out_provision_of: str | None = None) -> None:
    """Two kinds of data, given by the people themselves and needed for the contract; the
    question whether one kind must be given can be left unanswered."""

    def fill(kind: Locator, item) -> None:
        name, examples, in_english = item
        field(kind, "Datu veids").select_option(label=name)
        both(kind, "Piemēram", examples, in_english)
        tick(kind, "No kurienes dati tiek iegūti", "Datu subjekta sniegtie dati")
        if name != leave_out_provision_of:
            field(kind, "Vai cilvēkiem šie dati ir jāsniedz?").select_option(label=CONTRACT)

    fill_rows(page, "Datu veids", "+ Pievienot datu veidu", DATA_KINDS, fill)


NEWSLETTER = "Jaunumu un mārketinga e-pasta vēstuļu sūtīšana"
PURPOSES = [
    ("Pasūtījumu apstrāde", "Līguma izpilde", ["Kontaktinformācija", "Pasūtījumu dati"]),
    (NEWSLETTER, "Piekrišana", ["Kontaktinformācija"]),
]


def answer_purposes(page: Page) -> None:
    def fill(purpose: Locator, item) -> None:
        name, basis, data = item
        field(purpose, "Nolūks").select_option(label=name)
        group(purpose, "Juridiskais pamats").get_by_label(basis).check()
        tick(purpose, "Izmantotie dati", *data)

    fill_rows(page, "Nolūks", "+ Pievienot nolūku", PURPOSES, fill)


def add_from_catalogue(page: Page, name: str) -> None:
    """A recipient from the list of known services, which fills in its details."""
    page.get_by_label("Zināms pakalpojums").select_option(label=name)
    navigate(page, button(page, "Pievienot no saraksta"))
    names = page.get_by_role("textbox", name="Nosaukums vai apraksts (LV)")
    expect(names.last).to_have_value(name)
    # the catalogue fills the English too
    expect(page.get_by_role("textbox", name="Nosaukums vai apraksts (EN)").last).to_have_value(name)


def answer_recipients(page: Page) -> None:
    for name in ("Stripe", "Mailchimp"):
        add_from_catalogue(page, name)
    mailchimp = row(page, "Saņēmējs", 2)
    expect(field(mailchimp, "Juridiskā persona")).to_have_value("The Rocket Science Group LLC")
    both(mailchimp, "Tikai tad, ja", "ja abonējat mūsu jaunumus", "if you subscribe to our news")


RETENTION = [
    {
        "purpose": "Pasūtījumu apstrāde",
        "bound": "Noteikts termiņš (piemēram, 7 gadi)",
        "years": "5",
    },
    {"purpose": NEWSLETTER, "until": "Līdz piekrišanas atsaukšanai"},
]
UNTIL_EVENT = "Līdz noteiktam notikumam (piemēram, līdz konta dzēšanai)"


def answer_retention(page: Page) -> None:
    def fill(rule: Locator, item: dict) -> None:
        field(rule, "Vai nolūks").select_option(label=item["purpose"])
        if "until" in item:
            field(rule, "Termiņa veids").select_option(label=UNTIL_EVENT)
            field(rule, "Līdz").select_option(label=item["until"])
        else:
            field(rule, "Termiņa veids").select_option(label=item["bound"])
            field(rule, "Skaitlis").fill(item["years"])
            field(rule, "Mērvienība").select_option(label="gadi")
            both(
                rule,
                "Normatīvais akts, kas to nosaka",
                "Grāmatvedības likums",
                "the Accounting Law",
            )

    fill_rows(page, "Glabāšanas termiņš", "+ Pievienot glabāšanas termiņu", RETENTION, fill)


def answer_cookies(page: Page) -> None:
    tick(page, "Vai Jūsu tīmekļa vietne vai lietotne izmanto sīkdatnes?", "Jā")
    tick(page, "Sīkdatņu veidi", "Nepieciešamās sīkdatnes")
    tick(page, "Kā apmeklētāji pārvalda sīkdatnes", "Pārlūkprogrammas iestatījumi")


def answer_transfers(page: Page) -> None:
    tick(page, "Vai personas dati tiek nosūtīti ārpus ES/EEZ?", "Jā")
    page.get_by_role("listbox", name="Valstis").select_option(label="Amerikas Savienotās Valstis")
    tick(
        page,
        "Nosūtīšanas juridiskie pamati",
        "ES un ASV datu privātuma regulējums",
        "Līguma standartklauzulas",
    )


def answer_security(page: Page) -> None:
    tick(
        page,
        "Pasākumi",
        "Šifrēti savienojumi (TLS)",
        "Piekļuves ierobežojumi",
        "Dublējumkopijas",
    )


def answer_rights(page: Page) -> None:
    expect(
        field(group(page, "Norādītās tiesības"), "Piekrišanas atsaukšana jebkurā brīdī")
    ).to_be_checked()
    tick(page, "Kā cilvēki var īstenot savas tiesības", "E-pasts")
    expect(field(page, "Uzraudzības iestāde")).to_have_value("lv_dvi")


def answer_final(page: Page) -> None:
    tick(
        page,
        "Vai Jūs pieņemat lēmumus par cilvēkiem, pamatojoties tikai uz automatizētu apstrādi?",
        "Nē",
    )
    tick(
        page,
        "Kā Jūs paziņojat par izmaiņām politikā",
        "Atjauninātās versijas publicēšana tīmekļa vietnē",
    )


ANSWERS = {
    "Pārziņa dati": answer_controller,
    "Darbības joma": answer_scope,
    "Personas dati": answer_data,
    "Nolūki un juridiskie pamati": answer_purposes,
    "Saņēmēji": answer_recipients,
    "Glabāšanas termiņi": answer_retention,
    "Sīkdatnes": answer_cookies,
    "Nosūtīšana ārpus ES/EEZ": answer_transfers,
    "Drošība": answer_security,
    "Tiesības un saziņa": answer_rights,
    "Noslēgums": answer_final,
}


def fill_wizard(
    page: Page,
    *,
    on_each_step: Callable[[Page], None] | None = None,
    instead: dict[str, Callable[[Page], None]] | None = None,
) -> None:
    """Answer every step in order with "Save and continue", ending on the document's page.

    `on_each_step(page)` runs on each step as it opens, before it is answered; `instead` maps
    a step's title to another way of answering it."""
    answers = {**ANSWERS, **(instead or {})}
    for title in STEP_TITLES:
        expect_heading(page, title)
        if on_each_step:
            on_each_step(page)
        answers[title](page)
        save_and_continue(page)


def write_policy(page: Page) -> None:
    """A new privacy policy with every step answered."""
    new_policy(page)
    fill_wizard(page)
    expect(completeness(page)).to_contain_text("Ir atbildēts viss")


def completeness(page: Page) -> Locator:
    """The GDPR Art. 13 check on the document's page."""
    return page.get_by_role("region", name="VDAR 13. panta pārbaude")


def switch_newsletter_to_brevo(page: Page) -> None:
    """The newsletter moves from Mailchimp to Brevo: one recipient removed, one added."""
    open_step(page, "Saņēmēji")
    mailchimp = row(page, "Saņēmējs", 2)
    expect(field(mailchimp, "Nosaukums vai apraksts (LV)")).to_have_value("Mailchimp")
    field(mailchimp, "Izdzēst").check()
    add_from_catalogue(page, "Brevo")
    brevo = row(page, "Saņēmējs", 3)
    both(brevo, "Tikai tad, ja", "ja abonējat mūsu jaunumus", "if you subscribe to our news")
    save(page)
    expect(field(row(page, "Saņēmējs", 2), "Nosaukums vai apraksts (LV)")).to_have_value("Brevo")
    expect(row(page, "Saņēmējs", 3)).to_have_count(0)


# Review and publishing --------------------------------------------------------------------


def open_review(page: Page) -> None:
    visit(page, f"{APP}/")
    navigate(page, page.get_by_role("link", name="Pārskatīšana"))
    expect_heading(page, "Melnraksta pārskatīšana")


def review_status(page: Page) -> Locator:
    return page.get_by_role("heading", name=re.compile("^Statuss:"))


def send_for_review(page: Page, note: str = "") -> None:
    open_review(page)
    field(page, "Piezīme recenzentam (nav obligāta)").fill(note)
    navigate(page, button(page, "Nosūtīt pārskatīšanai"))
    expect_message(page, "Nosūtīts pārskatīšanai.")
    expect(review_status(page)).to_have_text("Statuss: Pārskatīšanā")


def section(page: Page, title: str) -> Locator:
    """A section of the draft on the review page, with its comments beside it."""
    text = page.get_by_role("region", name=re.compile(rf"^\d+\. {_literal(title)}"))
    return text.locator("..")  # the section's text and, beside it, its comments


def comment(page: Page, title: str, text: str) -> None:
    """A reviewer comments on the section titled `title`."""
    field(page, f"Komentārs par sadaļu „{title}”").fill(text)
    navigate(page, button(section(page, title), "Pievienot komentāru"))
    expect_message(page, "Komentārs pievienots.")
    expect(section(page, title).get_by_role("complementary")).to_contain_text(text)


def request_changes(page: Page, note: str) -> None:
    field(page, "Kas jāmaina").fill(note)
    navigate(page, button(page, "Pieprasīt izmaiņas"))
    expect_message(page, "Izmaiņas pieprasītas.")
    expect(review_status(page)).to_have_text("Statuss: Pieprasītas izmaiņas")


def approve(page: Page) -> None:
    navigate(page, button(page, "Apstiprināt šo tekstu"))
    expect_message(page, "Apstiprināts.")
    expect(review_status(page)).to_have_text("Statuss: Apstiprināts")


def open_publishing(page: Page) -> None:
    visit(page, f"{APP}/")
    navigate(page, page.get_by_role("link", name="Publicēt", exact=True))
    expect_heading(page, "Publicēt jaunu versiju")


def publish(page: Page, number: int, note: str = "", *, expect_changes=()) -> None:
    """The owner publishes the draft as version `number`, having seen `expect_changes` among
    what the new version changes."""
    open_publishing(page)
    changes = page.get_by_role("region", name="Kas mainās ar šo versiju")
    for line in expect_changes:
        expect(changes).to_contain_text(line)
    field(page, "Piezīme par šo versiju (nav obligāta)").fill(note)
    navigate(page, button(page, "Publicēt"))
    expect_message(page, f"Versija {number} publicēta.")
    expect_heading(page, "Publicētās versijas")
