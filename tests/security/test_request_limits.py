"""FUZZ-3: a request over Django's size limits is refused with a 400 page in the person's
language, changes nothing, and the next request is served as usual.

The limits are Django's defaults: DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB of form data, files
not counted), DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) and DATA_UPLOAD_MAX_NUMBER_FILES (100).
An answers file over 1 MB is refused by the import itself (policies.views.transfer).
"""

import http.client
import logging
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from policies import answers_format
from policies.views.transfer import MAX_IMPORT_BYTES
from tests.policies.test_wizard import controller_data
from tests.security.conftest import fingerprint

pytestmark = pytest.mark.unscoped_queries_allowed("compares the whole database before and after")

DOC = "/t/alfa/documents/privatuma-politika/"
URLENCODED = "application/x-www-form-urlencoded"

# name -> (address, who posts, a normal-sized body, the answer it gets)
ROUTES = {
    "log-in": ("/accounts/login/", None, {"username": "x@alfa.test", "password": "x"}, 200),
    "sign-up": ("/accounts/signup/", None, {"email": "x"}, 200),
    "language switch": ("/i18n/setlang/", None, {"language": "en", "next": "/"}, 302),
    "wizard step": (DOC + "wizard/controller/", "editor", controller_data(), 302),
    "company settings": ("/t/alfa/settings/", "owner", {"legal_name": ""}, 200),
    "review comment": (DOC + "review/do/comment/", "reviewer", {"text": "Lūdzu precizēt."}, 302),
    "answers import": (DOC + "import/", "editor", None, 302),
}


def too_large_urlencoded():
    return {
        "data": "text=" + "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        "content_type": URLENCODED,
    }


def too_large_multipart():
    return {"data": {"text": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}}


def too_many_fields_urlencoded():
    count = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1
    return {"data": "&".join(f"f{i}=x" for i in range(count)), "content_type": URLENCODED}


def too_many_fields_multipart():
    return {"data": {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}}


def too_many_files():
    count = settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1
    return {"data": {f"file{i}": SimpleUploadedFile(f"{i}.json", b"{}") for i in range(count)}}


BODIES = {
    "too large, urlencoded": (too_large_urlencoded, "RequestDataTooBig"),
    "too large, multipart": (too_large_multipart, "RequestDataTooBig"),
    "too many fields, urlencoded": (too_many_fields_urlencoded, "TooManyFieldsSent"),
    "too many fields, multipart": (too_many_fields_multipart, "TooManyFieldsSent"),
    "too many files": (too_many_files, "TooManyFilesSent"),
}


@pytest.fixture
def served(settings, document, owner, editor, reviewer):
    """The app as in production: DEBUG off, so a refused request gets the site's 400 page."""
    settings.DEBUG = False
    return {"owner": owner, "editor": editor, "reviewer": reviewer}


def client_for(users, actor, language="lv"):
    client = Client()
    if actor:
        client.force_login(users[actor])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def normal_body(name, document):
    if name == "answers import":
        export = answers_format.dumps(answers_format.export(document)).encode()
        return {"file": SimpleUploadedFile("answers.json", export, "application/json")}
    return ROUTES[name][2]


def assert_refused_politely(response, language="lv"):
    assert response.status_code == 400
    assert [t.name for t in response.templates] == ["400.html"]
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    for leak in ("Traceback", "Bad Request (400)", "RequestDataTooBig", "TooManyFields"):
        assert leak not in page


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("name", ROUTES)
def test_a_request_over_the_limits_is_refused_and_the_next_one_served(
    name, body, served, document, caplog
):
    url, actor, _, normal_status = ROUTES[name]
    make_body, exception = BODIES[body]
    client = client_for(served, actor)
    before = fingerprint()
    with caplog.at_level(logging.ERROR, logger="django.security"):
        response = client.post(url, **make_body())
    assert_refused_politely(response)
    assert fingerprint() == before
    logged = [r.name for r in caplog.records if r.name.startswith("django.security")]
    assert logged == [f"django.security.{exception}"]

    assert client.post(url, normal_body(name, document)).status_code == normal_status
    assert client.get("/").status_code == (302 if actor else 200)  # to the dashboard, or home


def test_the_refusal_is_in_english_for_english_readers(served):
    client = client_for(served, "editor", language="en")
    response = client.post(DOC + "wizard/controller/", **too_large_multipart())
    assert_refused_politely(response, language="en")
    assert "The request could not be processed" in response.content.decode()


@pytest.mark.parametrize("size", [MAX_IMPORT_BYTES + 1, 5 * 1024 * 1024])
def test_an_answers_file_over_1_mb_is_refused_by_the_import(served, document, size):
    client = client_for(served, "editor")
    upload = SimpleUploadedFile("answers.json", b" " * size, "application/json")
    before = fingerprint()
    response = client.post(DOC + "import/", {"file": upload})
    assert response.status_code == 400
    with translation.override("lv"):
        assert response.context["errors"] == [("", gettext("The file is larger than 1 MB."))]
    assert fingerprint() == before
    assert client.post(DOC + "import/", normal_body("answers import", document)).status_code == 302


def test_a_real_server_refuses_a_large_body_and_goes_on_serving(
    live_server, settings, append_only_lifted_for_cleanup
):
    """Over a socket, to Django's own threaded server: the refusal, then the next request.

    The CSRF check reads the form for its token, so the body is parsed only for a client that
    has the CSRF cookie: without it the request is refused (403) before its body is read.
    """
    settings.DEBUG = False
    address = urlsplit(live_server.url)

    def send(method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        try:
            connection.request(method, path, body, headers or {})
            response = connection.getresponse()
            return response, response.read()
        finally:
            connection.close()

    page, _ = send("GET", "/accounts/login/")
    cookies = SimpleCookie()
    for header in page.headers.get_all("Set-Cookie"):
        cookies.load(header)
    cookie = cookies[settings.CSRF_COOKIE_NAME].value
    body = b"username=x&password=" + b"x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    headers = {"Content-Type": URLENCODED, "Cookie": f"{settings.CSRF_COOKIE_NAME}={cookie}"}

    refused, text = send("POST", "/accounts/login/", body, headers)
    assert refused.status == 400
    assert b'<html lang="lv">' in text and b"Traceback" not in text
    assert send("POST", "/accounts/login/", body, {"Content-Type": URLENCODED})[0].status == 403
    assert send("GET", "/accounts/login/")[0].status == 200
