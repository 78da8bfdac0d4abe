"""The policy in Latvian: our own wording, in the form of address the document chose."""

from policies.choices import (
    CookieCategory,
    CookieManagement,
    DataSource,
    DataSubjectRight,
    ExerciseChannel,
    LegalBasis,
    LegalForm,
    ProvisionRequirement,
    RecipientRole,
    RetentionBound,
    RetentionTrigger,
    TitleVariant,
    TransferMechanism,
    TransferStatus,
    YesNo,
)
from policies.render.base import Writer, lcfirst
from policies.render.grammar_lv import (
    join,
    years_of_age,
)

TITLES = {
    TitleVariant.PRIVACY_POLICY: "Privātuma politika",
    TitleVariant.CONFIDENTIALITY_POLICY: "Konfidencialitātes politika",
    TitleVariant.PROCESSING_RULES: "Personas datu apstrādes noteikumi",
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

BASES = {
    LegalBasis.CONSENT: "piekrišana (VDAR 6. panta 1. punkta a) apakšpunkts)",
    LegalBasis.CONTRACT: "līguma noslēgšana un izpilde (VDAR 6. panta 1. punkta b) apakšpunkts)",
    LegalBasis.LEGAL_OBLIGATION: (
        "mums piemērojama juridiska pienākuma izpilde (VDAR 6. panta 1. punkta c) apakšpunkts)"
    ),
    LegalBasis.VITAL_INTERESTS: (
        "datu subjekta vai citas fiziskas personas vitālo interešu aizsardzība "
        "(VDAR 6. panta 1. punkta d) apakšpunkts)"
    ),
    LegalBasis.PUBLIC_TASK: (
        "sabiedrības interesēs veicama uzdevuma izpilde vai oficiālo pilnvaru īstenošana "
        "(VDAR 6. panta 1. punkta e) apakšpunkts)"
    ),
    LegalBasis.LEGITIMATE_INTERESTS: (
        "mūsu vai trešās personas leģitīmās intereses (VDAR 6. panta 1. punkta f) apakšpunkts)"
    ),
}
MECHANISMS = {
    TransferMechanism.ADEQUACY: "Eiropas Komisijas lēmums par aizsardzības līmeņa pietiekamību",
    TransferMechanism.EU_US_DPF: "ES un ASV datu privātuma regulējums",
    TransferMechanism.SCC: "Eiropas Komisijas apstiprinātās līguma standartklauzulas",
    TransferMechanism.BCR: "saistošie uzņēmuma noteikumi",
    TransferMechanism.DEROGATION: "atkāpes īpašās situācijās (VDAR 49. pants)",
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
COOKIES = {
    CookieCategory.NECESSARY: (
        "nepieciešamās sīkdatnes – nodrošina tīmekļa vietnes darbību, tām piekrišana nav vajadzīga"
    ),
    CookieCategory.PREFERENCES: "preferenču sīkdatnes – atceras izvēlētos iestatījumus",
    CookieCategory.STATISTICS: (
        "statistikas sīkdatnes – palīdz saprast, kā apmeklētāji lieto tīmekļa vietni"
    ),
    CookieCategory.MARKETING: "mārketinga sīkdatnes – ļauj rādīt atbilstošas reklāmas",
}


class LatvianWriter(Writer):
    language = "lv"
    PREFIX_FORMS = PREFIX_FORMS
    SUFFIX_FORMS = SUFFIX_FORMS
    QUOTES = ("„", "”")
    TRIGGERS = TRIGGERS

    # -- helpers ----------------------------------------------------------------------------

    def title(self) -> str:
        return TITLES[self.a.document.title_variant]

    def intro(self) -> list[str]:
        c, scope = self.a.controller, self.a.scope
        text = self.you(
            f"Šajā dokumentā {self.name()} skaidro, kā apstrādājam Jūsu personas datus un kādas "
            "tiesības Jums ir.",
            f"Šajā dokumentā {self.name()} skaidro, kā apstrādājam tavus personas datus un kādas "
            "tiesības tev ir.",
        )
        paragraphs = [text]
        if self.t(scope, "intro"):
            paragraphs.append(self.t(scope, "intro"))
        law = "Personas datu apstrādi regulē Vispārīgā datu aizsardzības regula (VDAR) – Eiropas "
        law += "Parlamenta un Padomes Regula (ES) 2016/679"
        if str(c.country) == "LV":
            law += ", kā arī Fizisko personu datu apstrādes likums"
        paragraphs.append(law + ".")
        return paragraphs

    def controller(self):
        c = self.a.controller
        s = self.section("controller", "Pārzinis un saziņa", "controller", "scope")
        who = (
            f"Personas datu pārzinis ir {self.name()}, reģistrācijas numurs {c.registration_number}"
        )
        s.p(f"{who}, juridiskā adrese: {c.legal_address}.")
        ways = [f"e-pasts {c.email}"]
        if c.phone:
            ways.append(f"tālrunis {c.phone}")
        if c.website:
            ways.append(f"tīmekļa vietne {c.website}")
        if c.contact_page_url:
            ways.append(f"kontaktinformācijas lapa {c.contact_page_url}")
        s.p(f"Saziņai: {join(ways)}.")
        if c.privacy_contact_email and c.privacy_contact_email != c.email:
            role = (
                f" (atbild {self.t(c, 'privacy_contact_role')})"
                if self.t(c, "privacy_contact_role")
                else ""
            )
            s.p(f"Jautājumos par personas datu aizsardzību: {c.privacy_contact_email}{role}.")
        if c.brand_name:
            s.p(f"{c.brand_name} ir {self.name()} zīmols.")
        services = [
            f"{self.t(x, 'name')} ({x.url})" if x.url else self.t(x, "name")
            for x in self.a.services
        ]
        if services:
            s.p(f"Politika attiecas uz: {join(services)}.")
        if c.dpo_appointed:
            dpo = [x for x in (c.dpo_name, c.dpo_email, c.dpo_phone) if x]
            s.p(f"Mūsu datu aizsardzības speciālists: {', '.join(dpo)}.")
        if c.representative:
            s.p(f"Mūsu pārstāvis Eiropas Savienībā (VDAR 27. pants): {c.representative}.")
        if self.a.scope.acts_as_processor:
            note = self.t(self.a.scope, "processor_note")
            what = f" ({note})" if note else ""
            s.p(
                f"Datus, ko klienti paši ievada mūsu pakalpojumā{what}, mēs apstrādājam kā "
                "apstrādātājs klientu uzdevumā; par tiem kā pārzinis atbild attiecīgais klients, "
                "un uz tiem attiecas klienta privātuma politika."
            )
        return s

    def data(self):
        s = self.section("data", "Kādus personas datus apstrādājam", "data", "scope")
        if self.a.scope.data_subjects:
            from policies.choices import DataSubjectCategory

            who = [lcfirst(self.label(DataSubjectCategory(x))) for x in self.a.scope.data_subjects]
            s.p(f"Politika attiecas uz šādām personām: {join(who)}.")
        s.p("Mēs apstrādājam šādus personas datus:")
        items = []
        for cat in self.a.categories:
            text = cat.name_in(self.language)
            if self.t(cat, "examples"):
                text += f" – {self.t(cat, 'examples')}"
            if self.t(cat, "condition"):
                text += f" ({self.t(cat, 'condition')})"
            items.append(text)
        s.ul(items)
        sources = {
            DataSource.DATA_SUBJECT: self.you("no Jums pašiem", "no tevis paša"),
            DataSource.AUTOMATIC: self.you(
                "automātiski, Jums lietojot mūsu tīmekļa vietni vai pakalpojumus",
                "automātiski, tev lietojot mūsu tīmekļa vietni vai pakalpojumus",
            ),
            DataSource.THIRD_PARTY: "no trešajām personām",
            DataSource.PUBLIC: "no publiski pieejamiem avotiem",
        }
        lines = []
        for source, phrase in sources.items():
            names = [c.name_in(self.language) for c in self.a.categories if source in c.sources]
            if names:
                line = f"{phrase}: {join([lcfirst(n) for n in names])}"
                if source == DataSource.THIRD_PARTY:
                    parties = [
                        self.t(c, "third_party_sources")
                        for c in self.a.categories
                        if self.t(c, "third_party_sources")
                    ]
                    if parties:
                        line += f" ({'; '.join(parties)})"
                lines.append(line)
        if lines:
            s.p("Datus iegūstam:")
            s.ul(lines)
        provision = {
            ProvisionRequirement.STATUTORY: "to prasa normatīvie akti",
            ProvisionRequirement.CONTRACTUAL: (
                "tie nepieciešami līguma noslēgšanai un izpildei; bez tiem nevaram sniegt "
                "pakalpojumu"
            ),
            ProvisionRequirement.VOLUNTARY: "to sniegšana ir brīvprātīga",
        }
        given = [
            f"{c.name_in(self.language)}: {provision[c.provision]}"
            for c in self.a.categories
            if c.provision
        ]
        if given:
            s.p("Vai datus ir pienākums sniegt:")
            s.ul(given)
        special = [c.name_in(self.language) for c in self.a.categories if c.special_category]
        if special:
            s.p(f"Īpašu kategoriju personas dati (VDAR 9. pants): {join(special)}.")
        return s

    def purposes(self):
        s = self.section("purposes", "Apstrādes nolūki un juridiskie pamati", "purposes")
        s.p("Personas datus apstrādājam šādiem nolūkiem:")
        items = []
        for p in self.a.purposes:
            text = p.name_in(self.language)
            if self.t(p, "description"):
                text += f" ({self.t(p, 'description')})"
            bases = join([BASES[b] for b in p.legal_bases])
            text += f". Juridiskais pamats: {bases}."
            if LegalBasis.LEGITIMATE_INTERESTS in p.legal_bases and self.t(
                p, "legitimate_interest"
            ):
                text += f" Mūsu leģitīmās intereses: {self.t(p, 'legitimate_interest')}"
                text += "" if text.endswith(".") else "."
            used = [c.name_in(self.language) for c in p.categories.all()]
            if used:
                text += f" Izmantotie dati: {join([lcfirst(u) for u in used])}."
            items.append(text)
        s.ul(items)
        if self.uses_consent():
            s.p(
                self.you(
                    "Ja apstrāde balstās uz Jūsu piekrišanu, varat to jebkurā brīdī atsaukt; "
                    "atsaukums neietekmē apstrādes likumību līdz atsaukumam.",
                    "Ja apstrāde balstās uz tavu piekrišanu, vari to jebkurā brīdī atsaukt; "
                    "atsaukums neietekmē apstrādes likumību līdz atsaukumam.",
                )
            )
        return s

    def recipients_section(self):
        s = self.section("recipients", "Personas datu saņēmēji", "recipients")
        if not self.a.recipients:
            s.p(
                "Personas datus nenododam nevienam ārpus mūsu uzņēmuma, izņemot gadījumus, "
                "kad to prasa normatīvie akti."
            )
            return s
        groups = [
            (
                RecipientRole.PROCESSOR,
                "Mūsu uzdevumā datus apstrādā šādi pakalpojumu sniedzēji (apstrādātāji):",
            ),
            (RecipientRole.JOINT_CONTROLLER, "Kopā ar mums kā kopīgi pārziņi datus apstrādā:"),
            (
                RecipientRole.CONTROLLER,
                "Datus saņem arī šie neatkarīgi pārziņi, kas tos apstrādā "
                "saskaņā ar savām privātuma politikām:",
            ),
            (
                RecipientRole.SUCCESSOR_OR_GROUP,
                "Pakalpojuma nepārtrauktības nodrošināšanai datus var saņemt:",
            ),
            (
                RecipientRole.AUTHORITY,
                "Valsts iestādēm un tiesām datus nododam tikai tad, ja to prasa normatīvie akti:",
            ),
            (
                RecipientRole.OTHER_WITH_CONSENT,
                self.you(
                    "Ar Jūsu piekrišanu vai pēc Jūsu norādījuma datus var saņemt:",
                    "Ar tavu piekrišanu vai pēc tava norādījuma datus var saņemt:",
                ),
            ),
        ]
        for role, heading in groups:
            found = self.recipients(role)
            if found:
                s.p(heading)
                s.ul([self.recipient_line(r) for r in found])
        if self.recipients(RecipientRole.PROCESSOR):
            s.p(
                "Ar apstrādātājiem esam noslēguši līgumus, kas tiem uzliek pienākumu aizsargāt "
                "datus un apstrādāt tos tikai saskaņā ar mūsu norādījumiem."
            )
        return s

    def transfers(self):
        s = self.section("transfers", "Datu nosūtīšana ārpus ES un EEZ", "transfers", "recipients")
        t = self.a.transfers
        outside = self.a.recipients_outside_eea
        if t.status == TransferStatus.NONE and not outside:
            s.p(
                "Personas datus nenosūtām uz valstīm ārpus Eiropas Savienības (ES) un Eiropas "
                "Ekonomikas zonas (EEZ)."
            )
            return s
        verb = "var tikt nosūtīta" if t.status == TransferStatus.POSSIBLE else "tiek nosūtīta"
        countries = [self.country(code) for code in t.countries]
        where = f" ({join(countries)})" if countries else ""
        s.p(
            f"Daļa personas datu {verb} uz valstīm ārpus Eiropas Savienības (ES) un Eiropas "
            f"Ekonomikas zonas (EEZ){where}."
        )
        items = []
        for r in outside:
            mechanisms = r.mechanisms or t.mechanisms
            place = "; ".join(self.places(r))
            items.append(
                f"{self.t(r, 'name')} ({place}): {join([MECHANISMS[m] for m in mechanisms])}"
            )
        if items:
            s.p("Nosūtīšanas pamats katram saņēmējam:")
            s.ul(items)
        elif t.mechanisms:
            s.p(f"Nosūtīšanas pamats: {join([MECHANISMS[m] for m in t.mechanisms])}.")
        if self.t(t, "copy_access"):
            s.p(self.t(t, "copy_access"))
        else:
            s.p(f"Izmantoto aizsardzības pasākumu kopiju var saņemt, rakstot uz {self.email()}.")
        return s

    def retention(self):
        s = self.section("retention", "Datu glabāšanas termiņi", "retention")
        items = []
        for rule in self.a.retention:
            text = f"{rule.subject_in(self.language)}: {self.period(rule)}"
            if (
                rule.bound == RetentionBound.CRITERION
                and rule.trigger
                and self.t(rule, "criterion")
            ):
                text += f" ({self.t(rule, 'criterion')})"
            if self.t(rule, "legal_reference"):
                text += f" (pamats: {self.t(rule, 'legal_reference')})"
            if self.t(rule, "note"):
                text += f"; {self.t(rule, 'note')}"
            items.append(text)
        s.p("Personas datus glabājam tikai tik ilgi, cik nepieciešams:")
        s.ul(items)
        s.p("Kad glabāšanas termiņš beidzas, datus dzēšam vai anonimizējam.")
        return s

    def rights(self):
        c, r = self.a.controller, self.a.rights
        s = self.section("rights", self.you("Jūsu tiesības", "Tavas tiesības"), "rights")
        phrases = {
            DataSubjectRight.ACCESS: "piekļūt saviem personas datiem un saņemt to kopiju "
            "(VDAR 15. pants)",
            DataSubjectRight.RECTIFICATION: "pieprasīt labot neprecīzus datus (VDAR 16. pants)",
            DataSubjectRight.ERASURE: "pieprasīt datu dzēšanu – „tiesības tikt aizmirstam” "
            "(VDAR 17. pants)",
            DataSubjectRight.RESTRICTION: "pieprasīt ierobežot apstrādi (VDAR 18. pants)",
            DataSubjectRight.NOTIFICATION: "saņemt ziņas par datu labošanu, dzēšanu vai apstrādes "
            "ierobežošanu (VDAR 19. pants)",
            DataSubjectRight.PORTABILITY: "saņemt savus datus strukturētā, plaši izmantotā un "
            "mašīnlasāmā formātā un nodot tos citam pārzinim "
            "(VDAR 20. pants)",
            DataSubjectRight.OBJECT: "iebilst pret apstrādi, kas balstīta uz leģitīmajām "
            "interesēm (VDAR 21. pants)",
            DataSubjectRight.OBJECT_DIRECT_MARKETING: "jebkurā brīdī iebilst pret datu apstrādi "
            "tiešās tirgvedības nolūkos",
            DataSubjectRight.AUTOMATED_DECISIONS: "nebūt tāda lēmuma subjektam, kura pamatā ir "
            "tikai automatizēta apstrāde (VDAR 22. pants)",
            DataSubjectRight.WITHDRAW_CONSENT: "jebkurā brīdī atsaukt piekrišanu, neietekmējot "
            "līdz tam veiktās apstrādes likumību",
            DataSubjectRight.COMPLAINT: "iesniegt sūdzību uzraudzības iestādei (VDAR 77. pants)",
            DataSubjectRight.JUDICIAL_REMEDY: "vērsties tiesā (VDAR 79. pants)",
        }
        s.p(self.you("Jums ir tiesības:", "Tev ir tiesības:"))
        s.ul([phrases[x] for x in DataSubjectRight if x in r.rights])
        channels = {
            ExerciseChannel.EMAIL: f"rakstot uz e-pastu {self.email()}",
            ExerciseChannel.CONTACT_PAGE: "izmantojot kontaktinformācijas lapu"
            + (f" {c.contact_page_url}" if c.contact_page_url else ""),
            ExerciseChannel.ACCOUNT_SECTION: f"sadaļā „{self.t(r, 'account_section')}” savā kontā"
            if self.t(r, "account_section")
            else "savā kontā",
            ExerciseChannel.COOKIE_SETTINGS: "mainot sīkdatņu iestatījumus",
            ExerciseChannel.POST: f"rakstot uz adresi {c.legal_address}",
            ExerciseChannel.IN_PERSON: f"klātienē, {c.legal_address}",
            ExerciseChannel.PHONE: f"zvanot pa tālruni {c.phone}" if c.phone else "pa tālruni",
        }
        ways = [channels[x] for x in ExerciseChannel if x in r.channels]
        if ways:
            s.p(
                self.you("Savas tiesības varat īstenot, ", "Savas tiesības vari īstenot, ")
                + join(ways)
                + "."
            )
        s.p(
            "Uz pieprasījumu atbildam bez nepamatotas kavēšanās, ne vēlāk kā viena mēneša laikā. "
            + self.you(
                "Lai aizsargātu Jūsu datus, varam lūgt apliecināt Jūsu identitāti.",
                "Lai aizsargātu tavus datus, varam lūgt apliecināt tavu identitāti.",
            )
        )
        if self.t(self.a.final, "identity_note"):
            s.p(self.t(self.a.final, "identity_note"))
        return s

    def complaint(self):
        r = self.a.rights
        s = self.section("complaint", "Sūdzības uzraudzības iestādei", "rights")
        if self.authority():
            a = self.authority()
            where = f"{a.name_lv}, {a.address}, e-pasts {a.email}, tālrunis {a.phone}, {a.website}"
        else:
            where = self.t(r, "authority_other")
        s.p(
            self.you(
                f"Ja uzskatāt, ka Jūsu personas dati tiek apstrādāti nelikumīgi, varat iesniegt "
                f"sūdzību uzraudzības iestādei: {where}.",
                f"Ja uzskati, ka tavi personas dati tiek apstrādāti nelikumīgi, vari iesniegt "
                f"sūdzību uzraudzības iestādei: {where}.",
            )
        )
        if r.also_dvi and r.authority != "lv_dvi":
            from policies.catalogue import AUTHORITIES

            dvi = AUTHORITIES["lv_dvi"]
            s.p(
                f"Latvijā sūdzību var iesniegt arī Datu valsts inspekcijai ({dvi.address}, "
                f"e-pasts {dvi.email}, {dvi.website})."
            )
        s.p(
            self.you(
                "Varat arī vispirms vērsties pie mums – bieži jautājumu varam atrisināt ātri –, "
                "taču tas nav priekšnoteikums sūdzības iesniegšanai.",
                "Vari arī vispirms vērsties pie mums – bieži jautājumu varam atrisināt ātri –, "
                "taču tas nav priekšnoteikums sūdzības iesniegšanai.",
            )
        )
        return s

    def cookies(self):
        c = self.a.cookies
        s = self.section("cookies", "Sīkdatnes", "cookies")
        if c.uses_cookies != YesNo.YES:
            s.p("Mūsu tīmekļa vietne neizmanto sīkdatnes.")
            return s
        s.p(
            self.you(
                "Sīkdatnes ir nelielas teksta datnes, ko tīmekļa vietne saglabā Jūsu ierīcē. "
                "Mēs izmantojam šādas sīkdatnes:",
                "Sīkdatnes ir nelielas teksta datnes, ko tīmekļa vietne saglabā tavā ierīcē. "
                "Mēs izmantojam šādas sīkdatnes:",
            )
        )
        s.ul([COOKIES[x] for x in CookieCategory if x in c.categories])
        if c.tools.strip():
            s.p(f"Sīkdatnes izvieto šādi rīki: {c.tools.strip()}.")
        if c.consent_first:
            s.p(
                self.you(
                    "Sīkdatnes, kas nav nepieciešamas vietnes darbībai, izvietojam tikai ar Jūsu "
                    "piekrišanu, un to varat jebkurā brīdī atsaukt.",
                    "Sīkdatnes, kas nav nepieciešamas vietnes darbībai, izvietojam tikai ar tavu "
                    "piekrišanu, un to vari jebkurā brīdī atsaukt.",
                )
            )
        ways = {
            CookieManagement.CONSENT_BANNER: "sīkdatņu paziņojuma joslā",
            CookieManagement.SETTINGS_LINK: "sīkdatņu iestatījumos mūsu tīmekļa vietnē",
            CookieManagement.BROWSER_SETTINGS: "pārlūkprogrammas iestatījumos",
        }
        chosen = [ways[x] for x in ways if x in c.management]
        if chosen:
            s.p(
                self.you("Sīkdatnes varat pārvaldīt ", "Sīkdatnes vari pārvaldīt ")
                + join(chosen)
                + "."
            )
        if CookieManagement.COOKIE_POLICY in c.management or c.cookie_policy_url:
            where = f": {c.cookie_policy_url}" if c.cookie_policy_url else "."
            s.p(f"Sīkāk par sīkdatnēm stāsta mūsu sīkdatņu politika{where}")
        return s

    def security(self):
        from policies.choices import SecurityMeasure

        sec = self.a.security
        s = self.section("security", "Datu drošība", "security")
        s.p(
            "Datus aizsargājam ar atbilstošiem tehniskiem un organizatoriskiem pasākumiem, tostarp:"
        )
        s.ul([lcfirst(self.label(SecurityMeasure(m))) for m in sec.measures])
        if self.t(sec, "description"):
            s.p(self.t(sec, "description"))
        return s

    def age(self):
        n = self.a.final.min_age
        if not n:
            return None
        s = self.section("age", "Vecuma ierobežojums", "final")
        s.p(
            f"Mūsu pakalpojumi ir paredzēti personām no {years_of_age(n)} vecuma. "
            f"Ja uzzinām, ka esam ieguvuši jaunākas personas datus, tos dzēšam."
        )
        return s

    def automated(self):
        f = self.a.final
        s = self.section("automated", "Automatizēti lēmumi un profilēšana", "final", "purposes")
        if f.automated_decisions == YesNo.YES:
            s.p(self.t(f, "automated_description"))
            s.p(
                self.you(
                    "Jums ir tiesības pieprasīt cilvēka iesaistīšanos, paust savu viedokli un "
                    "apstrīdēt šādu lēmumu.",
                    "Tev ir tiesības pieprasīt cilvēka iesaistīšanos, paust savu viedokli un "
                    "apstrīdēt šādu lēmumu.",
                )
            )
        else:
            s.p(
                self.you(
                    "Mēs nepieņemam lēmumus, kuru pamatā ir tikai automatizēta apstrāde un kas "
                    "Jums rada tiesiskas sekas vai līdzīgi būtiski ietekmē Jūs.",
                    "Mēs nepieņemam lēmumus, kuru pamatā ir tikai automatizēta apstrāde un kas "
                    "tev rada tiesiskas sekas vai līdzīgi būtiski ietekmē tevi.",
                )
            )
        profiling = self.profiling_purposes()
        if profiling:
            names = join([p.name_in(self.language) for p in profiling])
            s.p(f"Profilēšanu izmantojam šādiem nolūkiem: {names}.")
        return s

    def other(self):
        if not self.has_other_terms():
            return None
        f = self.a.final
        s = self.section("other", "Citi noteikumi", "final")
        if f.third_party_links:
            s.p(
                "Mūsu tīmekļa vietnē var būt saites uz citām vietnēm; par to privātuma praksi "
                "atbild to uzturētāji, un uz tām attiecas viņu privātuma politikas."
            )
        if f.accuracy_duty:
            s.p(
                self.you(
                    "Lūdzam paziņot mums, ja Jūsu dati mainās, lai tie vienmēr būtu precīzi.",
                    "Lūdzam paziņot mums, ja tavi dati mainās, lai tie vienmēr būtu precīzi.",
                )
            )
        return s

    def changes(self):
        from policies.choices import ChangeNoticeMethod

        s = self.section("changes", "Izmaiņas privātuma politikā", "final")
        methods = {
            ChangeNoticeMethod.WEBSITE: "publicējot jauno redakciju tīmekļa vietnē",
            ChangeNoticeMethod.EMAIL: "nosūtot e-pastu",
            ChangeNoticeMethod.IN_APP: "ar paziņojumu lietotnē",
        }
        chosen = [methods[m] for m in ChangeNoticeMethod if m in self.a.final.change_notices]
        how = f" Par izmaiņām paziņosim, {join(chosen)}." if chosen else ""
        s.p("Šo politiku varam atjaunināt, ja mainās mūsu darbība vai normatīvie akti." + how)
        s.p("Politikas iepriekšējās redakcijas ir pieejamas tās arhīvā.")
        return s
