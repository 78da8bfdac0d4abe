"""The GDPR Art. 13 check: each rule, and what it tells the person to fix."""

import pytest

from policies.answers import load_answers
from policies.models import DataCategory, Purpose, Recipient, RetentionRule
from policies.wizard import completeness


def report(document):
    return completeness.check(load_answers(document))


def missing(document, code_or_title):
    return [
        m
        for item in report(document).missing
        if code_or_title in (item.code, str(item.title))
        for m in item.missing
    ]


def test_a_new_document_lists_what_is_missing_with_its_step(document):
    r = report(document)
    assert not r.complete
    steps = {item.step for item in r.missing}
    assert {
        "controller",
        "data",
        "purposes",
        "recipients",
        "retention",
        "security",
        "final",
    } <= steps
    assert any("e-mail" in str(m) or "e-pasta" in str(m) for m in missing(document, "13(1)(a)"))


def test_consent_needs_the_right_to_withdraw_it(document):
    Purpose.objects.create(document=document, code="newsletter", legal_bases=["consent"])
    document.rights.rights = ["access"]
    document.rights.save()
    assert missing(document, "13(2)(c)")
    document.rights.rights = ["access", "withdraw_consent"]
    document.rights.save()
    assert not missing(document, "13(2)(c)")


def test_legitimate_interests_need_their_explanation(document):
    purpose = Purpose.objects.create(
        document=document, code="cctv", legal_bases=["legitimate_interests"]
    )
    assert missing(document, "13(1)(d)")
    purpose.legitimate_interest = "Noziedzīgu nodarījumu novēršana veikalā."
    purpose.save()
    assert not missing(document, "13(1)(d)")


@pytest.mark.unscoped_queries_allowed("changes a saved answer directly")
def test_a_recipient_outside_the_eea_needs_a_safeguard(document):
    Recipient.objects.create(document=document, name="Mailchimp", country="US")
    document.transfers.status = "yes"
    document.transfers.save()
    found = missing(document, "13(1)(f)")
    assert any("Mailchimp" in str(m) for m in found)
    Recipient.objects.filter(name="Mailchimp").update(mechanisms=["eu_us_dpf"])
    document.transfers.mechanisms = ["eu_us_dpf"]
    document.transfers.save()
    assert not missing(document, "13(1)(f)")


def test_a_recipient_outside_the_eea_needs_the_transfer_stated(document):
    Recipient.objects.create(document=document, name="Vercel", country="US", mechanisms=["scc"])
    document.transfers.status = "none"
    document.transfers.save()
    assert missing(document, "13(1)(f)")


def test_marketing_cookies_need_consent(document):
    c = document.cookies
    c.uses_cookies, c.categories, c.management = (
        "yes",
        ["necessary", "marketing"],
        ["browser_settings"],
    )
    c.save()
    assert len(missing(document, "rule")) == 2
    c.consent_first, c.management = True, ["consent_banner"]
    c.save()
    assert not missing(document, "rule")


def test_necessary_cookies_alone_need_no_consent(document):
    c = document.cookies
    c.uses_cookies, c.categories, c.management = "yes", ["necessary"], ["browser_settings"]
    c.save()
    assert not missing(document, "rule")
    assert not missing(document, "cookies")


def test_every_kind_of_data_needs_a_retention_period(document):
    orders = DataCategory.objects.create(document=document, code="order")
    logs = DataCategory.objects.create(document=document, code="server_logs", position=1)
    RetentionRule.objects.create(
        document=document, category=orders, bound="exact", period=7, unit="years"
    )
    found = missing(document, "13(2)(a)")
    assert len(found) == 1 and logs.name in str(found[0])


def test_the_data_of_a_purpose_with_a_period_is_covered(document):
    contact = DataCategory.objects.create(document=document, code="contact")
    purpose = Purpose.objects.create(document=document, code="newsletter", legal_bases=["consent"])
    purpose.categories.add(contact)
    RetentionRule.objects.create(
        document=document, purpose=purpose, bound="criterion", trigger="until_consent_withdrawn"
    )
    assert not missing(document, "13(2)(a)")


def test_a_designated_officer_needs_contacts(document):
    document.controller.dpo_appointed = True
    document.controller.save()
    assert missing(document, "13(1)(b)")
    document.controller.dpo_email = "das@example.lv"
    document.controller.save()
    assert not missing(document, "13(1)(b)")


def test_a_company_outside_the_eea_needs_a_representative(document):
    document.controller.country = "US"
    document.controller.save()
    assert any("EU" in str(m) or "ES" in str(m) for m in missing(document, "13(1)(a)"))


def test_the_panel_links_each_missing_item_to_its_step(editor, login, document):
    page = login(editor).get("/t/alfa/documents/privatuma-politika/").content.decode()
    assert 'href="/t/alfa/documents/privatuma-politika/wizard/security/"' in page
    assert "VDAR 13. panta 2. punkta a) apakšpunkts" in page


def test_the_check_needs_a_constant_number_of_queries(document, django_assert_num_queries):
    for i in range(20):
        c = DataCategory.objects.create(document=document, code="contact", position=i)
        p = Purpose.objects.create(
            document=document, code="support", legal_bases=["contract"], position=i
        )
        p.categories.add(c)
        RetentionRule.objects.create(
            document=document, category=c, bound="exact", period=1, unit="years", position=i
        )
    with django_assert_num_queries(16):
        completeness.check(load_answers(document))


def test_an_incomplete_document_is_refused_by_name(document):
    import pytest
    from django.core.exceptions import ValidationError

    from policies.services import ensure_complete

    with pytest.raises(ValidationError) as caught:
        ensure_complete(document)
    assert "Security measures" in str(caught.value) or "Drošības pasākumi" in str(caught.value)
