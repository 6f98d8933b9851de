"""
Search over briefs, actors, meetings, sanctions and releases.

On PostgreSQL: full-text search, English stemming, hits ranked by where the
words occur (a title outweighs a summary, which outweighs body text). The
documents of briefs (with every section) and actors (with every alias)
are stored and GIN-indexed by migration 0005, whose triggers keep them
current; meetings, sanctions and releases are few, short rows whose
vectors are built at query time. On SQLite: every word must occur
in one of the same fields, compared case-folded by Python (SQLite's own
case-insensitive match knows only ASCII letters, so "белавиа" would miss
"Белавиа"), hits in the order of their kind, then each kind's own order.

The hits of every kind are ranked together in one query (a UNION of ids
and ranks), so a page of them costs the same few queries however many
there are: that one, its count, and one to load the rows of each kind
shown on the page.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.db.models.lookups import Contains

from briefs.models import (
    Actor,
    ActorAlias,
    Meeting,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
)

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Related:
    """Text from child rows (a brief's sections, an actor's aliases)."""

    model: type
    parent: str
    field: str
    weight: str


@dataclass(frozen=True)
class Searchable:
    kind: str
    model: type
    fields: dict
    related: tuple = ()
    # Foreign keys the results page shows beside a hit.
    select: tuple = ()
    # On PostgreSQL, the table of stored documents (id, document) that hold
    # the same weighted text as ``fields`` and ``related`` (migration 0005).
    stored_documents: str = ""


SEARCHABLES = [
    Searchable(
        "Brief",
        Publication,
        {"title": "A", "series": "B", "summary": "B"},
        (
            Related(Section, "publication", "heading", "B"),
            Related(Section, "publication", "body", "C"),
        ),
        stored_documents="briefs_search_publication",
    ),  # fmt: skip
    Searchable(
        "Actor",
        Actor,
        {"name": "A", "position": "B", "description": "C"},
        (Related(ActorAlias, "actor", "name", "A"),),
        stored_documents="briefs_search_actor",
    ),
    Searchable(
        "Meeting",
        Meeting,
        {
            "title": "A",
            "place": "B",
            "topics": "B",
            "outcome": "C",
            "significance": "C",
        },
    ),
    Searchable(
        "Sanction",
        Sanction,
        {"title": "A", "sector": "B", "status_note": "C", "description": "C"},
        select=("imposed_by", "target"),
    ),
    Searchable("Prisoner release", PrisonerRelease, {"title": "A", "description": "C"}),
]


@dataclass
class Hit:
    kind: str
    item: object
    rank: float

    @property
    def title(self):
        return str(self.item)


def clean_query(text):
    """The words of a query, single-spaced, cut to a length worth searching for."""
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search(text, user):
    """Hits for ``text`` among what ``user`` may read, best first."""
    text = clean_query(text)
    if not text:
        return Results(Publication.objects.none())
    match = _full_text if connection.vendor == "postgresql" else _words
    ranked = [
        match(searchable.model.objects.visible_to(user), searchable, text)
        .annotate(searchable=Value(index, output_field=IntegerField()))
        .values_list("searchable", "pk", "rank", "order_in_kind")
        .order_by()
        for index, searchable in enumerate(SEARCHABLES)
    ]
    rows = ranked[0].union(*ranked[1:], all=True)
    return Results(rows.order_by("-rank", "searchable", "order_in_kind"))


class Results:
    """The hits of a search, counted and loaded a slice at a time (for Paginator)."""

    def __init__(self, rows):
        # (index in SEARCHABLES, pk, rank, order within its kind), best first.
        self.rows = rows

    def count(self):
        return self.rows.count()

    def __getitem__(self, index):
        rows = list(self.rows[index])
        items = {}
        for kind, searchable in enumerate(SEARCHABLES):
            ids = [pk for row_kind, pk, _rank, _order in rows if row_kind == kind]
            if ids:
                loaded = searchable.model.objects.select_related(*searchable.select)
                items[kind] = loaded.in_bulk(ids)
        return [
            Hit(SEARCHABLES[kind].kind, items[kind][pk], rank)
            for kind, pk, rank, _order in rows
            # Unless deleted since it was ranked.
            if pk in items[kind]
        ]

    def __iter__(self):
        return iter(self[:])


def _stored_full_text(queryset, searchable, text):
    table = searchable.stored_documents
    query = "websearch_to_tsquery('english', %s)"
    row = f"{queryset.model._meta.db_table}.id"
    return (
        queryset.filter(
            pk__in=RawSQL(f"SELECT id FROM {table} WHERE document @@ {query}", [text])
        )
        .annotate(
            rank=RawSQL(
                f"(SELECT ts_rank(document, {query}) FROM {table} "
                f"WHERE {table}.id = {row})",
                [text],
                output_field=FloatField(),
            )
        )
        .annotate(order_in_kind=F("pk"))
    )


def _full_text(queryset, searchable, text):
    from django.contrib.postgres.aggregates import StringAgg
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    if searchable.stored_documents:
        return _stored_full_text(queryset, searchable, text)
    vector = None
    for name, weight in searchable.fields.items():
        part = SearchVector(name, weight=weight, config="english")
        vector = part if vector is None else vector + part
    for related in searchable.related:
        # One string per parent row: a join would repeat the parent per child.
        joined = Subquery(
            related.model.objects.filter(**{related.parent: OuterRef("pk")})
            .order_by()
            .values(related.parent)
            .annotate(text=StringAgg(related.field, delimiter="\n"))
            .values("text")
        )
        vector += SearchVector(joined, weight=related.weight, config="english")
    query = SearchQuery(text, search_type="websearch", config="english")
    return (
        queryset.annotate(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(F("document"), query), order_in_kind=F("pk"))
    )


class Casefold(Func):
    """Python's str.casefold() on SQLite, which folds every script's letters."""

    function = "casefold"
    output_field = TextField()


def _words(queryset, searchable, text):
    # SQLite takes a function per connection; registering it again replaces it.
    connection.ensure_connection()
    connection.connection.create_function(
        "casefold", 1, lambda value: value and value.casefold(), deterministic=True
    )
    for word in text.casefold().split():
        found = Q()
        for name in searchable.fields:
            found |= Contains(Casefold(name), word)
        for related in searchable.related:
            children = related.model.objects.filter(
                Contains(Casefold(related.field), word),
                **{related.parent: OuterRef("pk")},
            )
            found |= Q(Exists(children))
        queryset = queryset.filter(found)
    return queryset.annotate(
        rank=Value(1.0, output_field=FloatField()),
        order_in_kind=Window(RowNumber(), order_by=searchable.model._meta.ordering),
    )
