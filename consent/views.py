"""The cookie banner's two public addresses, under the policy's own (/p/<company>/<document>/):

- consent.js: the banner's script and its configuration from the version in force, for the
  company's website to load with one <script> tag; kept with the public pages.
- consent/: where the banner sends each choice (POST, from the company's declared websites
  only, with CORS); it answers 201 and stores a record, or refuses with a reason and stores
  nothing. No cookie is read or set, so there is nothing for CSRF to protect: the request
  carries no credentials and can only add a row of its own.
"""

import hashlib
import json
from functools import cache as once

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.lockout import client_ip
from consent import banner, records
from policies.public.views import _cached, public_page

GLUE = "consent/banner.js"


@once
def _glue() -> str:
    path = finders.find(GLUE)
    with open(path, encoding="utf-8") as f:
        return f.read()


def _json_for_script(data) -> str:
    """JSON safe inside a script: no "</script>", no HTML comment, no line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


@public_page
def banner_script(request, tenant_slug, doc_slug):
    version = banner.in_force_version(tenant_slug, doc_slug)
    if version is None:
        raise Http404
    state = banner.states(tenant_slug, doc_slug)[-1]
    args = [tenant_slug, doc_slug]
    absolute = request.build_absolute_uri
    urls = {
        "endpoint": absolute(reverse("public:consent", args=args)),
        "script": absolute(static("consent/vendor/cookieconsent.umd.js")),
        "style": absolute(static("consent/vendor/cookieconsent.css")),
        "policy": {
            "lv": absolute(reverse("public:policy", args=args)),
            "en": absolute(reverse("public:policy_en", args=args)),
        },
    }
    body = (
        _glue()
        + "\nwindow.PolicyHubConsent.start("
        + _json_for_script(banner.config(version, state, urls))
        + ");\n"
    )
    digest = hashlib.sha256(body.encode()).hexdigest()[:32]

    def script():
        return HttpResponse(body, content_type="text/javascript; charset=utf-8")

    response = _cached(request, f'"consent-{digest}"', version.published_at, script)
    # Loaded by the company's own pages, which are another origin.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _cors(response, origin, allowed):
    response["Vary"] = "Origin"
    if allowed:
        response["Access-Control-Allow-Origin"] = origin
    return response


@csrf_exempt
@login_not_required
@require_http_methods(["POST", "OPTIONS"])
def record(request, tenant_slug, doc_slug):
    origin = request.headers.get("Origin", "")
    target = records.target(tenant_slug, doc_slug)
    allowed = target is not None and origin in target.origins
    if request.method == "OPTIONS":  # a preflight, for a script that sends application/json
        if target is None:
            raise Http404
        response = HttpResponse(status=204 if allowed else 403)
        response["Allow"] = "POST, OPTIONS"
        if allowed:
            response["Access-Control-Allow-Methods"] = "POST"
            response["Access-Control-Allow-Headers"] = "Content-Type"
            response["Access-Control-Max-Age"] = "86400"
        return _cors(response, origin, allowed)
    length = int(request.headers.get("Content-Length") or 0)
    body = b"" if length > settings.CONSENT_MAX_BODY else request.body
    try:
        with translation.override(records.language_of(body)):  # the banner's, for its errors
            if length > settings.CONSENT_MAX_BODY:
                raise records.Refused(413, records.TOO_LARGE)
            stored = records.record(
                tenant_slug=tenant_slug,
                doc_slug=doc_slug,
                origin=origin,
                address=client_ip(request),
                body=body,
            )
    except records.Refused as refusal:
        response = JsonResponse({"error": refusal.message}, status=refusal.status)
        return _cors(response, origin, allowed)
    response = JsonResponse(
        {
            "consent_id": str(stored.consent_id),
            "version": stored.version,
            "revision": stored.revision,
        },
        status=201,
    )
    return _cors(response, origin, allowed)
