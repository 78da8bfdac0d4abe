from django.http import HttpResponseServerError
from django.template import loader


def server_error(request):
    """The generic error page, with the request's ID to quote (it is in the log line too).

    Rendered without context processors, like Django's own, so it works whatever failed.
    """
    page = loader.get_template("500.html").render({"request_id": getattr(request, "id", "")})
    return HttpResponseServerError(page)
