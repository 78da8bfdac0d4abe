"""The public policy pages: only stored, published versions, never the live answers.

Each page costs a small constant number of queries, carries ETag, Last-Modified and
Cache-Control, and answers 304 to a revalidation. Anything not published is a 404.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import override

from policies import redline
from policies.models import Document, PolicyVersion
from policies.render.lv import TITLES

CACHE_SECONDS = 300
LANGUAGES = ("lv", "en")


def _versions(tenant_slug, doc_slug):
    return PolicyVersion.objects.filter(
        tenant__slug=tenant_slug, document__slug=doc_slug
    ).select_related("document", "document__tenant")


def _cached(request, response, etag, last_modified):
    """304 when the visitor's copy is current; otherwise the page with caching headers."""
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        patch_cache_control(not_modified, public=True, max_age=CACHE_SECONDS)
        return not_modified
    response["ETag"] = etag
    response["Last-Modified"] = last_modified.strftime("%a, %d %b %Y %H:%M:%S GMT")
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def _page(request, version, language, *, in_force, upcoming=None):
    text = version.texts.get(language)
    if text is None:
        raise Http404
    document = version.document
    tenant = document.tenant

    def url(lang, number=None):
        name = "public:" + ("version" if number else "policy") + ("_en" if lang == "en" else "")
        args = [tenant.slug, document.slug] + ([number] if number else [])
        return reverse(name, args=args)

    context = {
        "version": version,
        "document": document,
        "tenant": tenant,
        "text": text,
        "language": language,
        "alternates": [
            (lang, url(lang, None if in_force else version.number))
            for lang in LANGUAGES
            if lang in version.texts
        ],
        "in_force": in_force,
        "in_force_url": url(language),
        "upcoming": upcoming,
        "upcoming_url": url(language, upcoming.number) if upcoming else "",
    }
    with override(language):
        response = render(request, "public/policy.html", context)
    etag = f'"{version.content_hash[:32]}-{version.number}-{language}-{in_force}-' + (
        f'{upcoming.number}"' if upcoming else '0"'
    )
    return _cached(request, response, etag, version.published_at)


@login_not_required
def policy(request, tenant_slug, doc_slug, language="lv"):
    """The version in force, with a notice of an upcoming one."""
    if language not in LANGUAGES:
        raise Http404
    today = timezone.localdate()
    versions = _versions(tenant_slug, doc_slug)
    version = versions.filter(effective_date__lte=today).order_by("-number").first()
    if version is None:
        raise Http404
    upcoming = (
        PolicyVersion.objects.filter(document=version.document, effective_date__gt=today)
        .order_by("number")
        .only("number", "effective_date")
        .first()
    )
    return _page(request, version, language, in_force=True, upcoming=upcoming)


@login_not_required
def version_page(request, tenant_slug, doc_slug, number, language="lv"):
    if language not in LANGUAGES:
        raise Http404
    version = _versions(tenant_slug, doc_slug).filter(number=number).first()
    if version is None:
        raise Http404
    today = timezone.localdate()
    in_force_number = (
        PolicyVersion.objects.filter(document=version.document, effective_date__lte=today)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return _page(request, version, language, in_force=version.number == in_force_number)


@login_not_required
def archive(request, tenant_slug, doc_slug):
    versions = list(_versions(tenant_slug, doc_slug).defer("answers", "texts").order_by("-number"))
    if not versions:
        raise Http404
    today = timezone.localdate()
    in_force = next((v for v in versions if v.effective_date <= today), None)
    if in_force is None:
        raise Http404
    context = {
        "title": TITLES[versions[0].document.title_variant],
        "document": versions[0].document,
        "tenant": versions[0].document.tenant,
        "versions": versions,
        "in_force": in_force,
        "language": "lv",
    }
    with override("lv"):
        response = render(request, "public/archive.html", context)
    etag = f'"archive-{versions[0].number}-{in_force.number}"'
    return _cached(request, response, etag, versions[0].published_at)


@login_not_required
def company(request, tenant_slug):
    today = timezone.localdate()
    documents = list(
        Document.objects.filter(tenant__slug=tenant_slug, versions__effective_date__lte=today)
        .select_related("tenant")
        .distinct()
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
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


@login_not_required
def diff(request, tenant_slug, doc_slug, a, b, language="lv"):
    """What changed from version a to version b: the answers-based summary, then a redline."""
    if language not in LANGUAGES or a == b:
        raise Http404
    pair = {v.number: v for v in _versions(tenant_slug, doc_slug).filter(number__in=[a, b])}
    if len(pair) != 2 or any(language not in v.texts for v in pair.values()):
        raise Http404
    old, new = pair[a], pair[b]
    low, high = sorted((a, b))
    between = (
        PolicyVersion.objects.filter(document=new.document, number__gt=low, number__lte=high)
        .order_by("number")
        .only("number", "change_summary")
    )
    side_by_side = request.GET.get("view") == "side"
    context = {
        "tenant": new.document.tenant,
        "document": new.document,
        "old": old,
        "new": new,
        "language": language,
        "summaries": [(v.number, v.change_summary.get(language, [])) for v in between],
        "sections": redline.compare(old.texts[language], new.texts[language]),
        "side_by_side": side_by_side,
        "title": new.texts[language]["title"],
    }
    with override(language):
        response = render(request, "public/diff.html", context)
    etag = f'"diff-{old.content_hash[:16]}-{new.content_hash[:16]}-{language}-{side_by_side}"'
    return _cached(request, response, etag, max(old.published_at, new.published_at))
