"""The site's URLs plus a page that fails, for the error-page test (CFG-3)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from policyhub import urls


@login_not_required
def fail(request):
    raise RuntimeError("SELECT password FROM accounts_user; SECRET_KEY=do-not-show")


handler500 = urls.handler500
urlpatterns = [path("fail/", fail), *urls.urlpatterns]
