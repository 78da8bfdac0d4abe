"""All answers of a document, loaded at once: what completeness, export and rendering read."""

from dataclasses import dataclass

from policies.models import (
    ControllerAnswers,
    Cookie,
    CookieAnswers,
    DataCategory,
    Document,
    FinalAnswers,
    Purpose,
    Recipient,
    RecipientsAnswers,
    RetentionRule,
    RightsAnswers,
    ScopeAnswers,
    SecurityAnswers,
    Service,
    TransferAnswers,
    WordingOverride,
)


@dataclass
class Answers:
    document: Document
    controller: ControllerAnswers
    scope: ScopeAnswers
    services: list[Service]
    categories: list[DataCategory]
    purposes: list[Purpose]
    recipients_answers: RecipientsAnswers
    recipients: list[Recipient]
    retention: list[RetentionRule]
    cookies: CookieAnswers
    cookie_rows: list[Cookie]
    transfers: TransferAnswers
    security: SecurityAnswers
    rights: RightsAnswers
    final: FinalAnswers
    overrides: list[WordingOverride]

    @property
    def recipients_outside_eea(self) -> list[Recipient]:
        return [r for r in self.recipients if r.outside_eea]


def load_answers(document: Document) -> Answers:
    """A constant number of queries, whatever the number of rows."""
    tenant = document.tenant

    def one(model):
        return model.objects.for_tenant(tenant).get(document=document)

    def rows(model):
        return list(model.objects.for_tenant(tenant).filter(document=document))

    categories = rows(DataCategory)
    by_id = {c.pk: c for c in categories}
    purposes = list(
        Purpose.objects.for_tenant(tenant).filter(document=document).prefetch_related("categories")
    )
    purposes_by_id = {p.pk: p for p in purposes}
    retention = rows(RetentionRule)
    for rule in retention:  # attach the already loaded objects instead of a query each
        if rule.category_id:
            rule.category = by_id.get(rule.category_id)
        if rule.purpose_id:
            rule.purpose = purposes_by_id.get(rule.purpose_id)
    return Answers(
        document=document,
        controller=one(ControllerAnswers),
        scope=one(ScopeAnswers),
        services=rows(Service),
        categories=categories,
        purposes=purposes,
        recipients_answers=one(RecipientsAnswers),
        recipients=rows(Recipient),
        retention=retention,
        cookies=one(CookieAnswers),
        cookie_rows=rows(Cookie),
        transfers=one(TransferAnswers),
        security=one(SecurityAnswers),
        rights=one(RightsAnswers),
        final=one(FinalAnswers),
        overrides=rows(WordingOverride),
    )
