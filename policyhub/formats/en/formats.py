from django.conf.locale.en_GB.formats import *  # noqa: F403

SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
