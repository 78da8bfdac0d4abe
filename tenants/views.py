from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import record
from policies.models import Document
from registers.reviews import review
from tenants import services
from tenants.access import SESSION_KEY, CompanyRequest, company_view
from tenants.forms import CompanyCreateForm, CompanySettingsForm, InviteForm, RoleForm
from tenants.history import role_changes
from tenants.models import Invitation, Membership
from tenants.roles import Perm


@login_not_required
def home(request):
    """The start page: a short introduction, or the company a signed-in user worked in last."""
    if not request.user.is_authenticated:
        return render(request, "home.html")
    memberships = list(request.user.memberships.select_related("tenant"))
    if not memberships:
        return redirect("companies")
    remembered = request.session.get(SESSION_KEY)
    target = next((m for m in memberships if m.tenant.slug == remembered), memberships[0])
    return redirect("company:dashboard", tenant_slug=target.tenant.slug)


def companies(request):
    """The companies a user belongs to, and a form to create another one."""
    form = CompanyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tenant = services.tenant_create(owner=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Company %(name)s created.") % {"name": tenant.legal_name})
            return redirect("company:dashboard", tenant_slug=tenant.slug)
    memberships = request.user.memberships.select_related("tenant").order_by("tenant__legal_name")
    return render(request, "tenants/companies.html", {"form": form, "memberships": memberships})


@company_view(Perm.VIEW)
def dashboard(request: CompanyRequest):
    tenant = request.tenant
    context = {
        "documents": Document.objects.for_tenant(tenant),
        "member_count": Membership.objects.for_tenant(tenant).count(),
        "open_invitations": Invitation.objects.for_tenant(tenant)
        .filter(accepted_at__isnull=True)
        .count(),
        "register_review": review(tenant),
    }
    return render(request, "tenants/dashboard.html", context)


def _members_page(request: CompanyRequest, invite_form=None, status=200):
    tenant = request.tenant
    context = {
        "memberships": Membership.objects.for_tenant(tenant)
        .select_related("user")
        .order_by("user__full_name", "user__email"),
        "invite_form": invite_form or InviteForm(),
        "role_form": RoleForm(),
    }
    if request.membership.can(Perm.MANAGE):
        context["invitations"] = Invitation.objects.for_tenant(tenant).filter(
            accepted_at__isnull=True
        )
        context["changes"] = role_changes(tenant)
    return render(request, "tenants/members.html", context, status=status)


@company_view(Perm.VIEW)
def members(request: CompanyRequest):
    return _members_page(request)


@require_POST
@company_view(Perm.MANAGE)
def member_invite(request: CompanyRequest):
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                tenant=request.tenant,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("company:members", tenant_slug=request.tenant.slug)
    return _members_page(request, invite_form=form)


@require_POST
@company_view(Perm.MANAGE)
def member_role(request: CompanyRequest, code):
    membership = get_object_or_404(Membership.objects.for_tenant(request.tenant), code=code)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed roles."))
    else:
        try:
            services.membership_change_role(
                membership=membership, role=form.cleaned_data["role"], by=request.user
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Role of %(name)s changed.") % {"name": membership.user})
    return redirect("company:members", tenant_slug=request.tenant.slug)


@require_POST
@company_view(Perm.MANAGE)
def member_remove(request: CompanyRequest, code):
    membership = get_object_or_404(Membership.objects.for_tenant(request.tenant), code=code)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("company:members", tenant_slug=request.tenant.slug)
    messages.success(request, _("%(name)s removed from the company.") % {"name": membership.user})
    if membership.user == request.user:
        return redirect("home")
    return redirect("company:members", tenant_slug=request.tenant.slug)


@require_POST
@company_view(Perm.MANAGE)
def invitation_revoke(request: CompanyRequest, code):
    invitation = get_object_or_404(
        Invitation.objects.for_tenant(request.tenant).filter(accepted_at__isnull=True), code=code
    )
    invitation.delete()
    record(Action.INVITATION_REVOKED, obj=invitation, email=invitation.email)
    messages.success(request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email})
    return redirect("company:members", tenant_slug=request.tenant.slug)


@company_view(Perm.MANAGE)
def company_settings(request: CompanyRequest):
    form = CompanySettingsForm(request.POST or None, instance=request.tenant)
    if request.method == "POST" and form.is_valid():
        services.tenant_update(
            tenant=request.tenant,
            legal_name=form.cleaned_data["legal_name"],
            country=form.cleaned_data["country"],
            approval_required=form.cleaned_data["approval_required"],
            four_eyes=form.cleaned_data["four_eyes"],
            embed_origins=form.cleaned_data["embed_origins"],
            consent_retention_years=form.cleaned_data["consent_retention_years"],
            by=request.user,
        )
        messages.success(request, _("Company details saved."))
        return redirect("company:settings", tenant_slug=request.tenant.slug)
    context = {
        "form": form,
        "four_eyes_change": services.last_change_of(request.tenant, "four_eyes"),
    }
    return render(request, "tenants/settings.html", context)
