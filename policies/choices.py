"""Enumerations of the wizard's answers. Codes are stable (they appear in exported JSON);
labels are English in the source and Latvian in the catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TitleVariant(models.TextChoices):
    PRIVACY_POLICY = "privacy_policy", _("Privacy policy")
    CONFIDENTIALITY_POLICY = "confidentiality_policy", _("Confidentiality policy")
    PROCESSING_RULES = "processing_rules", _("Personal data processing rules")


class AddressForm(models.TextChoices):
    FORMAL = "formal", _("Formal (“Jūs”)")
    INFORMAL = "informal", _("Informal (“tu”)")


class LegalForm(models.TextChoices):
    SIA = "sia", _("Limited liability company (SIA)")
    AS = "as", _("Joint-stock company (AS)")
    IK = "ik", _("Registered sole trader (IK)")
    PS = "ps", _("General partnership (PS)")
    KS = "ks", _("Limited partnership (KS)")
    BIEDRIBA = "biedriba", _("Association (biedrība)")
    NODIBINAJUMS = "nodibinajums", _("Foundation (nodibinājums)")
    FILIALE = "filiale", _("Branch of a foreign company")
    SDV = "sdv", _("Self-employed person")
    EE_OU = "ee_ou", _("Estonian private limited company (OÜ)")
    EE_AS = "ee_as", _("Estonian public limited company (AS)")
    LT_UAB = "lt_uab", _("Lithuanian private limited company (UAB)")
    OTHER = "other", pgettext_lazy("legal form", "Other")


class ServiceChannel(models.TextChoices):
    WEBSITE = "website", _("Website")
    WEB_APP = "web_app", _("Web application (SaaS)")
    ESHOP = "eshop", _("Online shop")
    MOBILE_APP = "mobile_app", _("Mobile app")
    PREMISES = "premises", _("Physical premises or shop")
    DIRECT_CONTACT = "direct_contact", _("E-mail and phone")


class DataSubjectCategory(models.TextChoices):
    WEBSITE_VISITOR = "website_visitor", _("Website visitors")
    USER = "user", _("Users with an account")
    CUSTOMER = "customer", _("Customers and buyers")
    PROSPECT = "prospect", _("Prospective customers")
    SUBSCRIBER = "subscriber", _("Newsletter subscribers")
    PREMISES_VISITOR = "premises_visitor", _("Visitors of the premises")
    CUSTOMERS_CLIENTS = "customers_clients", _("Clients of our customers")
    CONTACT_PERSON = "contact_person", _("Contact persons of business customers")


class DataCategoryCode(models.TextChoices):
    IDENTITY = "identity", _("Identity data")
    CONTACT = "contact", _("Contact details")
    ACCOUNT = "account", _("Account data")
    PROFILE = "profile", _("Profile information")
    PAYMENT = "payment", _("Payment data")
    BILLING_DELIVERY = "billing_delivery", _("Billing and delivery address")
    ORDER = "order", _("Order data")
    CONTRACT = "contract", _("Contract data")
    COMMUNICATION = "communication", _("Messages and requests")
    CONTENT = "content", _("Content data")
    TECHNICAL = "technical", _("Technical data")
    USAGE = "usage", _("Usage data")
    SERVER_LOGS = "server_logs", _("Server logs")
    COOKIE_IDS = "cookie_ids", _("Cookie identifiers")
    MARKETING_PREFS = "marketing_prefs", _("Marketing preferences")
    INTERESTS = "interests", _("Interests and other data provided")
    INTEGRATION = "integration", _("Data from integrations")
    CUSTOMER_RECORDS = "customer_records", _("Records users keep about their own clients")
    CCTV = "cctv", _("Video recordings")
    CUSTOM = "custom", _("Other (name it)")


class SpecialCondition(models.TextChoices):
    """GDPR Art. 9(2): the condition that allows processing a special category of data."""

    EXPLICIT_CONSENT = "explicit_consent", _("Explicit consent – Art. 9(2)(a)")
    EMPLOYMENT = "employment", _("Employment and social security law – Art. 9(2)(b)")
    VITAL_INTERESTS = "vital_interests", _("Vital interests, consent impossible – Art. 9(2)(c)")
    NOT_FOR_PROFIT = "not_for_profit", _("A non-profit body's members – Art. 9(2)(d)")
    MADE_PUBLIC = "made_public", _("Made public by the person – Art. 9(2)(e)")
    LEGAL_CLAIMS = "legal_claims", _("Legal claims – Art. 9(2)(f)")
    PUBLIC_INTEREST = "public_interest", _("Substantial public interest under law – Art. 9(2)(g)")
    HEALTH_CARE = "health_care", _("Health or social care – Art. 9(2)(h)")
    PUBLIC_HEALTH = "public_health", _("Public health – Art. 9(2)(i)")
    ARCHIVING = "archiving", _("Archiving, research or statistics – Art. 9(2)(j)")


class DataSource(models.TextChoices):
    DATA_SUBJECT = "data_subject", _("Given by the person")
    AUTOMATIC = "automatic", _("Collected automatically")
    THIRD_PARTY = "third_party", _("From third parties")
    PUBLIC = "public", _("From public sources")


class ProvisionRequirement(models.TextChoices):
    STATUTORY = "statutory", _("Required by law")
    CONTRACTUAL = "contractual", _("Needed for the contract")
    VOLUNTARY = "voluntary", _("Voluntary")


class PurposeCode(models.TextChoices):
    SERVICE_PROVISION = "service_provision", _("Providing the service")
    ACCOUNT = "account", _("Registration and account management")
    INQUIRIES = "inquiries", _("Answering requests")
    ORDER_PROCESSING = "order_processing", _("Processing orders")
    DELIVERY = "delivery", _("Delivery")
    PAYMENTS = "payments", _("Payments and subscriptions")
    INVOICING = "invoicing", _("Invoicing")
    REFUNDS = "refunds", _("Refunds")
    SUPPORT = "support", _("Customer support")
    SERVICE_NOTICES = "service_notices", _("Service notifications")
    CRM = "crm", _("Customer relationship management")
    SITE_ADMIN_SECURITY = "site_admin_security", _("Running and protecting the website")
    ANALYTICS = "analytics", _("Analytics and traffic measurement")
    PRODUCT_IMPROVEMENT = "product_improvement", _("Improving the product")
    RECOMMENDATIONS = "recommendations", _("Recommendations")
    NEWSLETTER = "newsletter", _("Newsletters and marketing e-mail")
    PERSONALISED_OFFERS = "personalised_offers", _("Personalised offers")
    TARGETED_ADS_SOCIAL = "targeted_ads_social", _("Social media and targeted advertising")
    INTEGRATIONS = "integrations", _("Integrations with other services")
    ACCOUNTING = "accounting", _("Accounting")
    CONSUMER_DISPUTES = "consumer_disputes", _("Resolving consumer disputes")
    PHONE_IDENTIFICATION = "phone_identification", _("Identifying callers")
    CCTV = "cctv", _("Video surveillance")
    LEGAL_CLAIMS = "legal_claims", _("Establishing and defending legal claims")
    CUSTOM = "custom", _("Other (name it)")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent – Art. 6(1)(a)")
    CONTRACT = "contract", _("Contract – Art. 6(1)(b)")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation – Art. 6(1)(c)")
    VITAL_INTERESTS = "vital_interests", _("Vital interests – Art. 6(1)(d)")
    PUBLIC_TASK = "public_task", _("Public task or official authority – Art. 6(1)(e)")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Legitimate interests – Art. 6(1)(f)")


class InterestHolder(models.TextChoices):
    CONTROLLER = "controller", _("Ours")
    THIRD_PARTY = "third_party", _("A third party's")
    BOTH = "both", _("Ours and a third party's")


class DpiaStatus(models.TextChoices):
    """Whether a data protection impact assessment (GDPR Art. 35) was made for an activity."""

    DONE = "done", _("Made")
    NEEDED = "needed", _("Needed, not made yet")
    NOT_NEEDED = "not_needed", _("Not needed")


class RecipientRole(models.TextChoices):
    PROCESSOR = "processor", _("Processor (works on our instructions)")
    CONTROLLER = "controller", _("Independent controller")
    JOINT_CONTROLLER = "joint_controller", _("Joint controller")
    AUTHORITY = "authority", _("Public authority")
    SUCCESSOR_OR_GROUP = "successor_or_group", _("Another company (continuity of service)")
    OTHER_WITH_CONSENT = "other_with_consent", _("Others, with the person's consent")


class RecipientServiceType(models.TextChoices):
    PAYMENTS = "payments", _("Payments")
    HOSTING_IT = "hosting_it", _("Hosting and IT")
    ANALYTICS = "analytics", _("Analytics")
    ADVERTISING = "advertising", _("Advertising and social networks")
    EMAIL_MARKETING = "email_marketing", _("E-mail marketing")
    DELIVERY = "delivery", pgettext_lazy("recipient service", "Delivery")
    ACCOUNTING = "accounting", pgettext_lazy("recipient service", "Accounting")
    CHAT = "chat", _("Chat")
    EMBEDDED_MEDIA = "embedded_media", _("Video platforms")
    MAPS = "maps", _("Maps")
    COMMUNICATION = "communication", _("Communication services")
    POSTAL = "postal", _("Postal services")
    ADMINISTRATIVE = "administrative", _("Administrative services")
    IT_SUPPORT = "it_support", _("IT support")
    MARKETING_SERVICES = "marketing_services", _("Marketing services")
    LEGAL_AUTHORITIES = "legal_authorities", _("Courts and authorities")


class RetentionBound(models.TextChoices):
    EXACT = "exact", _("A fixed period (e.g. 7 years)")
    UP_TO = "up_to", _("At most (e.g. up to 6 months)")
    RANGE = "range", _("A range (e.g. 30–180 days)")
    CRITERION = "criterion", _("Until an event (e.g. until the account is deleted)")


class PeriodUnit(models.TextChoices):
    DAYS = "days", _("days")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


class RetentionTrigger(models.TextChoices):
    WHILE_ACCOUNT_ACTIVE = "while_account_active", _("While the account is active")
    UNTIL_ACCOUNT_DELETION = "until_account_deletion", _("Until the account is deleted")
    UNTIL_CONSENT_WITHDRAWN = "until_consent_withdrawn", _("Until consent is withdrawn")
    UNTIL_OPT_OUT = "until_opt_out", _("Until the person unsubscribes")
    LEGAL_REQUIREMENT = "legal_requirement", _("As long as the law requires")
    AS_LONG_AS_NECESSARY = "as_long_as_necessary", _("As long as needed for the purpose")
    LIMITATION_PERIOD = "limitation_period", _("Until claims become time-barred")


class CookieCategory(models.TextChoices):
    NECESSARY = "necessary", _("Strictly necessary cookies")
    PREFERENCES = "preferences", _("Preference cookies")
    STATISTICS = "statistics", _("Statistics cookies")
    MARKETING = "marketing", _("Marketing cookies")


class CookieManagement(models.TextChoices):
    BROWSER_SETTINGS = "browser_settings", _("Browser settings")
    CONSENT_BANNER = "consent_banner", _("Cookie consent banner")
    SETTINGS_LINK = "settings_link", _("Cookie settings link on the website")
    COOKIE_POLICY = "cookie_policy", _("A separate cookie policy")


class TransferStatus(models.TextChoices):
    NONE = "none", _("No: data stays in the EU/EEA")
    POSSIBLE = "possible", _("Possibly, through some service providers")
    YES = "yes", _("Yes")


class TransferMechanism(models.TextChoices):
    ADEQUACY = "adequacy", _("Adequacy decision of the European Commission")
    EU_US_DPF = "eu_us_dpf", _("EU-US Data Privacy Framework")
    SCC = "scc", _("Standard contractual clauses")
    BCR = "bcr", _("Binding corporate rules")
    DEROGATION = "derogation", _("Derogation for a specific situation (Art. 49)")


class SecurityMeasure(models.TextChoices):
    ENCRYPTION = "encryption", _("Encryption of stored data")
    TLS = "tls", _("Encrypted connections (TLS)")
    ACCESS_CONTROL = "access_control", _("Access restrictions")
    NEED_TO_KNOW = "need_to_know", _("Access only for staff who need it")
    REGULAR_TESTING = "regular_testing", _("Regular checks and updates")
    BACKUPS = "backups", _("Backups")
    PHYSICAL = "physical", _("Physical protection")
    ORGANISATIONAL = "organisational", _("Organisational measures and staff training")
    PASSWORD_HASHING = "password_hashing", _("Passwords stored only as hashes")
    PSEUDONYMISATION = "pseudonymisation", _("Pseudonymisation")
    LOGGING = "logging", _("Logging of access")


class DataSubjectRight(models.TextChoices):
    ACCESS = "access", _("Access to the data and a copy")
    RECTIFICATION = "rectification", _("Rectification")
    ERASURE = "erasure", _("Erasure (“to be forgotten”)")
    RESTRICTION = "restriction", _("Restriction of processing")
    NOTIFICATION = "notification", _("Being told of rectification, erasure or restriction")
    PORTABILITY = "portability", _("Data portability")
    OBJECT = "object", _("Objection to processing")
    OBJECT_DIRECT_MARKETING = "object_direct_marketing", _("Objection to direct marketing")
    AUTOMATED_DECISIONS = (
        "automated_decisions",
        _("Not to be subject to decisions based solely on automated processing"),
    )
    WITHDRAW_CONSENT = "withdraw_consent", _("Withdrawal of consent at any time")
    COMPLAINT = "complaint", _("Complaint to the supervisory authority")
    JUDICIAL_REMEDY = "judicial_remedy", _("Remedy in court")


# Art. 13(2)(b) and (d): every policy states these.
REQUIRED_RIGHTS = (
    DataSubjectRight.ACCESS,
    DataSubjectRight.RECTIFICATION,
    DataSubjectRight.ERASURE,
    DataSubjectRight.RESTRICTION,
    DataSubjectRight.PORTABILITY,
    DataSubjectRight.OBJECT,
    DataSubjectRight.COMPLAINT,
)


class ExerciseChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    CONTACT_PAGE = "contact_page", _("Contact page of the website")
    ACCOUNT_SECTION = "account_section", _("A section in the user's account")
    COOKIE_SETTINGS = "cookie_settings", _("Cookie settings")
    POST = "post", _("Post")
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")


class ChangeNoticeMethod(models.TextChoices):
    WEBSITE = "website", _("Publishing the new version on the website")
    EMAIL = "email", _("E-mail")
    IN_APP = "in_app", _("A notice in the app")


class Authority(models.TextChoices):
    LV_DVI = "lv_dvi", _("Data State Inspectorate (Latvia)")
    EE_AKI = "ee_aki", _("Data Protection Inspectorate (Estonia)")
    LT_VDAI = "lt_vdai", _("State Data Protection Inspectorate (Lithuania)")
    OTHER = "other", _("Another authority")


class AutomatedGround(models.TextChoices):
    """GDPR Art. 22(2): why a decision based solely on automated processing is allowed."""

    CONTRACT = "contract", _("Needed for a contract with the person – Art. 22(2)(a)")
    LAW = "law", _("Authorised by law – Art. 22(2)(b)")
    EXPLICIT_CONSENT = "explicit_consent", _("The person's explicit consent – Art. 22(2)(c)")


class CookieParty(models.TextChoices):
    FIRST = "first", _("First-party (set by our website)")
    THIRD = "third", _("Third-party (set by another service)")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
