"""Path converters shared by the URLconfs."""

from django.urls import register_converter


class VersionNumberConverter:
    """A version number as it can exist: 1 to 999,999,999, without leading zeros.

    Anything else (0, a sign, 20 digits that overflow the database's integer) does not match
    the route at all, so every view behind it answers 404 before a query is made.
    """

    regex = "[1-9][0-9]{0,8}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(VersionNumberConverter, "version")
