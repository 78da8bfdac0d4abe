"""The public policy pages: only what publishing stored, never the live answers.

Pages serve the HTML stored with each version (`VersionRendering`) inside a small frame;
the PDF is the stored bytes. Each page costs a small constant number of queries, carries
ETag, Last-Modified and Cache-Control, and answers 304 to a revalidation. Anything not
published is a 404.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.csp import CSP
from django.utils.http import content_disposition_header, http_date
from django.utils.translation import override
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods, require_safe

from consent.banner import SETTINGS_HASH
from policies import redline
from policies.models import Document, PolicyVersion, VersionDiff, VersionRendering
from policies.models.versions import in_force_among, mark_states
from policies.public import cache
from policies.render.lv import TITLES

CACHE_SECONDS = 300
DAY = 86400
YEAR = 365 * DAY
LANGUAGES = ("lv", "en")


def public_page(view):
    """A public page: open without logging in, read only (GET and HEAD, 405 with an Allow
    header for every other method, TRACE and OPTIONS included), and kept ready in the
    public pages' cache (`policies.public.cache`)."""
    return login_not_required(require_safe(cache.cached(view)))


def _versions(tenant_slug, doc_slug):
    return (
        PolicyVersion.objects.filter(tenant__slug=tenant_slug, document__slug=doc_slug)
        .with_status()
        .select_related("document", "document__tenant")
    )


def _renderings(**version_filter):
    """Every language of the version the filter picks, with its document and company;
    without the PDF bytes and the frozen answers, which a page does not need."""
    return list(
        VersionRendering.objects.filter(**version_filter)
        .with_status(outer="version__")
        .annotate(
            cookie_ways=KeyTextTransform("management", KeyTransform("cookies", "version__answers"))
        )
        .select_related("version__document__tenant")
        .defer("pdf", "version__answers", "version__texts")
        .order_by("language")
    )


def _in_force(tenant_slug, doc_slug):
    """The version in force (`VersionQuerySet.in_force`), as a subquery of its id."""
    return (
        PolicyVersion.objects.filter(tenant__slug=tenant_slug, document__slug=doc_slug)
        .in_force()
        .values("pk")[:1]
    )


def _pick(renderings, language) -> VersionRendering:
    for rendering in renderings:
        if rendering.language == language:
            return rendering
    raise Http404


def _cached(request, etag, last_modified, make_response, max_age=CACHE_SECONDS):
    """304 when the visitor's copy is current, without making the page; otherwise the page
    that `make_response()` makes, with ETag and Last-Modified.

    HTTP dates have whole seconds: the stored time is truncated to compare like with like.
    """
    stamp = int(last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=stamp)
    if response is None:
        response = make_response()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(stamp)
    public_cache_headers(response, max_age)
    return response


def public_cache_headers(response, max_age=CACHE_SECONDS) -> None:
    """Cache-Control for browsers and for a CDN or caching proxy in front: kept `max_age`
    seconds (a shared cache a day at the most, so that an offboarded company's pages leave it
    within a day even unpurged), served stale for a minute while it revalidates, and for a
    day when the site is down."""
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=min(max_age, DAY),
        stale_while_revalidate=60,
        stale_if_error=DAY,
    )


def _render(request, template, context):
    with override(context["language"]):
        return render(request, f"public/{template}.html", context)


def _page_url(tenant, document, language, number=None):
    name = "public:" + ("version" if number else "policy") + ("_en" if language == "en" else "")
    args = [tenant.slug, document.slug] + ([number] if number else [])
    return reverse(name, args=args)


def pdf_url(version, language):
    document = version.document
    args = [document.tenant.slug, document.slug, version.number]
    return reverse("public:pdf_en" if language == "en" else "public:pdf", args=args)


def _page(request, renderings, language, *, in_force, upcoming=None):
    rendering = _pick(renderings, language)
    version = rendering.version
    version.withdrawn_by = rendering.withdrawn_by
    document = version.document
    tenant = document.tenant
    number = None if in_force else version.number
    context = {
        "rendering": rendering,
        "version": version,
        "document": document,
        "tenant": tenant,
        "language": language,
        "alternates": [
            (r.language, _page_url(tenant, document, r.language, number)) for r in renderings
        ],
        "in_force": in_force,
        "in_force_url": _page_url(tenant, document, language),
        "pdf_url": pdf_url(version, language),
        "upcoming": upcoming,
        "upcoming_url": _page_url(tenant, document, language, upcoming.number) if upcoming else "",
        "cookie_settings_url": _cookie_settings_url(rendering, tenant) if in_force else "",
    }
    settings_digest = hashlib.sha256(context["cookie_settings_url"].encode()).hexdigest()[:8]
    etag = (
        f'"{version.content_hash[:32]}-{version.number}-{language}-{in_force}-'
        f'{upcoming.number if upcoming else 0}-{version.withdrawn_by or 0}-{settings_digest}"'
    )
    return _cached(request, etag, version.published_at, lambda: _render(request, "policy", context))


def _cookie_settings_url(rendering, tenant) -> str:
    """Where visitors change their cookie choices: the cookie banner's settings on the
    company's first declared website, when the policy says it has a banner."""
    if tenant.embed_origins and "consent_banner" in (rendering.cookie_ways or ""):
        return f"{tenant.embed_origins[0]}/{SETTINGS_HASH}"
    return ""


def _upcoming(version):
    """The version that takes over from `version` on a later date: only the newest version
    can be upcoming, since a publication withdraws every older one not yet in effect."""
    newest = (
        PolicyVersion.objects.filter(document_id=version.document_id)
        .order_by("-number")
        .only("number", "effective_date")
        .first()
    )
    return newest if newest.effective_date > timezone.localdate() else None


@public_page
def policy(request, tenant_slug, doc_slug, language="lv"):
    """The version in force, with a notice of an upcoming one."""
    renderings = _renderings(version=Subquery(_in_force(tenant_slug, doc_slug)))
    if not renderings:
        raise Http404
    upcoming = _upcoming(renderings[0].version)
    return _page(request, renderings, language, in_force=True, upcoming=upcoming)


@public_page
def version_page(request, tenant_slug, doc_slug, number, language="lv"):
    renderings = _renderings(
        version__tenant__slug=tenant_slug, version__document__slug=doc_slug, version__number=number
    )
    if not renderings:
        raise Http404
    in_force = (
        PolicyVersion.objects.filter(tenant__slug=tenant_slug, document__slug=doc_slug)
        .in_force()
        .values_list("number", flat=True)
        .first()
    )
    return _page(request, renderings, language, in_force=number == in_force)


@public_page
@xframe_options_exempt
def embed(request, tenant_slug, doc_slug, language="lv"):
    """The version in force, to be shown in an iframe on the company's declared websites.

    Only those origins may frame it (CSP frame-ancestors); with none declared, nobody may.
    """
    renderings = _renderings(version=Subquery(_in_force(tenant_slug, doc_slug)))
    if not renderings:
        raise Http404
    rendering = _pick(renderings, language)
    version = rendering.version
    tenant = version.document.tenant
    context = {
        "rendering": rendering,
        "version": version,
        "tenant": tenant,
        "language": language,
        "page_url": _page_url(tenant, version.document, language),
    }
    origins = tenant.embed_origins
    digest = hashlib.sha256(" ".join(origins).encode()).hexdigest()[:12]
    etag = f'"embed-{version.content_hash[:32]}-{language}-{digest}"'
    response = _cached(
        request, etag, version.published_at, lambda: _render(request, "embed", context)
    )
    response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": origins or [CSP.NONE]}
    return response


@public_page
def version_pdf(request, tenant_slug, doc_slug, number, language="lv"):
    """The PDF stored at publishing: the same bytes on every download, ETag = their SHA-256."""
    rendering = (
        VersionRendering.objects.filter(
            version__tenant__slug=tenant_slug,
            version__document__slug=doc_slug,
            version__number=number,
            language=language,
        )
        .select_related("version")
        .only("pdf_sha256", "version__published_at")
        .first()
    )
    if rendering is None:
        raise Http404
    suffix = "-en" if language == "en" else ""
    filename = f"{tenant_slug}-{doc_slug}-v{number}{suffix}.pdf"

    def download():  # the bytes are read only when the visitor's copy is not current
        response = HttpResponse(bytes(rendering.pdf), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response

    etag = f'"{rendering.pdf_sha256}"'
    response = _cached(request, etag, rendering.version.published_at, download, max_age=YEAR)
    patch_cache_control(response, immutable=True)  # a version's PDF never changes
    return response


@login_not_required
@require_http_methods(["GET", "HEAD", "OPTIONS"])
def version_json(request, tenant_slug, doc_slug, number):
    """A version as data, for websites that lay the policy out themselves.

    OPTIONS answers a browser's CORS preflight, sent when a script asks with a header such as
    If-None-Match.
    """
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Allow"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD"
        response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response["Access-Control-Max-Age"] = str(DAY)
        return response
    return _version_json(request, tenant_slug=tenant_slug, doc_slug=doc_slug, number=number)


@cache.cached
def _version_json(request, tenant_slug, doc_slug, number):
    version = _versions(tenant_slug, doc_slug).filter(number=number).defer("answers").first()
    if version is None:
        raise Http404

    def as_json():  # made only when the visitor's copy is not current
        document = version.document
        tenant = document.tenant
        data = {
            "company": {"name": tenant.legal_name, "slug": tenant.slug},
            "document": document.slug,
            "version": version.number,
            "effective_date": version.effective_date.isoformat(),
            "published_at": version.published_at.isoformat(),
            "languages": {
                language: {
                    **text,
                    "change_summary": version.change_summary.get(language, []),
                    "html": request.build_absolute_uri(
                        _page_url(tenant, document, language, version.number)
                    ),
                    "pdf": request.build_absolute_uri(pdf_url(version, language)),
                }
                for language, text in version.texts.items()
            },
        }
        return JsonResponse(
            data, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")}
        )

    etag = f'"json-{version.content_hash[:32]}-{version.number}"'
    response = _cached(request, etag, version.published_at, as_json, max_age=DAY)
    # Public data without credentials: any website's script may read it, a 304 included.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@public_page
def archive(request, tenant_slug, doc_slug):
    versions = list(_versions(tenant_slug, doc_slug).defer("answers", "texts").order_by("-number"))
    if not versions:
        raise Http404
    in_force = in_force_among(versions)
    if in_force is None:
        raise Http404
    mark_states(versions, in_force.number)
    context = {
        "title": TITLES[versions[0].document.title_variant],
        "document": versions[0].document,
        "tenant": versions[0].document.tenant,
        "versions": versions,
        "in_force": in_force,
        "language": "lv",
    }
    etag = f'"archive-{versions[0].number}-{in_force.number}"'
    return _cached(
        request, etag, versions[0].published_at, lambda: _render(request, "archive", context)
    )


@public_page
def company(request, tenant_slug):
    documents = list(
        Document.objects.filter(
            tenant__slug=tenant_slug,
            pk__in=PolicyVersion.objects.filter(tenant__slug=tenant_slug)
            .published()
            .values("document_id"),
        )
        .select_related("tenant")
        .order_by("slug")
    )
    if not documents:
        raise Http404
    with override("lv"):
        response = render(
            request,
            "public/company.html",
            {"tenant": documents[0].tenant, "documents": documents, "language": "lv"},
        )
    public_cache_headers(response)
    return response


def _redline(old, new, language):
    """The redline stored at publishing for consecutive versions, or made now for others."""
    stored = (
        VersionDiff.objects.filter(tenant_id=new.tenant_id, old=old, new=new, language=language)
        .values_list("sections", flat=True)
        .first()
    )
    if stored is not None:
        return stored
    return redline.compare(old.texts[language], new.texts[language])


@public_page
def diff(request, tenant_slug, doc_slug, a, b, language="lv"):
    """What changed from version a to version b: the answers-based summary, then a redline."""
    if a == b:
        raise Http404
    in_force = PolicyVersion.objects.filter(document_id=OuterRef("document_id")).in_force()
    pair = {
        v.number: v
        for v in _versions(tenant_slug, doc_slug)
        .filter(number__in=[a, b])
        .annotate(in_force_number=Subquery(in_force.values("number")[:1]))
        .defer("answers")
    }
    if len(pair) != 2 or any(language not in v.texts for v in pair.values()):
        raise Http404
    old, new = pair[a], pair[b]
    for version in (old, new):
        mark_states([version], version.in_force_number)
    side_by_side = request.GET.get("view") == "side"

    def page():  # the redline is computed only when the visitor's copy is not current
        low, high = sorted((a, b))
        between = (
            PolicyVersion.objects.filter(document=new.document, number__gt=low, number__lte=high)
            .with_status()
            .order_by("number")
            .only("number", "change_summary")
        )
        context = {
            "tenant": new.document.tenant,
            "document": new.document,
            "old": old,
            "new": new,
            "language": language,
            "summaries": [
                (v.number, v.withdrawn_by, v.change_summary.get(language, [])) for v in between
            ],
            "sections": _redline(old, new, language),
            "side_by_side": side_by_side,
            "title": new.texts[language]["title"],
        }
        return _render(request, "diff", context)

    etag = (
        f'"diff-{old.content_hash[:16]}-{new.content_hash[:16]}-{language}-{side_by_side}-'
        f'{old.state}-{new.state}"'
    )
    return _cached(request, etag, max(old.published_at, new.published_at), page)
