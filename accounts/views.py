from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import signup as signup_service
from accounts.forms import InvitationSignupForm, SignupForm
from accounts.models import User
from audit.models import Action
from audit.services import record
from tenants import services

BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_not_required
def signup(request):
    """The form answers the same for every address: look in your e-mail (accounts.signup)."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signup_service.request_signup(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password1"],
            legal_name=data["legal_name"],
            # an empty address name is made from the company's name when the account is made
            slug=data["slug"] if request.POST.get("slug", "").strip() else "",
            country=data["country"],
            base_url=request.build_absolute_uri("/"),
        )
        request.session["signup_email"] = data["email"]
        return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


@login_not_required
def signup_sent(request):
    email = request.session.get("signup_email")
    return render(request, "accounts/signup_sent.html", {"email": email})


@login_not_required
def signup_confirm(request, token):
    """The link from the e-mail: a page to confirm (mail scanners only GET), then the account
    and the company, and the person logged in."""
    try:
        pending = signup_service.pending_for_token(token)
    except ValidationError as exc:
        return render(
            request, "accounts/signup_invalid.html", {"error": exc.messages[0]}, status=404
        )
    if request.method == "POST":
        try:
            user, tenant = signup_service.confirm_signup(pending)
        except ValidationError as exc:
            return render(
                request, "accounts/signup_invalid.html", {"error": exc.messages[0]}, status=409
            )
        login(request, user, backend=BACKEND)
        messages.success(
            request, _("Welcome! Your company %(name)s is ready.") % {"name": tenant.legal_name}
        )
        return redirect("company:dashboard", tenant_slug=tenant.slug)
    return render(request, "accounts/signup_confirm.html", {"pending": pending})


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
