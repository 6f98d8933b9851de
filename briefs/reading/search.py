"""
Search over briefs, actors, meetings, sanctions and releases.

On PostgreSQL: full-text search, each brief's edition stemmed in its own
language (English, Hungarian, …: migration 0026b) and the query parsed in
each of the site's languages, hits ranked by where the
words occur (a title outweighs a summary, which outweighs body text). A
translated name or title is searched in every language (migration 0027):
"Fehéroroszország" finds Belarus as "Belarus" does. The
documents of every kind (a brief's with every section, an actor's with
every alias) are stored and GIN-indexed by migrations 0006 and 0012, whose
triggers keep them current. Names are also matched by trigrams (pg_trgm),
so an actor is found by a name in any script with another ending or a
slip ("Лукашенку" finds "Лукашенко"); such a hit ranks after those the
words themselves find. On SQLite: every word must occur
in one of the same fields, compared case-folded by Python (SQLite's own
case-insensitive match knows only ASCII letters, so "белавиа" would miss
"Белавиа"), hits in the order of their kind, then each kind's own order.
Either way a brief is found once, in the edition of the reader's language
where it has one (``Publication.objects.for_reader``), else its original:
a Hungarian reader's search finds Hungarian editions, and the briefs that
have none in their own language.

The hits of every kind are ranked together in one query (a UNION of ids
and ranks) that also counts them, so a page of them costs the same few
queries however many there are: on PostgreSQL first one that asks which
kinds anything matches (only those are searched, so a word no document
holds costs that query alone), then the page with its count, and one to
load the rows of each kind shown on it.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.db.models.lookups import Contains
from django.utils.translation import pgettext_lazy

from briefs.models import (
    Actor,
    ActorAlias,
    Meeting,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
)
from briefs.models.base import translated_fields

MAX_QUERY_LENGTH = 200


def in_every_language(model, fields):
    """``fields`` (name: weight) with each translated one in every language:
    a row is found by its Hungarian name as by its English one."""
    translated = translated_fields(model)
    return {
        each: weight
        for name, weight in fields.items()
        for each in translated.get(name, [name])
    }


def name_columns(model, name):
    """The columns of a translated ``name``, for SQL of its own (trigrams)."""
    return [
        model._meta.get_field(field).column for field in translated_fields(model)[name]
    ]


# A language code as settings.LANGUAGES writes one, safe to quote in SQL.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]+)*")


def tsquery():
    """(SQL, how many times it takes the query text) of a query parsed in
    each of the site's languages, ORed: each edition's document is stemmed
    in its own language (migration 0026b, ``briefs_search_config``), and a
    word matches a document of its language whatever language the reader
    reads the site in.

    A subquery, which PostgreSQL computes once for the statement: written
    in the query itself, it was computed again for every document tested
    and ranked (``briefs_search_config`` is a function PostgreSQL neither
    inlines nor folds), and a word 50,000 meetings hold took 3 s to rank
    instead of 0.05 s."""
    codes = [
        code for code, _name in settings.LANGUAGES if LANGUAGE_CODE.fullmatch(code)
    ]
    parts = [
        f"websearch_to_tsquery(briefs_search_config('{code}'), %s)" for code in codes
    ]
    return f"(SELECT {' || '.join(parts)})", len(parts)


def tsquery_sql(text):
    """The query's SQL and its parameters."""
    sql, times = tsquery()
    return sql, [text] * times


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
    # the same weighted text as ``fields`` and ``related`` (migrations 0006, 0012).
    stored_documents: str = ""
    # On PostgreSQL, (table, id column, name column) of the names matched by
    # trigrams, each with a trigram index (migration 0012).
    similar_names: tuple = ()
    # What the results page calls a hit of this kind, in the reader's language.
    label: str = ""

    def found(self, text):
        """On PostgreSQL, SQL and parameters of the ids whose document or names match."""
        query, params = tsquery_sql(text)
        found = [f"SELECT id FROM {self.stored_documents} WHERE document @@ {query}"]
        for names, key, name in self.similar_names:
            # "<%": the query is like a word (or words) of the name.
            found.append(f"SELECT {key} FROM {names} WHERE %s <%% {name}")
            params.append(text)
        return " UNION ".join(found), params

    # The rows of this kind a reader is shown, of those the user may read: a
    # brief once, in the edition of the reader's language where it has one.
    readers_rows: object = None

    def visible_to(self, user):
        rows = self.model.objects.visible_to(user)
        return self.readers_rows(rows, user) if self.readers_rows else rows


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
        readers_rows=lambda briefs, user: briefs.for_reader(user=user),
        label=pgettext_lazy("kind of search result", "Brief"),
    ),  # fmt: skip
    Searchable(
        "Actor",
        Actor,
        in_every_language(Actor, {"name": "A", "position": "B", "description": "C"}),
        (Related(ActorAlias, "actor", "name", "A"),),
        stored_documents="briefs_search_actor",
        similar_names=(
            *(("briefs_actor", "id", column) for column in name_columns(Actor, "name")),
            ("briefs_actoralias", "actor_id", "name"),
        ),
        label=pgettext_lazy("kind of search result", "Actor"),
    ),
    Searchable(
        "Meeting",
        Meeting,
        in_every_language(
            Meeting,
            {
                "title": "A",
                "place": "B",
                "topics": "B",
                "outcome": "C",
                "significance": "C",
            },
        ),
        stored_documents="briefs_search_meeting",
        label=pgettext_lazy("kind of search result", "Meeting"),
    ),
    Searchable(
        "Sanction",
        Sanction,
        in_every_language(
            Sanction,
            {"title": "A", "sector": "B", "status_note": "C", "description": "C"},
        ),
        select=("imposed_by", "target"),
        stored_documents="briefs_search_sanction",
        label=pgettext_lazy("kind of search result", "Sanction"),
    ),
    Searchable(
        "Prisoner release",
        PrisonerRelease,
        in_every_language(PrisonerRelease, {"title": "A", "description": "C"}),
        stored_documents="briefs_search_prisonerrelease",
        label=pgettext_lazy("kind of search result", "Prisoner release"),
    ),
]


@dataclass
class Hit:
    kind: str
    item: object
    rank: float
    label: str = ""

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
        return Results(None)
    if connection.vendor == "postgresql":
        match, kinds = _full_text, _kinds_found(text)
    else:
        match, kinds = _words, range(len(SEARCHABLES))
    ranked = [
        match(SEARCHABLES[kind].visible_to(user), SEARCHABLES[kind], text)
        .annotate(searchable=Value(kind, output_field=IntegerField()))
        .values_list("searchable", "pk", "rank", "order_in_kind")
        .order_by()
        for kind in kinds
    ]
    if not ranked:
        return Results(None)
    return Results(ranked[0].union(*ranked[1:], all=True))


def _kinds_found(text):
    """The index in SEARCHABLES of each kind with a row that matches, readable or not.

    A kind that nothing matches is left out of the search: what its rows
    cost to rank and to test for the reader, PostgreSQL would plan for
    nothing.
    """
    tests, params = [], []
    for searchable in SEARCHABLES:
        sql, found_params = searchable.found(text)
        tests.append(f"EXISTS({sql})")
        params += found_params
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(tests)}", params)
        return [kind for kind, found in enumerate(cursor.fetchone()) if found]


class Results:
    """The hits of a search, counted and loaded a page at a time (for Paginator).

    A page's hits are read with the count of all of them, in one query
    (``count(*) OVER ()``): the count is asked for first, so ``ResultsPaginator``
    reads the page before Paginator asks. Only a page past the last hit
    needs a query of its own to be counted.
    """

    def __init__(self, hits):
        # (index in SEARCHABLES, pk, rank, order within its kind) of every hit.
        self.hits = hits
        self.total = None if hits is not None else 0
        self.read = None  # (offset, limit, rows) of the hits read last

    def count(self):
        if self.total is None:
            sql, params = self.hits.query.sql_with_params()
            self.total = self._fetch(f"SELECT count(*) FROM ({sql}) hits", params)[0][0]
        return self.total

    def read_page(self, offset, limit):
        """The ranked rows of hits ``offset`` to ``offset + limit``, and the count if any."""
        if self.hits is None:
            return []
        sql, params = self.hits.query.sql_with_params()
        sql = (
            f"SELECT searchable, pk, rank, count(*) OVER () FROM ({sql}) hits "
            "ORDER BY rank DESC, searchable, order_in_kind"
        )
        if limit is None:
            rows = self._fetch(sql, params)[offset:]
        else:
            rows = self._fetch(f"{sql} LIMIT %s OFFSET %s", (*params, limit, offset))
        if rows:
            self.total = rows[0][3]
        elif not offset:
            self.total = 0
        self.read = (offset, limit, rows)
        return rows

    def __getitem__(self, index):
        offset, stop = index.start or 0, index.stop
        limit = None if stop is None else max(stop - offset, 0)
        rows = self._rows(offset, limit)
        items = {}
        for kind, searchable in enumerate(SEARCHABLES):
            ids = [row[1] for row in rows if row[0] == kind]
            if ids:
                loaded = searchable.model.objects.select_related(*searchable.select)
                items[kind] = loaded.in_bulk(ids)
        return [
            Hit(SEARCHABLES[kind].kind, items[kind][pk], rank, SEARCHABLES[kind].label)
            for kind, pk, rank, _total in rows
            # Unless deleted since it was ranked.
            if pk in items[kind]
        ]

    def __iter__(self):
        return iter(self[:])

    def _rows(self, offset, limit):
        if self.read:
            read_offset, read_limit, rows = self.read
            if offset >= read_offset and (
                read_limit is None
                or (limit is not None and offset + limit <= read_offset + read_limit)
            ):
                start = offset - read_offset
                return rows[start : None if limit is None else start + limit]
        return self.read_page(offset, limit)

    @staticmethod
    def _fetch(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class ResultsPaginator(Paginator):
    """Paginator of ``Results`` that reads the asked-for page with the count."""

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            pass  # Paginator says what is wrong with it.
        else:
            offset = (number - 1) * self.per_page
            # Past what a database counts to, it is surely past the last page.
            if 0 <= offset < 2**63 - self.per_page:
                self.object_list.read_page(offset, self.per_page)
        return super().page(number)


def _full_text(queryset, searchable, text):
    table = searchable.stored_documents
    row = f"{queryset.model._meta.db_table}.id"
    query, params = tsquery_sql(text)
    if not searchable.similar_names:
        # Every hit is a document that matched: joined to it, each is read and
        # ranked once, in the row that matched, rather than looked up again
        # by id to be ranked. (The ORM has no join to a table without a model.)
        return queryset.extra(
            tables=[table],
            where=[f"{table}.id = {row}", f"{table}.document @@ {query}"],
            params=params,
            select={"rank": f"ts_rank({table}.document, {query})"},
            select_params=params,
        ).annotate(order_in_kind=F("pk"))
    return (
        queryset.filter(pk__in=RawSQL(*searchable.found(text)))
        .annotate(
            rank=RawSQL(
                f"(SELECT ts_rank(document, {query}) FROM {table} "
                f"WHERE {table}.id = {row})",
                params,
                output_field=FloatField(),
            )
        )
        .annotate(order_in_kind=F("pk"))
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
