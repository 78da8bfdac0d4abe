"""Deploy checks of our own (`manage.py check --deploy`): the protections PolicyHub relies on.

Each returns a list of findings; an empty list is a pass. Registered from PolicyHubConfig.ready.
"""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, register

REQUIRED_MIDDLEWARE = [
    "policies.public.cache.PublicPagesMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "policyhub.middleware.SessionLifetimeMiddleware",
    "axes.middleware.AxesMiddleware",
]
UNSAFE_SCRIPT_SOURCES = {"'unsafe-inline'", "'unsafe-eval'"}


def _sources(policy: dict, directive: str) -> set[str]:
    return {str(source) for source in policy.get(directive) or []}


@register(Tags.security, deploy=True)
def check_content_security_policy(app_configs=None, **kwargs):
    policy = settings.SECURE_CSP or {}
    if not policy:
        return [
            Error(
                "SECURE_CSP is empty: pages carry no Content Security Policy.", id="policyhub.E001"
            )
        ]
    findings = []
    scripts = _sources(policy, "script-src") or _sources(policy, "default-src")
    if not scripts or scripts & UNSAFE_SCRIPT_SOURCES:
        findings.append(
            Error(
                "SECURE_CSP must limit script-src, without 'unsafe-inline' or 'unsafe-eval'.",
                id="policyhub.E002",
            )
        )
    for directive in ("frame-ancestors", "object-src"):
        if _sources(policy, directive) != {"'none'"}:
            findings.append(Error(f"SECURE_CSP must set {directive} 'none'.", id="policyhub.E003"))
    return findings


@register(Tags.security, deploy=True)
def check_middleware(app_configs=None, **kwargs):
    return [
        Error(f"{name} must be in MIDDLEWARE.", id="policyhub.E004")
        for name in REQUIRED_MIDDLEWARE
        if name not in settings.MIDDLEWARE
    ]


@register(Tags.security, deploy=True)
def check_tenant_scoping(app_configs=None, **kwargs):
    """Rows a company owns are read through `objects.for_tenant(tenant)`."""
    return [
        Error(f"{model._meta.label}: its default manager has no for_tenant().", id="policyhub.E005")
        for model in apps.get_models()
        if any(field.name == "tenant" for field in model._meta.fields)
        and not hasattr(model, "instance_type")  # history rows: written by django-simple-history
        and not hasattr(model._default_manager, "for_tenant")
    ]


@register(Tags.security, deploy=True)
def check_history(app_configs=None, **kwargs):
    if getattr(settings, "SIMPLE_HISTORY_ENABLED", True) is False:
        return [
            Error("SIMPLE_HISTORY_ENABLED is False: changes go unrecorded.", id="policyhub.E006")
        ]
    return []


@register(Tags.security, deploy=True)
def check_pdf_renderer(app_configs=None, **kwargs):
    """WeasyPrint loads bundled assets only, in a child process with limits."""
    from policies.pdf.fetcher import AssetFetcher, asset_path

    findings = []
    if settings.PDF_RENDER_IN_PROCESS:
        findings.append(
            Error(
                "PDF_RENDER_IN_PROCESS is on: PDFs are rendered without memory and time limits.",
                id="policyhub.E007",
            )
        )
    if settings.PDF_RENDER_TIMEOUT <= 0 or settings.PDF_RENDER_MEMORY <= 0:
        findings.append(
            Error(
                "PDF_RENDER_TIMEOUT and PDF_RENDER_MEMORY_MB must be positive.", id="policyhub.E008"
            )
        )
    fetcher = AssetFetcher()
    loaded = []
    for url in ("file:///etc/hostname", "http://127.0.0.1/", "asset:../fetcher.py"):
        try:
            fetcher.fetch(url)
        except Exception:  # refused, whatever the reason given
            continue
        loaded.append(url)
    if loaded or asset_path("pdf.css") is None:
        findings.append(
            Error(
                "The PDF fetcher (policies.pdf.fetcher.AssetFetcher) must serve the bundled "
                "stylesheet and refuse files, the network and paths out of its assets.",
                id="policyhub.E009",
            )
        )
    return findings
