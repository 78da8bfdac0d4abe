"""Django's JSON serialization format, with times to the microsecond.

Django's own JSON encoder rounds times to the millisecond, so `dumpdata` then `loaddata`
would not give back the same history dates. This format (registered as "json" in
SERIALIZATION_MODULES) keeps them whole; its files load anywhere Django's JSON loads.
"""

import datetime

from django.core.serializers import json
from django.core.serializers.json import Deserializer  # noqa: F401  (part of the format)


class ExactEncoder(json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
