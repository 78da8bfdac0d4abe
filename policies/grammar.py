"""Periods in words with the number agreement of the active language.

Latvian agrees the noun with the number: 1, 21, 101 take the singular (1 gads, 21 gads),
other numbers the plural (2 gadi, 11 gadi); after "līdz" the dative (līdz 1 gadam, līdz 6
mēnešiem). The catalogue's plural forms carry these rules; call inside
translation.override(language) to write in a language other than the interface's.
"""

from django.utils.translation import get_language, gettext, ngettext

from policies import texts
from policies.choices import PeriodUnit, RetentionBound, RetentionTrigger


def period(n: int, unit: str) -> str:
    """“7 gadi”, “1 mēnesis”, “30 dienas”."""
    if unit == PeriodUnit.YEARS:
        text = ngettext("%(n)s year", "%(n)s years", n)
    elif unit == PeriodUnit.MONTHS:
        text = ngettext("%(n)s month", "%(n)s months", n)
    else:
        text = ngettext("%(n)s day", "%(n)s days", n)
    return text % {"n": n}


def up_to(n: int, unit: str) -> str:
    """“līdz 6 mēnešiem”, “līdz 1 gadam”."""
    if unit == PeriodUnit.YEARS:
        text = ngettext("up to %(n)s year", "up to %(n)s years", n)
    elif unit == PeriodUnit.MONTHS:
        text = ngettext("up to %(n)s month", "up to %(n)s months", n)
    else:
        text = ngettext("up to %(n)s day", "up to %(n)s days", n)
    return text % {"n": n}


def period_range(low: int, high: int, unit: str) -> str:
    """“30–180 dienas”: the noun agrees with the upper number."""
    if unit == PeriodUnit.YEARS:
        text = ngettext("%(low)s–%(high)s year", "%(low)s–%(high)s years", high)
    elif unit == PeriodUnit.MONTHS:
        text = ngettext("%(low)s–%(high)s month", "%(low)s–%(high)s months", high)
    else:
        text = ngettext("%(low)s–%(high)s day", "%(low)s–%(high)s days", high)
    return text % {"low": low, "high": high}


def retention(rule) -> str:
    """A retention rule's period in words, or its event."""
    if rule.bound == RetentionBound.CRITERION:
        if rule.trigger:
            return str(RetentionTrigger(rule.trigger).label)
        # The event in the active language, or in Latvian where the translation is not written.
        return texts.text(rule, "criterion", get_language()) or rule.criterion
    if rule.period is None or not rule.unit:
        return gettext("not given")
    if rule.bound == RetentionBound.UP_TO:
        return up_to(rule.period, rule.unit)
    if rule.bound == RetentionBound.RANGE and rule.period_max:
        return period_range(rule.period, rule.period_max, rule.unit)
    return period(rule.period, rule.unit)
