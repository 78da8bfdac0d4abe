"""Countries: where a company can be registered, and which countries are in the EU/EEA."""

from django.utils.translation import gettext_lazy as _
from django_countries import countries

EEA_COUNTRIES = [
    ("LV", _("Latvia")),
    ("EE", _("Estonia")),
    ("LT", _("Lithuania")),
    ("AT", _("Austria")),
    ("BE", _("Belgium")),
    ("BG", _("Bulgaria")),
    ("HR", _("Croatia")),
    ("CY", _("Cyprus")),
    ("CZ", _("Czechia")),
    ("DK", _("Denmark")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("DE", _("Germany")),
    ("GR", _("Greece")),
    ("HU", _("Hungary")),
    ("IS", _("Iceland")),
    ("IE", _("Ireland")),
    ("IT", _("Italy")),
    ("LI", _("Liechtenstein")),
    ("LU", _("Luxembourg")),
    ("MT", _("Malta")),
    ("NL", _("Netherlands")),
    ("NO", _("Norway")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("RO", _("Romania")),
    ("SK", _("Slovakia")),
    ("SI", _("Slovenia")),
    ("ES", _("Spain")),
    ("SE", _("Sweden")),
]
EEA_CODES = frozenset(code for code, _name in EEA_COUNTRIES)


def is_eea(code: str) -> bool:
    return code in EEA_CODES


def all_countries():
    """Every country, (ISO code, name in the active language), sorted by name."""
    return [(c.code, c.name) for c in countries]


def country_name(code: str) -> str:
    return countries.name(code) or code
