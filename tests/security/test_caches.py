"""ISO-12: what caches and storage may keep, per company.

PolicyHub keeps no files: published PDFs and renderings are rows of the version they belong
to. One module uses the cache framework, `policies/public/cache.py`: it keeps the public
pages, addressed by their company's slug and generation, made the same for every visitor.
Beyond it, the HTTP caches of browsers and proxies may keep the public pages and nothing else.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tenants.models import Membership

ROOT = Path(settings.BASE_DIR)
APPS = ["accounts", "audit", "policies", "policyhub", "tenants", "templates"]
# What would add a cache key, a stored file or a background task.
CACHE_OR_STORAGE = re.compile(
    r"django\.core\.cache|cache_page|\{%\s*cache\b|default_storage|storages\["
    r"|FileField|ImageField|\.delay\(|\.apply_async\("
)

PUBLIC = [
    "/p/demo/",
    "/p/demo/privatuma-politika/",
    "/p/demo/privatuma-politika/en/",
    "/p/demo/privatuma-politika/versions/",
    "/p/demo/privatuma-politika/versions/1/",
    "/p/demo/privatuma-politika/versions/2.pdf",
    "/p/demo/privatuma-politika/versions/2.json",
    "/p/demo/privatuma-politika/feed/",
    "/p/demo/privatuma-politika/embed/",
    "/p/demo/privatuma-politika/diff/1/2/",
]


# The one module allowed a server-side cache: the public pages' own.
CACHE_MODULES = {Path("policies/public/cache.py"), Path("policyhub/settings.py")}


def test_no_server_side_cache_stored_files_or_tasks_but_the_public_pages():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for app in APPS
        for path in sorted((ROOT / app).rglob("*"))
        if path.suffix in {".py", ".html", ".txt"}
        and "migrations" not in path.parts
        and path.relative_to(ROOT) not in CACHE_MODULES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CACHE_OR_STORAGE.search(line)
    ]
    assert found == []


def test_the_public_pages_are_the_same_for_members_and_visitors(demo, login, client):
    """What the public pages' cache keeps cannot carry a person's data: a member's copy and a
    visitor's are the same bytes, and the pages' templates read nothing of the request."""
    owner = Membership.objects.filter(tenant__slug="demo", role="owner").get().user
    member = login(owner)
    for url in PUBLIC:
        assert member.get(url).content == client.get(url).content, url
    templates = ROOT / "templates"
    for path in [templates / "base_public.html", *sorted((templates / "public").rglob("*.html"))]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"csrf|request\.|\buser\b|messages", text), path


@pytest.fixture
def visitor_pages(demo, client):
    return {url: client.get(url) for url in PUBLIC}


def test_visitors_get_shareable_public_pages_without_cookies(visitor_pages):
    assert {url: r.status_code for url, r in visitor_pages.items()} == dict.fromkeys(PUBLIC, 200)
    for url, response in visitor_pages.items():
        assert "public" in response["Cache-Control"], url
        assert not response.cookies, url


def test_a_signed_in_members_copy_is_never_shared(demo, login):
    """The member's renewed session cookie must not be stored where the next visitor gets it."""
    owner = Membership.objects.filter(tenant__slug="demo", role="owner").get().user
    client = login(owner)
    shared = []
    for url in PUBLIC:
        response = client.get(url)
        assert response.status_code == 200, url
        assert settings.SESSION_COOKIE_NAME in response.cookies, url
        if "private" not in response["Cache-Control"] or "public" in response["Cache-Control"]:
            shared.append(url)
    assert shared == []
