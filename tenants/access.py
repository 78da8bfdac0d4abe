"""The one access gate: "this request's company and my role in it".

Every company-scoped view is wrapped in @company_view(perm). The company comes from the URL
(/t/<tenant_slug>/...) and is looked up together with the user's membership in one query:

- not logged in: LoginRequiredMiddleware sends the visitor to log in (for every slug alike);
- not a member, or no such company: 404, the same answer, so nothing hints that it exists;
- a member whose role lacks the permission: 403.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from audit.models import Action
from audit.services import record
from tenants.models import Membership, Tenant
from tenants.roles import Perm

SESSION_KEY = "current_company"


class CompanyRequest(HttpRequest):
    """An HttpRequest that passed the gate."""

    tenant: Tenant
    membership: Membership


def membership_for(user, tenant_slug: str) -> Membership:
    if not user.is_authenticated or not user.is_active:
        raise Http404
    membership = (
        Membership.objects.select_related("tenant")
        .filter(user=user, tenant__slug=tenant_slug)
        .first()
    )
    if membership is None:
        record(Action.NOT_FOUND, actor=user, company=tenant_slug)
        raise Http404
    return membership


def company_view(perm: Perm = Perm.VIEW, *, post: Perm | None = None):
    """Resolve tenant_slug into request.tenant and request.membership, or refuse.

    `perm` is needed for every request; `post`, when given, for POST requests as well (a page
    every member may read but only some may change).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, tenant_slug, *args, **kwargs):
            membership = membership_for(request.user, tenant_slug)
            needed = [perm, post] if post is not None and request.method == "POST" else [perm]
            missing = next((p for p in needed if not membership.can(p)), None)
            if missing is not None:
                record(
                    Action.FORBIDDEN,
                    request=request,
                    tenant=membership.tenant,
                    actor=request.user,
                    permission=missing,
                    path=request.path,
                )
                raise PermissionDenied
            request.tenant = membership.tenant
            request.membership = membership
            if request.session.get(SESSION_KEY) != tenant_slug:
                request.session[SESSION_KEY] = tenant_slug
            return view(request, *args, **kwargs)

        wrapped.company_perm = perm
        wrapped.company_post_perm = post or perm
        return wrapped

    return decorator
