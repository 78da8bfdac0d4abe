"""Website origins a company declares: the only pages allowed to frame its embedded policy.

They go into a Content-Security-Policy header, so each is checked strictly and normalised to
`scheme://host[:port]`: no paths, no wildcards, nothing that could break out of the header.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ORIGINS = 10
LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOST = re.compile(rf"^(?=.{{1,253}}$)(?:{LABEL}\.)*{LABEL}$")


def normalise_origin(value: str) -> str:
    text = value.strip()
    invalid = ValidationError(
        _("“%(value)s” is not a website address such as https://www.example.lv."),
        code="origin",
        params={"value": text[:100]},
    )
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise invalid from exc
    if parts.scheme not in ("https", "http") or parts.username or parts.password:
        raise invalid
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValidationError(
            _("Give only the website's address, without a page: %(value)s"),
            code="origin_path",
            params={"value": f"{parts.scheme}://{parts.netloc}"},
        )
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise invalid from exc
    if not HOST.match(host):
        raise invalid
    default_port = {"https": 443, "http": 80}[parts.scheme]
    suffix = f":{port}" if port and port != default_port else ""
    return f"{parts.scheme}://{host}{suffix}"


def parse_origins(text: str) -> list[str]:
    """One origin per line (commas and spaces also separate), normalised and deduplicated."""
    origins = []
    for item in re.split(r"[\s,]+", text or ""):
        if item:
            origin = normalise_origin(item)
            if origin not in origins:
                origins.append(origin)
    if len(origins) > MAX_ORIGINS:
        raise ValidationError(
            _("Give at most %(max)d website addresses."),
            code="too_many",
            params={"max": MAX_ORIGINS},
        )
    return origins
