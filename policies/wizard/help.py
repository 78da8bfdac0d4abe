"""Plain-language help for the wizard's questions that the models do not explain themselves.

Kept together so that the wording of the whole wizard can be read and improved in one place.
"""

from django.utils.translation import gettext_lazy as _

from policies import models as m

HELP = {
    m.ControllerAnswers: {
        "legal_form": _("As registered, e.g. SIA."),
        "legal_form_other": _("Only if you chose “Other” above."),
        "country": _(
            "Where the company is registered. It decides the registration number's "
            "format and the supervisory authority."
        ),
        "registration_number": _("Latvia: 11 digits; Estonia: 8 digits; Lithuania: 9 digits."),
        "vat_number": _("Optional, e.g. LV40003000000."),
        "legal_address": _("The registered address, in one line as in the register."),
        "phone": _("Optional. With the country code, e.g. +371 67 123 456."),
        "website": _("Optional. The full address, e.g. https://zalasala.lv."),
        "contact_page_url": _("Optional. A page with your contact details."),
        "dpo_appointed": _(
            "Tick only if you have formally appointed one (GDPR Art. 37); most "
            "small businesses have not."
        ),
        "dpo_name": _("Optional; the contacts below are what the GDPR asks for."),
        "dpo_email": _("Where people reach the data protection officer."),
        "dpo_phone": _("Optional."),
    },
    m.ScopeAnswers: {
        "channels": _("Tick every place where you collect personal data."),
        "data_subjects": _("Whose personal data you handle: tick all that apply."),
        "processor_note": _("E.g. “client records our users enter in our CRM”."),
    },
    m.Service: {
        "name": _("E.g. “Online shop zalasala.lv” or “Digi-CRM app”."),
        "url": _("Optional. The full address."),
    },
    m.DataCategory: {
        "code": _("Choose the closest kind; give it your own name below if you like."),
        "sources": _(
            "Given by the person (forms, orders), collected automatically (cookies, "
            "logs) or received from others (partners, public registers)."
        ),
        "third_party_sources": _(
            "Only if the data comes from third parties, e.g. “payment service providers”."
        ),
        "special_category": _(
            "Racial or ethnic origin, political opinions, religious or philosophical beliefs, "
            "trade union membership, genetic or biometric data, health, sex life or sexual "
            "orientation (GDPR Art. 9). Rare for small businesses."
        ),
    },
    m.Purpose: {
        "code": _("Choose the closest purpose; give it your own name below if you like."),
        "legal_bases": _(
            "Contract: needed to serve a customer. Legal obligation: a law "
            "requires it (e.g. accounting). Consent: the person agreed and may "
            "withdraw. Legitimate interests: your reasonable interest, explained "
            "below."
        ),
        "categories": _(
            "Which kinds of data this purpose uses. They come from the step “Personal data”."
        ),
        "interest_holder": _(
            "For legitimate interests: usually your own; a third party's, e.g. a customer's."
        ),
        "involves_profiling": _("Automatic evaluation of people, e.g. to personalise offers."),
        "dpia": _(
            "Optional, for your records of processing activities (GDPR Art. 30): whether a data "
            "protection impact assessment (Art. 35) was made. It is needed for large-scale "
            "monitoring, special categories of data on a large scale or automated decisions "
            "with legal effects."
        ),
    },
    m.RecipientsAnswers: {
        "none_declared": _(
            "Tick only if no service provider, partner or authority receives "
            "personal data from you."
        ),
    },
    m.Recipient: {
        "name": _(
            "A service's name as people know it, e.g. “Stripe” or “DPD”; for others, who they "
            "are, e.g. “an accounting firm”."
        ),
        "legal_entity": _(
            "The company you have the contract with, e.g. “Stripe Payments Europe, Limited”."
        ),
        "role": _(
            "A processor works only on your instructions (hosting, e-mail tool). An "
            "independent controller decides itself (a bank, a courier in some cases)."
        ),
        "service_type": _("What the recipient does for you."),
        "mechanisms": _(
            "Only for recipients outside the EU/EEA: what makes the transfer "
            "lawful. Known services have it filled in."
        ),
    },
    m.RetentionRule: {
        "category": _("What the period applies to: a kind of data..."),
        "purpose": _("...or the data of a purpose..."),
        "bound": _("A fixed period, an upper limit, a range, or until an event."),
        "period": _("A whole number, e.g. 7."),
        "period_max": _("Only for a range, e.g. 180 for “30–180 days”."),
        "unit": _("Days, months or years."),
        "trigger": _("For “until an event”: choose the event..."),
        "criterion": _("...or describe it in a few words."),
    },
    m.CookieAnswers: {
        "uses_cookies": _("Almost every website does: at least for sessions or a shopping cart."),
        "categories": _(
            "Strictly necessary cookies make the site work; the others need the visitor's consent."
        ),
        "management": _("How visitors give, refuse or withdraw consent."),
        "consent_first": _("Required by law for statistics, preference and marketing cookies."),
        "cookie_policy_url": _("Optional, if you have a separate cookie policy."),
        "tool_keys": _(
            "Tick each service on your website; the policy's cookie table lists their cookies."
        ),
    },
    m.Cookie: {
        "category": _("Strictly necessary, preferences, statistics or marketing."),
        "party": _("First-party: your own website sets it; third-party: another service does."),
    },
    m.TransferAnswers: {
        "status": _(
            "Data leaves the EU/EEA when a recipient or its provider is outside it, "
            "e.g. many US services."
        ),
        "countries": _("The countries outside the EU/EEA where data may go."),
        "mechanisms": _(
            "What makes the transfers lawful: usually an adequacy decision, the "
            "EU-US Data Privacy Framework or standard contractual clauses."
        ),
    },
    m.SecurityAnswers: {
        "measures": _("Tick what you really do."),
        "description": _("Optional, in a sentence or two."),
    },
    m.RightsAnswers: {
        "rights": _(
            "The GDPR gives people these rights; the ones required in every policy "
            "are ticked already."
        ),
        "channels": _("Where people send their requests. You answer within one month."),
        "authority": _(
            "Where people may complain. For a company in Latvia: the Data State Inspectorate."
        ),
        "authority_other": _("Only if you chose “Another authority”."),
    },
    m.FinalAnswers: {
        "automated_description": _("Only if you answered “Yes” above."),
        "automated_ground": _(
            "Such decisions are allowed only for a contract, by law or with explicit consent "
            "(GDPR Art. 22(2))."
        ),
        "change_notices": _("How people learn that the policy changed."),
        "third_party_links": _("Useful if your site links to other websites."),
        "accuracy_duty": _("A reminder that people should tell you when their data changes."),
    },
}


def apply_help(form) -> None:
    """Give the form's fields their help texts, unless the model already has one."""
    texts = HELP.get(form._meta.model, {})
    for name, field in form.fields.items():
        if not field.help_text and name in texts:
            field.help_text = texts[name]
