"""
The published briefs for repository aggregators: OAI-PMH 2.0 at ``/oai/``.

``Identify``, ``ListMetadataFormats``, ``ListRecords``, ``GetRecord``,
``ListIdentifiers`` (and ``ListSets``, which says the repository has none),
every published brief as ``oai_dc``, with ``from``/``until`` on the time a
brief last changed (granularity to the second, UTC), lists ``PAGE_SIZE`` at
a time behind resumption tokens, and the protocol's errors (``badVerb``,
``badArgument``, ``cannotDisseminateFormat``, ``idDoesNotExist``,
``noRecordsMatch``, ``badResumptionToken``, ``noSetHierarchy``).

A resumption token is the list's arguments and the last record given
(its datestamp and id), signed: it needs no state on the server, survives a
restart, and a list read page by page misses no brief and repeats none,
whatever is published meanwhile. Answers are checked against the OAI-PMH
schema with the oai_dc schema (``schemas/oai/``) by the tests.
"""

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.core import signing
from django.db.models import Q
from django.utils import timezone
from lxml import etree

from briefs.reading import selectors
from briefs.reading.links import absolute, absolute_url_of, absolute_url_of_edition

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMAS = Path(__file__).resolve().parent / "schemas" / "oai"
PAGE_SIZE = 50
EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
FORMATS = {"oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC)}
VERBS = {
    "Identify": ((), ()),
    "ListMetadataFormats": ((), ("identifier",)),
    "ListSets": ((), ()),
    "GetRecord": (("identifier", "metadataPrefix"), ()),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set")),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set")),
}
TOKEN_SALT = "briefs.oai.resumption"


@functools.cache
def schema():
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "answers.xsd"), parser))


class OaiError(Exception):
    """An answer that is one of the protocol's errors."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def repository_host():
    return urlsplit(absolute()).hostname or "localhost"


def identifier_of(publication):
    return f"oai:{repository_host()}:{publication.slug}"


def slug_of(identifier):
    prefix = f"oai:{repository_host()}:"
    return identifier[len(prefix) :] if identifier.startswith(prefix) else None


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_moment(value, name, end=False):
    """A ``from``/``until`` argument: a day, or a second in UTC ("…Z")."""
    for pattern, span in (("%Y-%m-%d", "day"), ("%Y-%m-%dT%H:%M:%SZ", "second")):
        try:
            moment = datetime.datetime.strptime(value, pattern)
        except ValueError:
            continue
        moment = moment.replace(tzinfo=datetime.UTC)
        if end:  # ``until`` takes in the whole day or second it names
            moment += (
                datetime.timedelta(days=1)
                if span == "day"
                else datetime.timedelta(seconds=1)
            )
            moment -= datetime.timedelta(microseconds=1)
        return moment, span
    raise OaiError(
        "badArgument",
        f"“{name}” is “{value}”: give a day (2025-07-15) or a second in UTC "
        "(2025-07-15T08:00:00Z).",
    )


@dataclass
class Request:
    """The arguments of one request, checked."""

    verb: str
    arguments: dict

    @classmethod
    def of(cls, query):
        """From a GET's or POST's arguments; an argument given twice is an error."""
        verbs = query.getlist("verb")
        if not verbs:
            raise OaiError("badVerb", "No verb given.")
        if len(verbs) > 1:
            raise OaiError("badVerb", "The verb is given more than once.")
        if verbs[0] not in VERBS:
            raise OaiError("badVerb", f"“{verbs[0]}” is not a verb of OAI-PMH.")
        verb = verbs[0]
        arguments = {}
        for name in query:
            if name == "verb":
                continue
            values = query.getlist(name)
            if len(values) > 1:
                raise OaiError("badArgument", f"“{name}” is given more than once.")
            arguments[name] = values[0]
        required, optional = VERBS[verb]
        allowed = {*required, *optional}
        if "resumptionToken" in arguments and verb in {
            "ListIdentifiers",
            "ListRecords",
        }:
            if len(arguments) > 1:
                raise OaiError(
                    "badArgument",
                    "A resumptionToken is the only argument besides the verb.",
                )
            return cls(verb, arguments)
        unknown = sorted(set(arguments) - allowed)
        if unknown:
            raise OaiError("badArgument", f"{verb} takes no argument “{unknown[0]}”.")
        missing = [name for name in required if name not in arguments]
        if missing:
            raise OaiError("badArgument", f"{verb} needs the argument “{missing[0]}”.")
        return cls(verb, arguments)


def answer(query):
    """The OAI-PMH answer (bytes) to a request's arguments."""
    root = etree.Element(
        f"{{{OAI}}}OAI-PMH",
        {
            f"{{{XSI}}}schemaLocation": f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
        },
        nsmap={None: OAI, "xsi": XSI},
    )
    etree.SubElement(root, f"{{{OAI}}}responseDate").text = utc(timezone.now())
    request = etree.SubElement(root, f"{{{OAI}}}request")
    request.text = absolute("/oai/")
    try:
        checked = Request.of(query)
        # The request's attributes only once verb and arguments are good.
        request.set("verb", checked.verb)
        for name, value in checked.arguments.items():
            request.set(name, value)
        VERB_ANSWERS[checked.verb](root, checked.arguments)
    except OaiError as error:
        del root[2:]
        if error.code in {"badVerb", "badArgument"}:
            request.attrib.clear()  # the protocol echoes only good arguments
        etree.SubElement(root, f"{{{OAI}}}error", code=error.code).text = error.message
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def sub(parent, tag, text=None, ns=OAI, **attributes):
    node = etree.SubElement(parent, f"{{{ns}}}{tag}", attributes)
    if text is not None:
        node.text = str(text)
    return node


# --- The verbs ----------------------------------------------------------------


def identify(root, arguments):
    from briefs.models import DATASET_PUBLISHER, Publication

    node = sub(root, "Identify")
    sub(
        node, "repositoryName", "HIIA Briefs: policy briefs of the " + DATASET_PUBLISHER
    )
    sub(node, "baseURL", absolute("/oai/"))
    sub(node, "protocolVersion", "2.0")
    sub(node, "adminEmail", admin_email())
    first = Publication.objects.published().order_by("updated_at").first()
    sub(node, "earliestDatestamp", utc(first.updated_at if first else EARLIEST))
    sub(node, "deletedRecord", "no")
    sub(node, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def admin_email():
    from django.conf import settings

    host = repository_host()
    # The schema wants a dotted domain; a machine's own name gets one.
    return settings.CROSSREF_DEPOSITOR_EMAIL or (
        f"webmaster@{host}" if "." in host else f"webmaster@{host}.localdomain"
    )


def list_metadata_formats(root, arguments):
    if "identifier" in arguments:
        record_of(arguments["identifier"])
    node = sub(root, "ListMetadataFormats")
    for prefix, (location, namespace) in FORMATS.items():
        described = sub(node, "metadataFormat")
        sub(described, "metadataPrefix", prefix)
        sub(described, "schema", location)
        sub(described, "metadataNamespace", namespace)


def list_sets(root, arguments):
    raise OaiError("noSetHierarchy", "This repository has no sets.")


def get_record(root, arguments):
    check_format(arguments["metadataPrefix"])
    publication = record_of(arguments["identifier"])
    record(sub(root, "GetRecord"), publication, with_metadata=True)


def list_identifiers(root, arguments):
    listing(root, arguments, "ListIdentifiers", with_metadata=False)


def list_records(root, arguments):
    listing(root, arguments, "ListRecords", with_metadata=True)


VERB_ANSWERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}


def check_format(prefix):
    if prefix not in FORMATS:
        raise OaiError(
            "cannotDisseminateFormat",
            f"“{prefix}” is not a format here: ask for oai_dc.",
        )


def record_of(identifier):
    slug = slug_of(identifier)
    publication = slug and selectors.deposited_briefs().filter(slug=slug).first()
    if not publication:
        raise OaiError(
            "idDoesNotExist", f"No published brief has the identifier “{identifier}”."
        )
    return publication


# --- Lists, a page at a time ------------------------------------------------------


def listing(root, arguments, verb, with_metadata):
    if "resumptionToken" in arguments:
        state = read_token(arguments["resumptionToken"])
    else:
        check_format(arguments["metadataPrefix"])
        if "set" in arguments:
            raise OaiError("noSetHierarchy", "This repository has no sets.")
        state = {
            "from": arguments.get("from"),
            "until": arguments.get("until"),
            "cursor": 0,
            "after": None,
        }
    briefs = selectors.deposited_briefs().order_by("updated_at", "pk")
    span = None
    if state["from"]:
        start, span = parse_moment(state["from"], "from")
        briefs = briefs.filter(updated_at__gte=start)
    if state["until"]:
        end, until_span = parse_moment(state["until"], "until", end=True)
        if span and span != until_span:
            raise OaiError(
                "badArgument", "“from” and “until” must have the same granularity."
            )
        briefs = briefs.filter(updated_at__lte=end)
    total = briefs.count()
    if state["after"]:
        moment, pk = (
            datetime.datetime.fromisoformat(state["after"][0]),
            state["after"][1],
        )
        briefs = briefs.filter(
            Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=pk)
        )
    page = list(briefs[: PAGE_SIZE + 1])
    if not page:
        raise OaiError("noRecordsMatch", "No published brief matches these arguments.")
    more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    node = sub(root, verb)
    for publication in page:
        record(node, publication, with_metadata)
    if state["after"] is not None or more:
        token = sub(
            node,
            "resumptionToken",
            completeListSize=str(total),
            cursor=str(state["cursor"]),
        )
        if more:
            last = page[-1]
            token.text = signing.dumps(
                {
                    **state,
                    "cursor": state["cursor"] + len(page),
                    "after": [last.updated_at.isoformat(), last.pk],
                },
                salt=TOKEN_SALT,
                compress=True,
            )


def read_token(token):
    try:
        state = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        raise OaiError(
            "badResumptionToken",
            "This resumptionToken was not given by this repository.",
        ) from None
    return state


# --- One record ------------------------------------------------------------------


def record(parent, publication, with_metadata):
    node = sub(parent, "record") if with_metadata else parent
    header = sub(node, "header")
    sub(header, "identifier", identifier_of(publication))
    sub(header, "datestamp", utc(publication.updated_at))
    if with_metadata:
        dublin_core(sub(node, "metadata"), publication)


def dublin_core(parent, publication):
    dc = etree.SubElement(
        parent,
        f"{{{OAI_DC}}}dc",
        {
            f"{{{XSI}}}schemaLocation": f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        },
        nsmap={"oai_dc": OAI_DC, "dc": DC},
    )
    sub(dc, "title", publication.title, ns=DC)
    for credit in publication.contributions.all():
        tag = "creator" if credit.role == "author" else "contributor"
        sub(dc, tag, credit.author.name, ns=DC)
    if publication.summary:
        sub(dc, "description", " ".join(publication.summary.split()), ns=DC)
    sub(dc, "publisher", publication.publisher, ns=DC)
    sub(dc, "date", publication.publication_date.isoformat(), ns=DC)
    sub(dc, "type", "Text", ns=DC)
    sub(dc, "format", "text/html", ns=DC)
    if getattr(publication, "pdf_etag", None):
        sub(dc, "format", "application/pdf", ns=DC)
    sub(dc, "identifier", absolute_url_of(publication), ns=DC)
    if publication.doi:
        sub(dc, "identifier", publication.doi_url, ns=DC)
    sub(dc, "language", publication.language, ns=DC)
    sub(dc, "relation", publication.series_label, ns=DC)
    # Its editions in other languages, as deposited_briefs reads them.
    original = publication.translation_of
    editions = [original] if original is not None and original.is_published else []
    for edition in [*editions, *publication.published_translations]:
        sub(
            dc,
            "relation",
            edition.doi_url if edition.doi else absolute_url_of_edition(edition),
            ns=DC,
        )
    if publication.copyright_line:
        sub(dc, "rights", publication.copyright_line, ns=DC)
