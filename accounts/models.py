from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policyhub.validators import no_control_characters


def normalize_email(email: str) -> str:
    """E-mail addresses identify people here, so they are compared case-insensitively."""
    return (email or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email=normalize_email(username))

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address; companies are reached via memberships."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, validators=[no_control_characters])
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("site staff"), default=False, help_text=_("Can log in to the site administration.")
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class PendingSignup(models.Model):
    """A sign-up waiting for its address to be confirmed: nothing exists until the link in the
    e-mail is followed (`accounts.signup`). Only a hash of the link's token is stored, and
    the password only as its hash."""

    email = models.EmailField(_("e-mail"))
    full_name = models.CharField(_("full name"), max_length=150)
    password = models.CharField(max_length=128)
    legal_name = models.CharField(_("company's legal name"), max_length=200)
    slug = models.CharField(_("address name"), max_length=50, blank=True)  # empty: from the name
    country = models.CharField(_("country"), max_length=2)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("sign-up waiting for confirmation")
        verbose_name_plural = _("sign-ups waiting for confirmation")

    def __str__(self):
        return self.email
