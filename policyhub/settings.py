"""PolicyHub settings: one file, every deployment-specific value from the environment.

Variables are documented in README.md ("Configuration") and .env.example. With DEBUG off
(the default), SECRET_KEY is required and the secure-transport settings are on.
"""

import shutil
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from policyhub.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", default=False)

if DEBUG:
    # Only ever used on a developer's machine: DEBUG is off in every deployment.
    SECRET_KEY = env_str("SECRET_KEY", default="dev-only-insecure-key-never-used-in-production")
else:
    SECRET_KEY = env_str("SECRET_KEY", required=True)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Public address of the site, used in e-mails sent outside a request (invitations from the
# demo command, for example).
SITE_URL = env_str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_countries",
    "axes",
    "policyhub",
    "accounts",
    "tenants",
    "policies",
    "audit",
    "consent",
    "scans",
    "registers",
    "django_tasks_db",
]

MIDDLEWARE = [
    "policyhub.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages from the cache, before the session and everything after it is consulted.
    "policies.public.cache.PublicPagesMiddleware",
    "policyhub.middleware.SharedCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "policyhub.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "policyhub.middleware.SessionLifetimeMiddleware",
    # Default deny: every view needs a logged-in user unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "policyhub.middleware.PrivatePagesMiddleware",
    "policyhub.middleware.ResourcePolicyMiddleware",
    # Turns a locked-out log-in into the "too many attempts" page; last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "policyhub.urls"
WSGI_APPLICATION = "policyhub.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tenants.context_processors.companies",
            ],
        },
    },
]

# ---------------------------------------------------------------------------------------------
# Database: SQLite in the project by default, PostgreSQL (psycopg 3) through DATABASE_URL
# ---------------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions serialise writers up front instead of failing mid-transaction
    # with "database is locked"; WAL lets readers go on while one process writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }

# ---------------------------------------------------------------------------------------------
# Cache: local memory in each process by default; Redis, shared by every process and server,
# with CACHE_URL (or REDIS_URL), e.g. redis://127.0.0.1:6379/1. A Redis that is down is
# skipped (IGNORE_EXCEPTIONS): pages are made from the database instead.
# ---------------------------------------------------------------------------------------------
CACHE_URL = env_str("CACHE_URL") or env_str("REDIS_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", default="policyhub"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The public pages' cache (policies/public/cache.py), and how long a process keeps a page
# before asking the shared cache again (0: always ask).
PUBLIC_PAGES_CACHE = "default"
PUBLIC_PAGES_LOCAL_SECONDS = env_int("PUBLIC_PAGES_LOCAL_SECONDS", 1)

# ---------------------------------------------------------------------------------------------
# Accounts and sessions
# ---------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTHENTICATION_BACKENDS = [
    # Refuses every log-in of a locked-out client before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Idle sessions end after SESSION_IDLE_MINUTES (30 by default).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
# However active, a session ends SESSION_MAX_HOURS (12 by default) after logging in.
SESSION_MAX_LIFETIME = env_int("SESSION_MAX_HOURS", 12) * 60 * 60

# Brute-force protection (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one
# e-mail address from one IP address, that pair is refused for LOGIN_LOCKOUT_MINUTES, even
# with the right password. Per pair, so nobody can lock a person out from elsewhere.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the log-in form's field (it holds the e-mail address)
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
AXES_USERNAME_CALLABLE = "accounts.lockout.username"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"

# The cookie banner's consent records (consent/): at most this many choices a minute from one
# (shortened) address, and bodies of at most this many bytes.
CONSENT_RATE_LIMIT = env_int("CONSENT_RATE_LIMIT", 30)
CONSENT_MAX_BODY = 2048

# The website scan (scans/): headless Chromium visits at most SCAN_MAX_PAGES pages of a
# company's declared website, for at most SCAN_SECONDS and SCAN_MAX_BYTES, through a proxy
# that refuses every address that is not public. A company may start SCAN_DAILY_LIMIT scans a
# day. SCAN_ALLOWED_NETWORKS and SCAN_HOSTS (names with fixed addresses, like curl's
# --resolve) open the loopback network to the tests' local websites; production leaves them
# empty.
SCAN_MAX_PAGES = 20
SCAN_SECONDS = 60
SCAN_MAX_BYTES = 20 * 1024 * 1024
SCAN_DAILY_LIMIT = env_int("SCAN_DAILY_LIMIT", 10)
SCAN_CHROMIUM = env_str("SCAN_CHROMIUM", default="") or shutil.which("chromium") or ""
SCAN_ALLOWED_NETWORKS: list[str] = []
SCAN_HOSTS: dict[str, list[str]] = {}

# Background work (Django's tasks framework) on the project's own database: `manage.py
# db_worker` runs the tasks; start as many workers, on as many machines, as needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# The security log (audit) keeps its events this many days; `manage.py purge_audit_log`, run
# daily, deletes older ones. The database refuses to delete events younger than 30 days.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)

# An invitation link works once, for this many days.
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)
# How long the link that confirms a sign-up works.
SIGNUP_VALID_HOURS = env_int("SIGNUP_VALID_HOURS", 48)

# ---------------------------------------------------------------------------------------------
# Languages: Latvian first, English too
# ---------------------------------------------------------------------------------------------
LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", _("Latvian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["policyhub.formats"]
# dumpdata/loaddata: JSON with times to the microsecond, so that backups give back history
# exactly (policyhub/serialization.py).
SERIALIZATION_MODULES = {"json": "policyhub.serialization"}
USE_I18N = True
TIME_ZONE = "Europe/Riga"
USE_TZ = True

# ---------------------------------------------------------------------------------------------
# Static files: WhiteNoise, with hashed names and compression outside DEBUG
# ---------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In development, files are served straight from static/ as they change.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))

# ---------------------------------------------------------------------------------------------
# E-mail: printed to the console unless EMAIL_HOST names an SMTP server
# ---------------------------------------------------------------------------------------------
smtp_host = env_str("EMAIL_HOST", default="")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": smtp_host,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER", default=""),
                "password": env_str("EMAIL_HOST_PASSWORD", default=""),
                "use_ssl": env_bool("EMAIL_USE_SSL", default=False),
                "use_tls": env_bool("EMAIL_USE_TLS", default=not env_bool("EMAIL_USE_SSL")),
                "timeout": env_int("EMAIL_TIMEOUT", 10),
            },
        }
        if smtp_host
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    ),
    # For messages nobody needs to receive (the demo company's invitations).
    "quiet": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"},
}
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", default="PolicyHub <noreply@policyhub.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------------------------------------
# Security: secure transport and cookies outside DEBUG; CSP everywhere
# ---------------------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Only when a trusted proxy in front of the app sets X-Forwarded-Proto and X-Forwarded-For
# (the client's address is then the last one the proxy appended).
BEHIND_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
if not DEBUG:
    # The __Host- prefix pins the cookies to this host, HTTPS and path /.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG

SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # Bootstrap draws form controls with inline SVG data URIs.
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# ---------------------------------------------------------------------------------------------
# PDF rendering at publishing: a child process with a memory and a time limit
# ---------------------------------------------------------------------------------------------
PDF_RENDER_IN_PROCESS = env_bool("PDF_RENDER_IN_PROCESS", default=False)
PDF_RENDER_TIMEOUT = env_int("PDF_RENDER_TIMEOUT", 60)
PDF_RENDER_MEMORY = env_int("PDF_RENDER_MEMORY_MB", 1024) * 1024 * 1024

# ---------------------------------------------------------------------------------------------
# Forms, history, logging
# ---------------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every line written during a request carries its ID, the one shown on the error page.
    "filters": {"request_id": {"()": "policyhub.log.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"filters": ["request_id"]},
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes: lock-outs are warnings; its start-up and housekeeping notes are not kept
        "axes": {"level": "WARNING"},
    },
}
