"""The project's URLs plus /bench/bytes/: the public page's HTML, served from memory by a
trivial view, as the baseline of what Django itself costs per request."""

import functools
import os

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from policyhub.urls import urlpatterns as project_urlpatterns


@functools.cache
def _page_bytes() -> bytes:
    with open(os.environ["BENCH_PAGE_FILE"], "rb") as f:
        return f.read()


@login_not_required
def page_bytes(request):
    return HttpResponse(_page_bytes(), content_type="text/html; charset=utf-8")


urlpatterns = [*project_urlpatterns, path("bench/bytes/", page_bytes)]
