"""The policy in Latvian: our own wording, in the form of address the document chose."""

from policies.choices import (
    AutomatedGround,
    ChangeNoticeMethod,
    CookieCategory,
    CookieParty,
    DataSubjectCategory,
    DataSubjectRight,
    InterestHolder,
    LegalBasis,
    LegalForm,
    ProvisionRequirement,
    RecipientRole,
    RetentionTrigger,
    SecurityMeasure,
    SpecialCondition,
    TitleVariant,
    TransferMechanism,
)
from policies.render.sentences import (
    Sentences,
    fragment,
    is_sentence,
    lcfirst,
    sentence,
)

TITLES = {
    TitleVariant.PRIVACY_POLICY: "Privātuma politika",
    TitleVariant.CONFIDENTIALITY_POLICY: "Konfidencialitātes politika",
    TitleVariant.PROCESSING_RULES: "Personas datu apstrādes noteikumi",
}
# The document's name in the cases a sentence needs: "šajā privātuma politikā", "šo ...".
DOCUMENT = {
    TitleVariant.PRIVACY_POLICY: {
        "loc": "šajā privātuma politikā",
        "acc": "šo privātuma politiku",
        "archive": "politikas arhīvā",
        "changes": "Izmaiņas privātuma politikā",
        "applies": "Šī politika attiecas",
    },
    TitleVariant.CONFIDENTIALITY_POLICY: {
        "loc": "šajā konfidencialitātes politikā",
        "acc": "šo konfidencialitātes politiku",
        "archive": "politikas arhīvā",
        "changes": "Izmaiņas konfidencialitātes politikā",
        "applies": "Šī politika attiecas",
    },
    TitleVariant.PROCESSING_RULES: {
        "loc": "šajos personas datu apstrādes noteikumos",
        "acc": "šos noteikumus",
        "archive": "noteikumu arhīvā",
        "changes": "Izmaiņas personas datu apstrādes noteikumos",
        "applies": "Šie noteikumi attiecas",
    },
}
PREFIX_FORMS = {
    LegalForm.SIA: "SIA",
    LegalForm.AS: "AS",
    LegalForm.IK: "IK",
    LegalForm.PS: "PS",
    LegalForm.KS: "KS",
    LegalForm.BIEDRIBA: "biedrība",
    LegalForm.NODIBINAJUMS: "nodibinājums",
    LegalForm.LT_UAB: "UAB",
}
SUFFIX_FORMS = {LegalForm.EE_OU: "OÜ", LegalForm.EE_AS: "AS"}
HEADINGS = {
    "summary": "Īsumā",
    "controller": "Pārzinis un saziņa",
    "data": "Kādus personas datus apstrādājam",
    "purposes": "Apstrādes nolūki un juridiskie pamati",
    "recipients": "Personas datu saņēmēji",
    "transfers": "Datu nosūtīšana ārpus ES un EEZ",
    "retention": "Datu glabāšanas termiņi",
    "rights": "Jūsu tiesības",
    "objection": "Tiesības iebilst",
    "complaint": "Sūdzības uzraudzības iestādei",
    "cookies": "Sīkdatnes",
    "security": "Datu drošība",
    "children": "Bērni un vecuma ierobežojums",
    "automated": "Automatizēti lēmumi un profilēšana",
}
LETTERS = "abcdefghij"


def article(number: int, paragraph: int | None = None, letter: str | None = None) -> str:
    """“VDAR 6. panta 1. punkta a) apakšpunkts”, “VDAR 45. pants”."""
    if paragraph is None:
        return f"VDAR {number}. pants"
    if letter is None:
        return f"VDAR {number}. panta {paragraph}. punkts"
    return f"VDAR {number}. panta {paragraph}. punkta {letter}) apakšpunkts"


BASES = {
    LegalBasis.CONSENT: f"piekrišana ({article(6, 1, 'a')})",
    LegalBasis.CONTRACT: f"līguma noslēgšana un izpilde ({article(6, 1, 'b')})",
    LegalBasis.LEGAL_OBLIGATION: (
        f"mums piemērojama juridiska pienākuma izpilde ({article(6, 1, 'c')})"
    ),
    LegalBasis.VITAL_INTERESTS: (
        "datu subjekta vai citas fiziskas personas vitālo interešu aizsardzība "
        f"({article(6, 1, 'd')})"
    ),
    LegalBasis.PUBLIC_TASK: (
        "sabiedrības interesēs veicama uzdevuma izpilde vai oficiālo pilnvaru īstenošana "
        f"({article(6, 1, 'e')})"
    ),
}
INTERESTS = {
    InterestHolder.CONTROLLER: "mūsu leģitīmās intereses",
    InterestHolder.THIRD_PARTY: "trešās personas leģitīmās intereses",
    InterestHolder.BOTH: "mūsu un trešās personas leģitīmās intereses",
}
SPECIAL = {
    SpecialCondition.EXPLICIT_CONSENT: ("ar nepārprotamu piekrišanu", "a"),
    SpecialCondition.EMPLOYMENT: (
        "lai izpildītu darba, sociālā nodrošinājuma un sociālās aizsardzības tiesībās noteiktos "
        "pienākumus",
        "b",
    ),
    SpecialCondition.VITAL_INTERESTS: (
        "lai aizsargātu datu subjekta vai citas personas vitālās intereses, ja piekrišanu "
        "nav iespējams saņemt",
        "c",
    ),
    SpecialCondition.NOT_FOR_PROFIT: (
        "bezpeļņas organizācijas likumīgās darbības ietvaros attiecībā uz tās biedriem",
        "d",
    ),
    SpecialCondition.MADE_PUBLIC: ("jo datu subjekts tos ir acīmredzami publiskojis", "e"),
    SpecialCondition.LEGAL_CLAIMS: (
        "lai celtu, īstenotu vai aizstāvētu likumīgas prasības",
        "f",
    ),
    SpecialCondition.PUBLIC_INTEREST: (
        "būtisku sabiedrības interešu dēļ, pamatojoties uz tiesību aktiem",
        "g",
    ),
    SpecialCondition.HEALTH_CARE: ("veselības vai sociālās aprūpes nolūkos", "h"),
    SpecialCondition.PUBLIC_HEALTH: ("sabiedrības veselības jomā", "i"),
    SpecialCondition.ARCHIVING: (
        "arhivēšanas, zinātniskās vai vēstures pētniecības vai statistikas nolūkos",
        "j",
    ),
}
MECHANISMS_SHORT = {
    TransferMechanism.ADEQUACY: "lēmums par aizsardzības līmeņa pietiekamību",
    TransferMechanism.EU_US_DPF: "ES un ASV datu privātuma regulējums",
    TransferMechanism.SCC: "līguma standartklauzulas",
    TransferMechanism.BCR: "saistošie uzņēmuma noteikumi",
    TransferMechanism.DEROGATION: "atkāpe īpašā situācijā",
}
MECHANISMS = {
    TransferMechanism.ADEQUACY: (
        f"Eiropas Komisijas lēmums par aizsardzības līmeņa pietiekamību ({article(45)})"
    ),
    TransferMechanism.EU_US_DPF: (
        "ES un ASV datu privātuma regulējums (Eiropas Komisijas 2023. gada 10. jūlija "
        "Īstenošanas lēmums (ES) 2023/1795 par aizsardzības līmeņa pietiekamību; "
        f"{article(45)})"
    ),
    TransferMechanism.SCC: (
        "Eiropas Komisijas apstiprinātās līguma standartklauzulas (Īstenošanas lēmums (ES) "
        f"2021/914; {article(46, 2, 'c')})"
    ),
    TransferMechanism.BCR: f"saistošie uzņēmuma noteikumi ({article(47)})",
    TransferMechanism.DEROGATION: f"atkāpe īpašā situācijā ({article(49)})",
}
TRIGGERS = {
    RetentionTrigger.WHILE_ACCOUNT_ACTIVE: "kamēr konts ir aktīvs",
    RetentionTrigger.UNTIL_ACCOUNT_DELETION: "līdz konta dzēšanai",
    RetentionTrigger.UNTIL_CONSENT_WITHDRAWN: "līdz piekrišanas atsaukšanai",
    RetentionTrigger.UNTIL_OPT_OUT: "līdz atteikumam saņemt ziņojumus",
    RetentionTrigger.LEGAL_REQUIREMENT: "tik ilgi, cik to prasa normatīvie akti",
    RetentionTrigger.AS_LONG_AS_NECESSARY: "tik ilgi, cik nepieciešams nolūka sasniegšanai",
    RetentionTrigger.LIMITATION_PERIOD: "līdz prasījumu noilguma termiņa beigām",
}
# Words after which a note follows a period without a comma: "līdz 3 mēnešiem pēc ...".
ATTACHED = ("pēc ", "no ", "kopš ", "par ", "katra ", "katram ", "vai ", "un ")
ROLES = {
    RecipientRole.PROCESSOR: "apstrādātājs",
    RecipientRole.CONTROLLER: "neatkarīgs pārzinis",
    RecipientRole.JOINT_CONTROLLER: "kopīgs pārzinis",
    RecipientRole.AUTHORITY: "valsts iestāde",
    RecipientRole.SUCCESSOR_OR_GROUP: "cits uzņēmums (pakalpojuma nepārtrauktībai)",
    RecipientRole.OTHER_WITH_CONSENT: "ar Jūsu piekrišanu vai pēc Jūsu norādījuma",
}
COOKIE_CATEGORIES = {
    CookieCategory.NECESSARY: "nepieciešamās sīkdatnes – nodrošina tīmekļa vietnes darbību",
    CookieCategory.PREFERENCES: "preferenču sīkdatnes – atceras izvēlētos iestatījumus",
    CookieCategory.STATISTICS: (
        "statistikas sīkdatnes – palīdz saprast, kā apmeklētāji lieto tīmekļa vietni"
    ),
    CookieCategory.MARKETING: "mārketinga sīkdatnes – ļauj rādīt atbilstošas reklāmas",
}
COOKIE_KINDS = {
    CookieCategory.NECESSARY: "nepieciešamā",
    CookieCategory.PREFERENCES: "preferenču",
    CookieCategory.STATISTICS: "statistikas",
    CookieCategory.MARKETING: "mārketinga",
}
NOTICES = {
    ChangeNoticeMethod.WEBSITE: "publicējot jauno versiju tīmekļa vietnē",
    ChangeNoticeMethod.EMAIL: "nosūtot e-pastu",
    ChangeNoticeMethod.IN_APP: "ar paziņojumu lietotnē",
}
GROUNDS = {
    AutomatedGround.CONTRACT: (
        "tie ir nepieciešami līguma noslēgšanai vai izpildei",
        article(22, 2, "a"),
    ),
    AutomatedGround.LAW: ("tos atļauj normatīvie akti", article(22, 2, "b")),
    AutomatedGround.EXPLICIT_CONSENT: (
        "esat devuši nepārprotamu piekrišanu",
        article(22, 2, "c"),
    ),
}


class Latvian(Sentences):
    language = "lv"
    AND = "un"
    AS_WELL_AS = ", kā arī"
    OR = "vai"
    QUOTES = ("„", "”")
    PREFIX_FORMS = PREFIX_FORMS
    SUFFIX_FORMS = SUFFIX_FORMS

    def _document(self, case: str) -> str:
        return DOCUMENT[self.variant][case]

    def title(self) -> str:
        return TITLES[self.variant]

    def heading(self, key: str) -> str:
        if key == "rights":
            return self.you("Jūsu tiesības", "Tavas tiesības")
        if key == "changes":
            return self._document("changes")
        return HEADINGS[key]

    def intro(self, name: str) -> str:
        where = self._document("loc")
        return self.you(
            f"{where[:1].upper()}{where[1:]} {name} (turpmāk – mēs) skaidro, kā mēs apstrādājam "
            "Jūsu personas datus un kādas tiesības Jums ir.",
            f"{where[:1].upper()}{where[1:]} {name} (turpmāk – mēs) skaidro, kā mēs apstrādājam "
            "tavus personas datus un kādas tiesības tev ir.",
        )

    def law(self, latvian: bool) -> str:
        text = (
            "Personas datu apstrādi regulē Vispārīgā datu aizsardzības regula (VDAR) – Eiropas "
            "Parlamenta un Padomes Regula (ES) 2016/679"
        )
        return text + (", kā arī Fizisko personu datu apstrādes likums." if latvian else ".")

    # -- summary ----------------------------------------------------------------------------------

    def summary_controller(self, name: str, email: str) -> str:
        return self.you(
            f"Jūsu personas datus apstrādā {name}; ar mums varat sazināties, rakstot uz {email}.",
            f"Tavus personas datus apstrādā {name}; ar mums vari sazināties, rakstot uz {email}.",
        )

    def summary_data(self, names: list[str]) -> str:
        return f"Apstrādājam šādus datus: {self.join(self.lower(names))}." if names else ""

    def summary_purposes(self, names: list[str]) -> str:
        if not names:
            return ""
        return f"Datus izmantojam šādiem nolūkiem: {self.join(self.lower(names))}."

    def summary_recipients(self, names: list[str]) -> str:
        if not names:
            return (
                "Datus nenododam nevienam ārpus mūsu uzņēmuma, ja vien to neprasa normatīvie akti."
            )
        return f"Datus saņem: {self.join(names)}."

    def summary_transfers(self, countries: list[str]) -> str:
        if not countries:
            return (
                "Daļa datu var tikt nosūtīta uz valstīm ārpus ES un EEZ, ievērojot VDAR prasības."
            )
        word = "šī valsts ir" if len(countries) == 1 else "šīs valstis ir"
        return (
            "Daļa datu tiek nosūtīta uz valstīm ārpus ES un EEZ ar VDAR noteiktiem "
            f"aizsardzības pasākumiem; {word} {self.join(countries)}."
        )

    def summary_retention(self, longest) -> str:
        text = "Datus glabājam tikai tik ilgi, cik tas nepieciešams katram nolūkam"
        if longest:
            period, subject = longest
            return f"{text}; ilgākais termiņš – {period} ({lcfirst(subject)})."
        return text + "."

    def summary_rights(self) -> str:
        return self.you(
            "Jums ir tiesības piekļūt saviem datiem, labot un dzēst tos, ierobežot to apstrādi, "
            "saņemt tos pārnešanai citam pārzinim un iesniegt sūdzību uzraudzības iestādei.",
            "Tev ir tiesības piekļūt saviem datiem, labot un dzēst tos, ierobežot to apstrādi, "
            "saņemt tos pārnešanai citam pārzinim un iesniegt sūdzību uzraudzības iestādei.",
        )

    def summary_objection(self) -> str:
        return self.you(
            "Pret tiešo tirgvedību varat iebilst jebkurā brīdī un bez pamatojuma, bet pret "
            "apstrādi mūsu leģitīmajās interesēs – savas īpašās situācijas dēļ.",
            "Pret tiešo tirgvedību vari iebilst jebkurā brīdī un bez pamatojuma, bet pret "
            "apstrādi mūsu leģitīmajās interesēs – savas īpašās situācijas dēļ.",
        )

    # -- controller ---------------------------------------------------------------------------

    def controller_identity(self, name: str, number: str, address: str) -> str:
        return (
            f"Personas datu pārzinis ir {name}, reģistrācijas numurs {number}, juridiskā "
            f"adrese: {address}."
        )

    def vat(self, number: str) -> str:
        return f"PVN maksātāja numurs: {number}."

    def by_email(self, email: str) -> str:
        return f"pa e-pastu {email}"

    def by_phone(self, phone: str) -> str:
        return f"pa tālruni {phone}"

    def by_contact_page(self, url: str) -> str:
        return f"izmantojot kontaktinformācijas lapu {url}"

    def contacts(self, ways: list[str]) -> str:
        return self.you(
            f"Ar mums varat sazināties {self.either(ways)}.",
            f"Ar mums vari sazināties {self.either(ways)}.",
        )

    def website(self, url: str) -> str:
        return f"Mūsu tīmekļa vietne: {url}."

    def privacy_contact(self, email: str, role: str) -> str:
        if role:
            return (
                f"Jautājumus par personas datu aizsardzību izskata {fragment(role)}; "
                f"{self.you('rakstiet', 'raksti')} uz {email}."
            )
        return (
            f"Jautājumos par personas datu aizsardzību {self.you('rakstiet', 'raksti')} uz {email}."
        )

    def brand(self, brand: str, name: str) -> str:
        return f"{brand} ir {name} zīmols."

    def service(self, name: str, url: str) -> str:
        return f"{name} ({url})" if url else name

    def services_lead(self, count: int) -> str:
        applies = self._document("applies")
        if count == 1:
            return f"{applies} uz šo mūsu pakalpojumu:"
        return f"{applies} uz šādiem mūsu pakalpojumiem:"

    def dpo(self, name: str, ways: list[str]) -> str:
        if name and ways:
            return (
                f"Mūsu datu aizsardzības speciālists ir {name}; ar viņu var sazināties "
                f"{self.either(ways)}."
            )
        if name:
            return f"Mūsu datu aizsardzības speciālists ir {name}."
        return f"Ar mūsu datu aizsardzības speciālistu var sazināties {self.either(ways)}."

    def representative(self, text: str) -> str:
        return f"Mūsu pārstāvis Eiropas Savienībā ({article(27)}) ir {fragment(text)}."

    def as_processor(self) -> str:
        return (
            "Datus, ko mūsu klienti paši ievada mūsu pakalpojumā, mēs apstrādājam kā "
            f"apstrādātājs klientu uzdevumā ({article(28)}); par šiem datiem kā pārzinis atbild "
            "attiecīgais klients, un uz tiem attiecas klienta privātuma politika."
        )

    def as_processor_note(self, note: str) -> str:
        if is_sentence(note):
            return note
        return f"Tie ir, piemēram, {fragment(note)}."

    # -- data ---------------------------------------------------------------------------------

    def subject_label(self, code) -> str:
        return lcfirst(self.label(DataSubjectCategory(code)))

    def data_subjects(self, labels: list[str]) -> str:
        return f"Personas, kuru datus apstrādājam, ir {self.join(labels)}."

    def data_lead(self) -> str:
        return "Mēs apstrādājam šādus personas datus:"

    def data_item(self, name: str, examples: str, condition: str) -> str:
        text = name
        if examples and is_sentence(examples):
            text += f". {examples}"
        elif examples:
            examples = fragment(examples)
            if examples.lower().startswith(name.lower()):  # the answer names the data itself
                text = self.capital(examples)
            elif examples.lower().startswith("piemēram"):
                text += f", {examples}"
            else:
                text += f", piemēram, {examples}"
        if condition:
            text += f" ({fragment(condition)})" if not is_sentence(condition) else f". {condition}"
        return text

    def sources_lead(self) -> str:
        return "Datus iegūstam:"

    def source_person(self, names: list[str]) -> str:
        who = self.you("no Jums pašiem", "no tevis paša")
        return f"{who} – {self.join(self.lower(names))}"

    def source_online(self, names: list[str]) -> str:
        when = self.you(
            "automātiski, Jums lietojot mūsu tīmekļa vietni vai pakalpojumus",
            "automātiski, tev lietojot mūsu tīmekļa vietni vai pakalpojumus",
        )
        return f"{when} – {self.join(self.lower(names))}"

    def source_cameras(self, names: list[str]) -> str:
        return f"ar videonovērošanas kamerām mūsu telpās – {self.join(self.lower(names))}"

    def source_processors(self, pairs) -> str:
        found = [f"{lcfirst(name)} ({', '.join(who)})" for name, who in pairs]
        return f"ar mūsu apstrādātāju starpniecību – {self.join(found)}"

    def source_third_parties(self, pairs) -> str:
        found = [f"{lcfirst(n)} ({', '.join(who)})" if who else lcfirst(n) for n, who in pairs]
        return f"no trešajām personām – {self.join(found)}"

    def source_public(self, names: list[str]) -> str:
        return f"no publiski pieejamiem avotiem – {self.join(self.lower(names))}"

    def provision_lead(self) -> str:
        return self.you(
            "Vai datus ir pienākums sniegt un kas notiek, ja Jūs tos nesniedzat:",
            "Vai datus ir pienākums sniegt un kas notiek, ja tu tos nesniedz:",
        )

    def provision_head(self) -> list[str]:
        return ["Dati", "Vai tie jāsniedz", self.you("Ja tos nesniedzat", "Ja tos nesniedz")]

    def provision(self, requirement: str) -> list[str]:
        if requirement == ProvisionRequirement.STATUTORY:
            return [
                "to prasa normatīvie akti",
                "nevaram izpildīt normatīvajos aktos noteikto pienākumu un sniegt pakalpojumu",
            ]
        if requirement == ProvisionRequirement.CONTRACTUAL:
            return [
                "šie dati ir nepieciešami līguma noslēgšanai un izpildei",
                "nevaram noslēgt vai izpildīt līgumu",
            ]
        return ["šo datu sniegšana ir brīvprātīga", "nelabvēlīgu seku nav"]

    def special_lead(self) -> str:
        return f"Apstrādājam arī īpašu kategoriju personas datus ({article(9)}):"

    def special_item(self, name: str, condition: str) -> str:
        if condition not in SPECIAL:
            return name
        words, letter = SPECIAL[condition]
        return f"{name} – {words} ({article(9, 2, letter)})"

    # -- purposes -----------------------------------------------------------------------------

    def purposes_lead(self) -> str:
        return "Personas datus apstrādājam šādiem nolūkiem un uz šādiem juridiskajiem pamatiem:"

    def basis(self, code: str, holder: str) -> str:
        if code == LegalBasis.LEGITIMATE_INTERESTS:
            return f"{INTERESTS.get(holder, INTERESTS['controller'])} ({article(6, 1, 'f')})"
        return BASES[code]

    def purpose_item(self, *, name, description, bases, interest, data) -> str:
        text = name
        if description:
            own = fragment(description)
            text += f". {description}" if is_sentence(description) else f" ({own})"
            text = text if text.endswith(".") else text + "."
        else:
            text += "."
        word = "Juridiskais pamats" if len(bases) == 1 else "Juridiskie pamati"
        text += f" {word} – {self.join(bases)}"
        if interest:
            text += f". {interest}" if is_sentence(interest) else f", proti, {fragment(interest)}"
        text += "" if text.endswith(".") else "."
        if data:
            text += f" Izmantotie dati: {self.join(self.lower(data))}."
        return text

    def withdrawal_lead(self) -> str:
        return self.you(
            "Piekrišanu varat atsaukt jebkurā brīdī; tas neietekmē apstrādes likumību līdz "
            f"atsaukumam ({article(7, 3)}):",
            "Piekrišanu vari atsaukt jebkurā brīdī; tas neietekmē apstrādes likumību līdz "
            f"atsaukumam ({article(7, 3)}):",
        )

    def withdrawal(self, name: str, way: str) -> str:
        return f"{name} – {way}"

    def way_unsubscribe(self, email: str) -> str:
        return f"izmantojot atteikšanās saiti katras vēstules beigās vai rakstot uz {email}"

    def way_cookie_settings(self) -> str:
        return "mainot izvēli sīkdatņu iestatījumos mūsu tīmekļa vietnē"

    def way_write(self, email: str) -> str:
        return f"rakstot uz {email}"

    # -- recipients and transfers -------------------------------------------------------------

    def no_recipients(self) -> str:
        return (
            "Personas datus nenododam nevienam ārpus mūsu uzņēmuma, izņemot gadījumus, kad to "
            "prasa normatīvie akti."
        )

    def recipients_lead(self) -> str:
        return "Personas datus saņem šādi saņēmēji:"

    def recipients_head(self) -> list[str]:
        return ["Saņēmējs", "Nolūks", "Loma", "Valsts", "Pamats nosūtīšanai ārpus ES/EEZ"]

    def recipient(self, name, entity) -> str:
        return f"{name} ({entity})" if entity and entity != name else name

    def recipient_purpose(self, purpose, condition) -> str:
        text = fragment(purpose) if purpose else ""
        if condition:
            text = f"{text}, {fragment(condition)}" if text else fragment(condition)
        return text

    def role(self, code: str) -> str:
        if code == RecipientRole.OTHER_WITH_CONSENT:
            return self.you(ROLES[code], "ar tavu piekrišanu vai pēc tava norādījuma")
        return ROLES[code]

    def various_countries(self) -> str:
        return "dažādas valstis"

    def within_eea(self) -> str:
        return "nav vajadzīgs (ES/EEZ)"

    def mechanisms_short(self, codes) -> str:
        return self.join([MECHANISMS_SHORT[c] for c in codes]) or "nav norādīts"

    def mechanisms_full(self, codes) -> str:
        return self.join([MECHANISMS[c] for c in codes])

    def processors_bound(self) -> str:
        return (
            f"Ar apstrādātājiem esam noslēguši līgumus ({article(28, 3)}), kas tiem uzliek "
            "pienākumu aizsargāt datus un apstrādāt tos tikai saskaņā ar mūsu norādījumiem."
        )

    def joint(self, name: str) -> str:
        return f"{name} – kopīgs pārzinis kopā ar mums ({article(26)})."

    def arrangement(self, text: str) -> str:
        if is_sentence(text):
            return text
        return f"Mūsu vienošanās būtība – {fragment(text)}."

    def no_transfers(self) -> str:
        return (
            "Personas datus nenosūtām uz valstīm ārpus Eiropas Savienības (ES) un Eiropas "
            "Ekonomikas zonas (EEZ)."
        )

    def transfers_lead(self, possible: bool, countries: list[str]) -> str:
        verb = "var tikt nosūtīta" if possible else "tiek nosūtīta"
        text = (
            f"Daļa personas datu {verb} uz valstīm ārpus Eiropas Savienības (ES) un Eiropas "
            "Ekonomikas zonas (EEZ)"
        )
        if countries:
            word = "Šī valsts ir" if len(countries) == 1 else "Šīs valstis ir"
            return f"{text}. {word} {self.join(countries)}."
        return text + "."

    def transfer_grounds_lead(self) -> str:
        return "Nosūtīšanas pamats katram saņēmējam:"

    def transfer_item(self, recipients: list[str], mechanisms: str) -> str:
        return f"{self.join(recipients)}: {mechanisms}"

    def transfer_grounds(self, mechanisms: str) -> str:
        return f"Nosūtīšanas pamats – {mechanisms}."

    def safeguards_copy(self, email: str) -> str:
        return self.you(
            f"Piemēroto aizsardzības pasākumu kopiju varat saņemt, rakstot uz {email}.",
            f"Piemēroto aizsardzības pasākumu kopiju vari saņemt, rakstot uz {email}.",
        )

    # -- retention ----------------------------------------------------------------------------

    def trigger(self, code: str) -> str:
        return TRIGGERS[code]

    def retention_rule(self, *, period: str, note: str, law: str) -> str:
        text = period
        if note:
            note = fragment(note) if not is_sentence(note) else note
            if is_sentence(note):
                text = sentence(text) + f" {note}"
            elif note.lower().startswith(ATTACHED):
                text += f" {note}"
            else:
                text += f", {note}"
        if law:
            text = text.rstrip(".") + f" ({fragment(law)})"
        return text

    def retention_lead(self) -> str:
        return "Personas datus glabājam tikai tik ilgi, cik tas nepieciešams attiecīgajam nolūkam:"

    def retention_item(self, subjects: list[str], words: str) -> str:
        text = f"{self.join(subjects)}: {words}"
        return text if text.endswith(".") else text + "."

    def retention_end(self) -> str:
        return "Kad glabāšanas termiņš beidzas, datus dzēšam vai anonimizējam."

    # -- rights -------------------------------------------------------------------------------

    def rights_lead(self) -> str:
        return self.you(
            "Saskaņā ar VDAR Jums ir šādas tiesības:", "Saskaņā ar VDAR tev ir šādas tiesības:"
        )

    def right(self, code: str) -> str:
        you = self.you
        return {
            DataSubjectRight.ACCESS: (
                f"Datu subjekta piekļuves tiesības ({article(15)}) – "
                + you(
                    "varat saņemt apstiprinājumu, vai apstrādājam Jūsu personas datus, "
                    "piekļūt tiem un saņemt to kopiju",
                    "vari saņemt apstiprinājumu, vai apstrādājam tavus personas datus, "
                    "piekļūt tiem un saņemt to kopiju",
                )
            ),
            DataSubjectRight.RECTIFICATION: (
                f"Tiesības labot ({article(16)}) – "
                + you("varat", "vari")
                + " pieprasīt, lai bez nepamatotas kavēšanās labojam neprecīzus datus un "
                "papildinām nepilnīgus"
            ),
            DataSubjectRight.ERASURE: (
                f"Tiesības uz dzēšanu („tiesības tikt aizmirstam”) ({article(17)}) – "
                + you("varat", "vari")
                + " pieprasīt, lai dzēšam datus, piemēram, ja tie vairs nav vajadzīgi "
                "nolūkam, kādam tos ieguvām, vai ja piekrišana ir atsaukta"
            ),
            DataSubjectRight.RESTRICTION: (
                f"Tiesības ierobežot apstrādi ({article(18)}) – "
                + you("varat", "vari")
                + " pieprasīt, lai datus uz laiku tikai glabājam un citādi neapstrādājam, "
                "piemēram, kamēr pārbaudām to precizitāti"
            ),
            DataSubjectRight.NOTIFICATION: (
                "Paziņošanas pienākums attiecībā uz personas datu labošanu vai dzēšanu vai "
                f"apstrādes ierobežošanu ({article(19)}) – par katru datu labošanu, dzēšanu vai "
                "apstrādes ierobežošanu paziņojam ikvienam saņēmējam, kam dati izpausti, ja vien "
                "tas nav neiespējami vai neprasa nesamērīgas pūles; pēc "
                + you("Jūsu pieprasījuma Jūs", "tava pieprasījuma tevi")
                + " informējam par šiem saņēmējiem"
            ),
            DataSubjectRight.PORTABILITY: (
                f"Tiesības uz datu pārnesamību ({article(20)}) – datus, ko "
                + you("esat mums snieguši", "esi mums sniedzis")
                + " un ko apstrādājam automatizēti uz piekrišanas vai līguma pamata, "
                + you("varat", "vari")
                + " saņemt strukturētā, plaši izmantotā un mašīnlasāmā formātā, kā arī nodot "
                "tos citam pārzinim"
            ),
            DataSubjectRight.OBJECT: (
                f"Tiesības iebilst ({article(21)}) – skaidrotas nākamajā sadaļā „Tiesības iebilst”"
            ),
            DataSubjectRight.OBJECT_DIRECT_MARKETING: "",  # in the section on objecting
            DataSubjectRight.AUTOMATED_DECISIONS: (
                "Tiesības saistībā ar automatizētu individuālu lēmumu pieņemšanu, tostarp "
                f"profilēšanu ({article(22)}) – tiesības nebūt tāda lēmuma subjektam, kura "
                "pamatā ir tikai automatizēta apstrāde un kas "
                + you(
                    "Jums rada tiesiskas sekas vai līdzīgi būtiski ietekmē Jūs",
                    "tev rada tiesiskas sekas vai līdzīgi būtiski ietekmē tevi",
                )
            ),
            DataSubjectRight.WITHDRAW_CONSENT: (
                f"Tiesības atsaukt piekrišanu ({article(7, 3)}) – piekrišanu "
                + you("varat", "vari")
                + " atsaukt jebkurā brīdī, un tas neietekmē apstrādes likumību līdz atsaukumam"
            ),
            DataSubjectRight.COMPLAINT: (
                f"Tiesības iesniegt sūdzību uzraudzības iestādei ({article(77)}) – skaidrotas "
                "sadaļā „Sūdzības uzraudzības iestādei”"
            ),
            DataSubjectRight.JUDICIAL_REMEDY: (
                "Tiesības uz efektīvu tiesību aizsardzību tiesā pret pārzini vai apstrādātāju "
                f"({article(79)}) – "
                + you("varat", "vari")
                + " vērsties tiesā, ja "
                + you("uzskatāt, ka Jūsu", "uzskati, ka tavas")
                + " tiesības ir pārkāptas"
            ),
        }[code]

    def exercise(self, ways: list[str]) -> str:
        return self.you(
            f"Savas tiesības varat īstenot, {self.either(ways)}.",
            f"Savas tiesības vari īstenot, {self.either(ways)}.",
        )

    def channel_email(self, email: str) -> str:
        return f"rakstot uz e-pastu {email}"

    def channel_contact_page(self, url: str) -> str:
        return f"izmantojot kontaktinformācijas lapu {url}" if url else "izmantojot kontaktformu"

    def channel_account(self, name: str) -> str:
        return f"savā kontā sadaļā „{name}”" if name else "savā kontā"

    def channel_cookie_settings(self) -> str:
        return "mainot sīkdatņu iestatījumus mūsu tīmekļa vietnē"

    def channel_post(self, address: str) -> str:
        return f"rakstot uz adresi {address}"

    def channel_in_person(self, address: str) -> str:
        return f"klātienē – {address}"

    def channel_phone(self, phone: str) -> str:
        return f"zvanot pa tālruni {phone}" if phone else "pa tālruni"

    def deadline(self) -> str:
        return (
            "Uz pieprasījumu atbildam bez nepamatotas kavēšanās, ne vēlāk kā viena mēneša laikā "
            "pēc tā saņemšanas. Ņemot vērā pieprasījumu sarežģītību un skaitu, šo termiņu "
            "vajadzības gadījumā varam pagarināt vēl par diviem mēnešiem; par to "
            + self.you("Jūs", "tevi")
            + " informēsim viena mēneša laikā, norādot kavēšanās iemeslus "
            f"({article(12, 3)})."
        )

    def identity_check(self) -> str:
        return self.you(
            "Lai Jūsu datus neizpaustu citai personai, varam lūgt apliecināt Jūsu identitāti.",
            "Lai tavus datus neizpaustu citai personai, varam lūgt apliecināt tavu identitāti.",
        )

    def object_general(self, grounds: bool) -> str:
        if not grounds:
            return (
                "Mēs neapstrādājam personas datus, pamatojoties uz leģitīmajām interesēm vai "
                "sabiedrības interesēs veicamu uzdevumu; ja tas mainīsies, "
                + self.you("Jums", "tev")
                + f" būs tiesības pret šādu apstrādi iebilst ({article(21, 1)})."
            )
        return (
            self.you("Jums", "Tev")
            + " ir tiesības, pamatojoties uz "
            + self.you("Jūsu", "tavu")
            + " īpašo situāciju, jebkurā brīdī iebilst pret personas datu apstrādi, kuras "
            "pamatā ir leģitīmās intereses vai sabiedrības interesēs veicams uzdevums, tostarp "
            "pret profilēšanu. Tad datus vairs neapstrādājam, ja vien nepierādām, ka apstrādei "
            "ir pārliecinoši leģitīmi iemesli, kas ir svarīgāki par "
            + self.you("Jūsu", "tavām")
            + " interesēm, tiesībām un brīvībām, vai ka tā vajadzīga likumīgu prasību celšanai, "
            f"īstenošanai vai aizstāvēšanai ({article(21, 1)}). Tas attiecas uz šādiem "
            "nolūkiem:"
        )

    def object_marketing(self) -> str:
        return self.you(
            "Pret personas datu apstrādi tiešās tirgvedības nolūkos, tostarp profilēšanu, "
            "ciktāl tā saistīta ar tiešo tirgvedību, varat iebilst jebkurā brīdī un bez "
            "pamatojuma; tad datus šiem nolūkiem vairs neapstrādājam "
            "(VDAR 21. panta 2. un 3. punkts).",
            "Pret personas datu apstrādi tiešās tirgvedības nolūkos, tostarp profilēšanu, "
            "ciktāl tā saistīta ar tiešo tirgvedību, vari iebilst jebkurā brīdī un bez "
            "pamatojuma; tad datus šiem nolūkiem vairs neapstrādājam "
            "(VDAR 21. panta 2. un 3. punkts).",
        )

    def object_how(self, email: str, newsletter: bool) -> str:
        ways = [f"rakstot uz {email}"]
        if newsletter:
            ways.insert(0, "izmantojot atteikšanās saiti katras mūsu vēstules beigās")
        return self.you(
            f"Iebilst varat, {self.either(ways)}.", f"Iebilst vari, {self.either(ways)}."
        )

    # -- complaints ---------------------------------------------------------------------------

    def authority_name(self, authority) -> str:
        return authority.name_lv

    def complaint_lead(self, name: str) -> str:
        return self.you(
            "Ja uzskatāt, ka Jūsu personas dati tiek apstrādāti nelikumīgi, varat iesniegt "
            f"sūdzību uzraudzības iestādei – {name}:",
            "Ja uzskati, ka tavi personas dati tiek apstrādāti nelikumīgi, vari iesniegt "
            f"sūdzību uzraudzības iestādei – {name}:",
        )

    def authority_contacts(self, authority) -> list[str]:
        found = [
            f"adrese: {authority.address}",
            f"e-pasts: {authority.email}",
            f"tālrunis: {authority.phone}",
            f"tīmekļa vietne: {authority.website}",
        ]
        if authority.complaint_url and authority.complaint_url != authority.website:
            found.append(f"sūdzības iesniegšana: {authority.complaint_url}")
        return found

    def complaint_other(self, text: str) -> str:
        return self.you(
            "Ja uzskatāt, ka Jūsu personas dati tiek apstrādāti nelikumīgi, varat iesniegt "
            f"sūdzību uzraudzības iestādei. {sentence(text)}",
            "Ja uzskati, ka tavi personas dati tiek apstrādāti nelikumīgi, vari iesniegt "
            f"sūdzību uzraudzības iestādei. {sentence(text)}",
        )

    def also_dvi(self, dvi) -> str:
        return (
            f"Latvijā sūdzību var iesniegt arī Datu valsts inspekcijai ({dvi.address}, "
            f"e-pasts {dvi.email}, {dvi.complaint_url})."
        )

    def contact_us_first(self) -> str:
        return self.you(
            "Varat arī vispirms vērsties pie mums – bieži jautājumu varam atrisināt ātri –, "
            "taču tas nav priekšnoteikums sūdzības iesniegšanai.",
            "Vari arī vispirms vērsties pie mums – bieži jautājumu varam atrisināt ātri –, "
            "taču tas nav priekšnoteikums sūdzības iesniegšanai.",
        )

    # -- cookies ------------------------------------------------------------------------------

    def no_cookies(self) -> str:
        return "Mūsu tīmekļa vietne neizmanto sīkdatnes."

    def cookies_lead(self) -> str:
        return (
            "Sīkdatnes ir nelielas teksta datnes, ko tīmekļa vietne saglabā "
            + self.you("Jūsu", "tavā")
            + " ierīcē; tāpat darbojas arī līdzīgas tehnoloģijas, piemēram, pārlūkprogrammas "
            "krātuve. Izmantojam šādu veidu sīkdatnes:"
        )

    def cookie_category(self, code) -> str:
        return COOKIE_CATEGORIES[code]

    def cookies_necessary(self) -> str:
        return (
            "Nepieciešamajām sīkdatnēm piekrišana nav vajadzīga, jo bez tām nevaram sniegt "
            + self.you("pakalpojumu, ko esat pieprasījuši.", "pakalpojumu, ko esi pieprasījis.")
        )

    def cookies_consent(self) -> str:
        return (
            "Citas sīkdatnes izvietojam tikai ar "
            + self.you("Jūsu", "tavu")
            + " piekrišanu (Informācijas sabiedrības pakalpojumu likuma 7.¹ pants; "
            f"{article(6, 1, 'a')})."
        )

    def cookie_table_lead(self) -> str:
        return "Mūsu tīmekļa vietnē izmantotās sīkdatnes:"

    def cookie_table_head(self) -> list[str]:
        return ["Sīkdatne", "Izvietotājs", "Nolūks", "Veids", "Glabāšanas ilgums", "Puse"]

    def cookie_kind(self, category: str) -> str:
        return COOKIE_KINDS.get(category, "")

    def cookie_party(self, party: str) -> str:
        return "pirmā puse" if party == CookieParty.FIRST else "trešā puse"

    def other_tools(self, tools: str) -> str:
        return f"Sīkdatnes izvieto arī šādi rīki: {tools}."

    def manage_banner(self) -> str:
        return "sīkdatņu paziņojuma joslā"

    def manage_settings(self) -> str:
        return "sīkdatņu iestatījumos mūsu tīmekļa vietnē"

    def manage_browser(self) -> str:
        return "pārlūkprogrammas iestatījumos"

    def manage(self, ways: list[str]) -> str:
        return self.you(
            f"Savu izvēli varat mainīt un piekrišanu atsaukt jebkurā brīdī {self.either(ways)}.",
            f"Savu izvēli vari mainīt un piekrišanu atsaukt jebkurā brīdī {self.either(ways)}.",
        )

    def cookie_policy(self, url: str) -> str:
        return f"Sīkāk par sīkdatnēm stāsta mūsu sīkdatņu politika: {url}."

    # -- security, children, automated decisions ----------------------------------------------

    def security_lead(self) -> str:
        return (
            "Datus aizsargājam ar atbilstošiem tehniskiem un organizatoriskiem pasākumiem "
            f"({article(32)}), tostarp:"
        )

    def measure(self, code) -> str:
        return lcfirst(self.label(SecurityMeasure(code)))

    def minimum_age(self, years: int) -> str:
        age = f"{years} gada" if years % 10 == 1 and years % 100 != 11 else f"{years} gadu"
        return (
            f"Mūsu pakalpojumi ir paredzēti personām no {age} vecuma. Ja uzzinām, ka esam "
            "ieguvuši jaunākas personas datus, tos dzēšam."
        )

    def children_consent(self) -> str:
        return (
            "Ja bērns ir jaunāks par 13 gadiem, piekrišanu, kas vajadzīga informācijas "
            "sabiedrības pakalpojumu sniegšanai, viņa vārdā dod vai apstiprina vecāks vai "
            "aizbildnis (Fizisko personu datu apstrādes likuma 33. pants); mēs saprātīgi "
            "pārliecināmies, ka piekrišanu ir devis vai apstiprinājis vecāks vai aizbildnis."
        )

    def automated_lead(self) -> str:
        return "Dažus lēmumus pieņemam, pamatojoties tikai uz automatizētu apstrādi."

    def automated_ground(self, code: str) -> str:
        words, where = GROUNDS[code]
        return f"Šādi lēmumi ir atļauti, jo {words} ({where})."

    def automated_rights(self) -> str:
        return (
            self.you("Jums", "Tev")
            + " ir tiesības panākt, lai lēmumu pārskata cilvēks, paust savu viedokli un "
            f"apstrīdēt lēmumu ({article(22, 3)})."
        )

    def no_automated(self) -> str:
        return self.you(
            "Mēs nepieņemam lēmumus, kuru pamatā ir tikai automatizēta apstrāde un kas Jums "
            "rada tiesiskas sekas vai līdzīgi būtiski ietekmē Jūs.",
            "Mēs nepieņemam lēmumus, kuru pamatā ir tikai automatizēta apstrāde un kas tev "
            "rada tiesiskas sekas vai līdzīgi būtiski ietekmē tevi.",
        )

    def profiling_lead(self) -> str:
        return f"Profilēšanu ({article(4, 4)}) izmantojam šādiem nolūkiem:"

    def profiling_objection(self) -> str:
        return self.you(
            "Pret profilēšanu, kas saistīta ar tiešo tirgvedību, varat iebilst jebkurā brīdī "
            "(sadaļa „Tiesības iebilst”).",
            "Pret profilēšanu, kas saistīta ar tiešo tirgvedību, vari iebilst jebkurā brīdī "
            "(sadaļa „Tiesības iebilst”).",
        )

    def no_profiling(self) -> str:
        return "Profilēšanu mēs neizmantojam."

    # -- other terms and changes --------------------------------------------------------------

    def other_heading(self, accuracy: bool, links: bool) -> str:
        if accuracy and links:
            return "Datu precizitāte un saites uz citām vietnēm"
        return "Datu precizitāte" if accuracy else "Saites uz citām tīmekļa vietnēm"

    def accuracy(self) -> str:
        return self.you(
            "Lūdzam paziņot mums, ja Jūsu dati mainās, lai tie vienmēr būtu precīzi.",
            "Lūdzam paziņot mums, ja tavi dati mainās, lai tie vienmēr būtu precīzi.",
        )

    def third_party_links(self) -> str:
        return (
            "Mūsu tīmekļa vietnē var būt saites uz citām tīmekļa vietnēm; par to privātuma "
            "praksi atbild to uzturētāji, un uz tām attiecas viņu privātuma politikas."
        )

    def notice(self, code) -> str:
        return NOTICES[code]

    def changes(self, notices: list[str]) -> str:
        what = self._document("acc")
        text = f"{what[:1].upper()}{what[1:]} varam atjaunināt, ja mainās mūsu darbība vai "
        text += "normatīvie akti."
        if notices:
            text += f" Par izmaiņām paziņosim, {self.join(notices)}."
        return text

    def archive(self) -> str:
        return f"Iepriekšējās versijas ir pieejamas {self._document('archive')}."
