"""Latvian wording helpers for the policy text (number agreement comes from policies.grammar)."""

from django.utils import translation

from policies import grammar


def join(items: list[str], word: str = "un") -> str:
    """“a, b un c”."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _lv(function, *args) -> str:
    with translation.override("lv"):
        return function(*args)


def period(n, unit) -> str:
    return _lv(grammar.period, n, unit)


def up_to(n, unit) -> str:
    return _lv(grammar.up_to, n, unit)


def period_range(low, high, unit) -> str:
    return _lv(grammar.period_range, low, high, unit)


def years_of_age(n: int) -> str:
    """The genitive after “no … vecuma”: 18 gadu, 21 gada."""
    return f"{n} gada" if n % 10 == 1 and n % 100 != 11 else f"{n} gadu"
