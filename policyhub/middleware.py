import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

from policyhub.log import current_request, new_request_id

AUTH_TIME_KEY = "auth_time"


class RequestIdMiddleware:
    """Gives each request an ID (`request.id`), sent back as X-Request-ID and logged with it,
    and makes the request known (policyhub.log.current_request) while it is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = new_request_id()
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response["X-Request-ID"] = request.id
        return response


def remember_auth_time(sender, request, user, **kwargs):
    """On every log-in (connected to `user_logged_in`): when this session was authenticated."""
    request.session[AUTH_TIME_KEY] = int(time.time())


class SessionLifetimeMiddleware:
    """A session ends SESSION_MAX_LIFETIME seconds after logging in, however active it is.

    The idle timeout (SESSION_COOKIE_AGE, renewed by every request) cannot do that alone. A
    signed-in session without a log-in time is ended too (fail closed).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            auth_time = request.session.get(AUTH_TIME_KEY)
            if auth_time is None or time.time() - auth_time > settings.SESSION_MAX_LIFETIME:
                logout(request)  # LoginRequiredMiddleware then asks to log in again
        return self.get_response(request)


class ResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy: same-origin, unless a view chose otherwise (the JSON).

    Not on a 304, whose headers would replace those of the copy the browser revalidated.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 304:
            response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class PrivatePagesMiddleware:
    """Signed-in pages are never stored by browsers or shared caches.

    A view that sets its own Cache-Control (the public policy pages) keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


class SharedCacheMiddleware:
    """A response that sets a cookie is never kept by shared caches.

    A signed-in member reading a public page gets its session cookie renewed
    (SESSION_SAVE_EVERY_REQUEST); a proxy storing that public response would hand the member's
    session to the next visitor. Such a response becomes private; visitors without a session
    still get the public, shareable one. Listed before SessionMiddleware, so it sees the
    cookies every other middleware sets.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies and "public" in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True)
        elif getattr(response, "same_for_everyone", False) and response.has_header("Vary"):
            # A public page is the same for every visitor, signed in or not: reading the
            # session to tell them apart adds "Vary: Cookie", which would only split caches.
            del response["Vary"]
        return response


class LanguageMiddleware:
    """Latvian unless the person chose another language with the switcher (a cookie).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is not consulted: the
    product speaks Latvian first, whatever language the browser was installed in.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if getattr(response, "same_for_everyone", False):
            return response  # a public page: its address names its language
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
