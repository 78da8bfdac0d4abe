from django.utils.cache import add_never_cache_headers


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
