"""No 5xx for any path: every URL pattern, with each path parameter in turn replaced by a
boundary value, as a visitor, as the company's owner and as site staff.

The other parameters keep values that exist in the demo, so each request reaches as far into
its view as that one bad value lets it.
"""

import re
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver
from django.urls.resolvers import RegexPattern

from accounts.models import User
from tenants.models import Membership
from tests.tenants.test_access import walk

BOUNDARY_VALUES = [
    "0",
    "-1",
    str(2**63),
    str(2**64),
    "9" * 20,
    "ļūšķis-€-日本",
    "a" * 500,
]
PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\((?:\?P<(?P<name>\w+)>)?[^()]*\)")


def _routes():
    """(name, template, parameter names) for every pattern with a path parameter; a template
    has {name} where each parameter goes."""
    routes = []
    for route, name, pattern in walk(get_resolver().url_patterns):
        if isinstance(pattern.pattern, RegexPattern) or "^" in route:
            params = []

            def group(match, params=params):
                params.append(match["name"] or f"group{len(params)}")
                return "{" + params[-1] + "}"

            template = REGEX_GROUP.sub(group, route.replace("^", "").replace("$", ""))
        else:
            params = [m["name"] for m in PLACEHOLDER.finditer(route)]
            template = PLACEHOLDER.sub(lambda m: "{" + m["name"] + "}", route)
        if params:
            routes.append((name or route, "/" + template, params))
    return routes


@pytest.fixture
def demo_world(db):
    call_command("demo")
    owner = User.objects.get(email="owner@demo.test")
    staff = User.objects.create_superuser("staff@demo.test", "x", full_name="Staff")
    membership = Membership.objects.filter(tenant__slug="demo").first()
    valid = {
        "tenant_slug": "demo",
        "doc_slug": "privatuma-politika",
        "step_key": "controller",
        "language": "en",
        "number": "1",
        "a": "1",
        "b": "2",
        "code": str(membership.code),
        "token": "x" * 43,
        "uidb64": "MQ",
        "object_id": str(owner.pk),
        "content_type_id": "1",
        "id": str(owner.pk),
        "app_label": "tenants",
        "url": "",
        "group0": str(owner.pk),
        "group1": "1",
    }
    return valid, {"visitor": None, "owner": owner, "staff": staff}


def _clients(users):
    clients = {}
    for label, user in users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[label] = client
    return clients


@pytest.mark.unscoped_queries_allowed("the demo's rows are looked up across companies")
def test_no_route_answers_5xx_for_a_boundary_value_in_any_path_parameter(demo_world):
    valid, users = demo_world
    clients = _clients(users)
    failures, tried = [], 0
    for name, template, params in _routes():
        for param in params:
            for value in BOUNDARY_VALUES:
                values = {p: quote(valid.get(p, "1"), safe="") for p in params}
                values[param] = quote(value, safe="")
                path = template.format(**values)
                for label, client in clients.items():
                    if label == "staff" and not path.startswith("/admin/"):
                        continue
                    for method in ("get", "post"):
                        tried += 1
                        response = getattr(client, method)(path)
                        if response.status_code >= 500:
                            failures.append(
                                f"{method.upper()} {path[:120]} ({name}, {label}): "
                                f"{response.status_code}"
                            )
    routes = _routes()
    print(
        f"\nBOUNDARY-1: {len(routes)} routes with parameters, {len(BOUNDARY_VALUES)} values, "
        f"{tried} requests, {len(failures)} answered 5xx"
    )
    assert tried > 2000, tried  # every route was walked, not a few
    assert not failures, "\n".join(failures)
