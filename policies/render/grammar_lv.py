"""Latvian wording helpers for the policy text (number agreement of periods comes from
policies.grammar through the catalogue's plural forms)."""


def join(items: list[str], word: str = "un") -> str:
    """“a, b un c”."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def years_of_age(n: int) -> str:
    """The genitive after “no … vecuma”: 18 gadu, 21 gada."""
    return f"{n} gada" if n % 10 == 1 and n % 100 != 11 else f"{n} gadu"
