"""
Django's JSON fixture format, with times to the microsecond.

Django's encoder writes a time to the millisecond (ECMAScript's format), so
a database moved with ``dumpdata`` and ``loaddata`` lost what lies below it:
a history record of 12:00:00.000500 was written as ".000", loaded back as a
whole second, and written without a fraction by the next dump. Registered
as the "json" format (``SERIALIZATION_MODULES`` in the settings), this is
what ``dumpdata`` writes; Django's reader, which ``loaddata`` uses, reads
both. (Bundles keep their own format: ``bundles.BundleEncoder``.)
"""

import datetime

from django.core.serializers import json

Deserializer = json.Deserializer


class ExactEncoder(json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return (
                text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
            )
        return super().default(o)


class Serializer(json.Serializer):
    def start_serialization(self):
        self.options.setdefault("cls", ExactEncoder)
        super().start_serialization()
