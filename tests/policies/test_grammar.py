import pytest
from django.utils import translation

from policies import grammar


@pytest.mark.parametrize(
    ("n", "unit", "text"),
    [
        (1, "years", "1 gads"),
        (2, "years", "2 gadi"),
        (5, "years", "5 gadi"),
        (7, "years", "7 gadi"),
        (11, "years", "11 gadi"),
        (21, "years", "21 gads"),
        (101, "years", "101 gads"),
        (1, "months", "1 mēnesis"),
        (6, "months", "6 mēneši"),
        (1, "days", "1 diena"),
        (30, "days", "30 dienas"),
    ],
)
def test_latvian_periods_agree_with_the_number(n, unit, text):
    with translation.override("lv"):
        assert grammar.period(n, unit) == text


@pytest.mark.parametrize(
    ("n", "unit", "text"),
    [
        (6, "months", "līdz 6 mēnešiem"),
        (1, "years", "līdz 1 gadam"),
        (21, "years", "līdz 21 gadam"),
        (3, "months", "līdz 3 mēnešiem"),
        (30, "days", "līdz 30 dienām"),
        (1, "days", "līdz 1 dienai"),
    ],
)
def test_latvian_upper_bounds_take_the_dative(n, unit, text):
    with translation.override("lv"):
        assert grammar.up_to(n, unit) == text


def test_ranges_agree_with_their_upper_number():
    with translation.override("lv"):
        assert grammar.period_range(30, 180, "days") == "30–180 dienas"
        assert grammar.period_range(10, 21, "days") == "10–21 diena"
    with translation.override("en"):
        assert grammar.period_range(30, 180, "days") == "30–180 days"


def test_english_periods():
    with translation.override("en"):
        assert grammar.period(1, "years") == "1 year"
        assert grammar.period(7, "years") == "7 years"
        assert grammar.up_to(6, "months") == "up to 6 months"
