from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms import InvitationSignupForm, SignupForm
from accounts.models import User
from audit.models import Action
from audit.services import record
from tenants import services

BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_not_required
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, tenant = services.user_signup(
                email=data["email"],
                full_name=data["full_name"],
                password=data["password1"],
                legal_name=data["legal_name"],
                slug=data["slug"],
                country=data["country"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend=BACKEND)
            messages.success(
                request, _("Welcome! Your company %(name)s is ready.") % {"name": tenant.legal_name}
            )
            return redirect("company:dashboard", tenant_slug=tenant.slug)
    return render(request, "accounts/signup.html", {"form": form})


@login_not_required
def invitation(request, token):
    """Accept an invitation: as the logged-in invitee, or by creating an account."""
    try:
        invitation = services.invitation_for_token(token)
        services.invitation_check(invitation)
    except ValidationError as exc:
        status = 404 if exc.code == "invalid" else 410
        return render(
            request, "accounts/invitation_invalid.html", {"error": exc.messages[0]}, status=status
        )

    context = {"invitation": invitation, "tenant": invitation.tenant}
    user = request.user
    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=user)
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
            else:
                messages.success(
                    request, _("You have joined %(name)s.") % {"name": invitation.tenant.legal_name}
                )
                return redirect("company:dashboard", tenant_slug=invitation.tenant.slug)
        context["wrong_user"] = user.email != invitation.email
        return render(request, "accounts/invitation.html", context)

    if User.objects.filter(email=invitation.email).exists():
        context["needs_login"] = True
        return render(request, "accounts/invitation.html", context)

    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_signup(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend=BACKEND)
            messages.success(
                request,
                _("Welcome! You have joined %(name)s.") % {"name": invitation.tenant.legal_name},
            )
            return redirect("company:dashboard", tenant_slug=invitation.tenant.slug)
    context["form"] = form
    return render(request, "accounts/invitation.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        record(Action.PASSWORD_CHANGED, request=self.request, actor=form.user)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        record(Action.PASSWORD_CHANGED, request=self.request, actor=form.user, reset=True)
        return response
