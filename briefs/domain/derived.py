"""
Derived data, settled once per write.

Four things in the database are computed from other rows and never edited:
a brief's texts as HTML (``Publication.summary_html``, ``Section.body_html``),
whether a piece of evidence's quote is still in its text
(``Evidence.quote_found``), whether the public may read an actor
(``Actor.is_public``), and the page generation every public answer is keyed
by (``PageGeneration``: pages, stored articles, ETags, API answers). They are
settled here, in one pass, in this order:

1. texts: the briefs whose texts, source notes, actors or actors' names
   changed are rendered again (``briefs.domain.markup``), and whatever HTML
   changed is stored;
2. quotes: the evidence of those briefs, and of briefs whose evidence
   changed, is checked against its text: flagged when its quote is no longer
   found, never dropped;
3. public actors: the stored flag of every actor is made what the rule
   (``public_actor_test``) says, in one statement;
4. the page generation moves on, once;
5. once the write commits, ``briefs_rewritten`` names the briefs whose rows
   a published edition is made from (the brief's own, its sections, sources
   and credits) were written, for what is made outside the transaction (the
   PDF edition, briefs.editions.pdf, a job that makes nothing when nothing it
   shows changed).

A *write* is one door's work in one transaction, a ``write()`` block: an admin
save or action, a table import, a bundle, a fixture, a publishing step.
Receivers of Django's signals, raw saves from ``loaddata`` included, only
note which rows changed (``note_saved`` and its kin); bulk writers, which
send no signal, note their rows themselves (``Changes.rows_written``). The
pass runs at the end of the block, inside its transaction, so derived data
commits with the rows it comes from and never after them: no reader sees a
new generation before the flags it depends on. A write made outside any
block (the shell, a test's ``save()``) is a write of its own, settled at
once.

Nothing outlives a write: its notes live in a context variable set for the
block and reset when it ends, committed or rolled back. A savepoint rolled
back inside a write only makes the pass settle more than it had to, which
is harmless: every step recomputes from the rows as they are.
"""

import contextvars
import functools
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import F, Prefetch
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import Signal

from briefs.domain.markup import rendered_texts
from briefs.domain.quotes import quoted_in, words_of
from briefs.models import (
    Actor,
    ActorAlias,
    Author,
    Contribution,
    DatasetRelease,
    Evidence,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PageGeneration,
    PdfEdition,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
    SourceReference,
    public_actor_test,
)
from briefs.models.base import in_every_language

# Rows whose brief's texts are made from them (and its own row, the abstract).
TEXT_PARTS = (Section, SourceReference)
# Rows the rule of public actors reads.
PUBLICITY = (
    Actor,
    Publication,
    Meeting,
    MeetingParticipant,
    Sanction,
    PrisonerRelease,
    NationalityCount,
)
# Every model whose rows a public answer shows: a change moves the generation on.
PUBLIC = (
    *PUBLICITY,
    Author,
    ActorAlias,
    Contribution,
    Section,
    SourceReference,
    Evidence,
    DatasetRelease,
    PdfEdition,
)
# Rows a brief's published edition (its PDF) is made from, besides its own.
EDITION_PARTS = (*TEXT_PARTS, Contribution)
AT_ONCE = 100  # briefs rendered, or actor ids looked up, per query


@dataclass
class Changes:
    """What one write changed, as far as derived data is concerned."""

    texts: set = field(default_factory=set)  # briefs to render and recheck
    quotes: set = field(default_factory=set)  # briefs whose quotes to recheck
    renamed: set = field(default_factory=set)  # actors whose briefs to render
    rewritten: set = field(default_factory=set)  # briefs whose edition may change
    publicity: bool = False
    public: bool = False

    def rows_written(self, model, rows):
        """Note rows written (or deleted) without a signal: instances, with their ids."""
        if model not in PUBLIC:
            return
        self.public = True
        self.publicity |= model in PUBLICITY
        if model is Publication:
            self.rewritten.update(row.pk for row in rows)
        elif model in EDITION_PARTS:
            self.rewritten.update(row.publication_id for row in rows)
        if model is Publication:
            self.texts.update(row.pk for row in rows)
        elif model in TEXT_PARTS:
            self.texts.update(row.publication_id for row in rows)
        elif model is Evidence:
            self.quotes.update(row.publication_id for row in rows)
        elif model is Actor:
            self.renamed.update(row.pk for row in rows)
        elif model is ActorAlias:
            self.renamed.update(row.actor_id for row in rows)

    def everything(self):
        """Note that any row may have changed (a migration, a restored database)."""
        self.texts.update(Publication.objects.values_list("pk", flat=True))
        self.publicity = self.public = True


_current = contextvars.ContextVar("briefs_write", default=None)

# Sent once a write that wrote a brief's rows has committed (``sender`` the
# Publication class, ``publication_ids`` a set).
briefs_rewritten = Signal()


@contextmanager
def write():
    """One write: rows written inside are noted, and their derived data is
    settled once at the end, in the write's own transaction.

    A write inside another is part of it: the outermost settles.
    """
    outer = _current.get()
    if outer is not None:
        with transaction.atomic():
            yield outer
        return
    changes = Changes()
    token = _current.set(changes)
    try:
        with transaction.atomic():
            yield changes
            # A dry run marked its write to roll back: nothing to settle.
            if not transaction.get_rollback():
                settle(changes)
    finally:
        _current.reset(token)


def noted(model, rows):
    """Note ``rows`` of ``model`` in the current write, or settle them at once."""
    changes = _current.get()
    if changes is not None:
        changes.rows_written(model, rows)
        return
    with write() as changes:
        changes.rows_written(model, rows)


def rebuild():
    """Settle every row's derived data: after a migration, or a database restored."""
    with write() as changes:
        changes.everything()


# --- The pass ---------------------------------------------------------------


def settle(changes):
    texts = changes.texts | briefs_mentioning(changes.renamed)
    store_rendered_html(texts)
    recheck_quotes(texts | changes.quotes)
    if changes.publicity:
        store_public_actors()
    if changes.public:
        move_generation_on()
    if changes.rewritten:
        ids = frozenset(changes.rewritten)
        transaction.on_commit(
            lambda: briefs_rewritten.send_robust(Publication, publication_ids=ids)
        )


def briefs_mentioning(actor_ids):
    """The ids of the briefs that link any of these actors."""
    links = Publication.actors.through.objects
    actor_ids = sorted(actor_ids)
    return {
        brief
        for start in range(0, len(actor_ids), AT_ONCE * 50)
        for brief in links.filter(
            actor_id__in=actor_ids[start : start + AT_ONCE * 50]
        ).values_list("publication_id", flat=True)
    }


def briefs_to_render(ids):
    """The briefs ``ids`` with what their texts are rendered from, and nothing else."""
    return (
        Publication.objects.filter(pk__in=ids)
        .only("summary", "summary_html", "language")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=Section.objects.only(
                    "publication", "position", "body", "body_html"
                ),
            ),
            Prefetch(
                "source_references",
                queryset=SourceReference.objects.only("publication", "number", "url"),
            ),
            Prefetch(
                "actors",
                queryset=Actor.objects.only(
                    "slug", *in_every_language("name"), *in_every_language("position")
                ).prefetch_related(
                    Prefetch(
                        "aliases", queryset=ActorAlias.objects.only("actor", "name")
                    )
                ),
            ),
        )
    )


def store_rendered_html(publication_ids):
    """Render the texts of these briefs again and store whatever changed."""
    ids = sorted(publication_ids)
    for start in range(0, len(ids), AT_ONCE):
        briefs, sections = [], []
        for publication in briefs_to_render(ids[start : start + AT_ONCE]):
            summary, rendered = rendered_texts(publication)
            if publication.summary_html != summary:
                publication.summary_html = summary
                briefs.append(publication)
            for section, html in rendered:
                if section.body_html != html:
                    section.body_html = html
                    sections.append(section)
        # Updates, not saves: derived data has no history and moves no timestamp.
        Publication.objects.bulk_update(briefs, ["summary_html"])
        Section.objects.bulk_update(sections, ["body_html"])


def recheck_quotes(publication_ids):
    """Flag the evidence whose quote its text no longer has, and unflag what
    is found again; how many changed. Evidence is never dropped for a broken
    quote, only flagged for a curator."""
    if not publication_ids:
        return 0
    publications = Publication.objects.filter(
        pk__in=sorted(publication_ids), evidence__isnull=False
    ).distinct()
    publications = publications.only("summary").prefetch_related(
        Prefetch(
            "sections", queryset=Section.objects.only("publication", "position", "body")
        ),
        Prefetch(
            "evidence",
            queryset=Evidence.objects.only(
                "publication", "section", "quote", "quote_found"
            ),
        ),
    )
    changed = []
    for publication in publications:
        texts = {None: publication.summary}
        texts.update((s.position, s.body) for s in publication.sections.all())
        words = {key: words_of(text) for key, text in texts.items()}
        for evidence in publication.evidence.all():
            text = words.get(evidence.section)
            found = text is not None and quoted_in(evidence.quote, text)
            if found != evidence.quote_found:
                evidence.quote_found = found
                changed.append(evidence)
    Evidence.objects.bulk_update(changed, ["quote_found"])
    return len(changed)


def store_public_actors():
    """Make every actor's stored flag what the rule says; only changed rows are
    written: one statement flips the flag wherever it is not the rule's answer."""
    rule, params = public_actors_query(connection.vendor)
    table = connection.ops.quote_name(Actor._meta.db_table)
    pk = connection.ops.quote_name(Actor._meta.pk.column)
    flag = connection.ops.quote_name(Actor._meta.get_field("is_public").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {flag} = NOT {flag} WHERE {flag} <> ({pk} IN ({rule}))",
            params,
        )


@functools.cache
def public_actors_query(vendor):
    """The ids of the actors the rule makes public, as SQL and its parameters.

    The rule's eight subqueries take the ORM some 3 ms to compile, and every
    write that touches a fact settles the flags; the SQL is the same each
    time (the rule has no parameter but constants), so it is compiled once a
    process, for the database it runs on.
    """
    ids = Actor.objects.filter(public_actor_test()).order_by().values("pk")
    return ids.query.sql_with_params()


def move_generation_on():
    """Every public answer made before is stale from this write's commit on."""
    if not PageGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        # Lost (a flushed database): start from a number never used before,
        # so no answer kept under an older generation can come back.
        PageGeneration.objects.get_or_create(pk=1, defaults={"value": time.time_ns()})


# --- Receivers: they only note ------------------------------------------------


def note_saved(sender, instance, **kwargs):
    # Raw saves (loaddata) too: a fixture states rows, not what follows from them.
    noted(sender, [instance])


def note_actor_deleting(sender, instance, **kwargs):
    # Its links to briefs go with it, before the write settles: note them now.
    instance._briefs_mentioning = briefs_mentioning([instance.pk])


def note_actor_deleted(sender, instance, **kwargs):
    with write() as changes:
        changes.rows_written(Actor, [instance])
        changes.texts |= instance._briefs_mentioning


def note_links(sender, instance, action, reverse, pk_set, **kwargs):
    """A change of many-to-many links: publicity and public answers follow,
    and a brief's texts when its actors (whose names it links) change."""
    if action == "pre_clear" and reverse and sender is MENTIONS:
        # actor.publications.clear(): which briefs it leaves is known only now.
        instance._briefs_mentioning = briefs_mentioning([instance.pk])
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    with write() as changes:
        changes.public = True
        changes.publicity |= sender in PUBLICITY_LINKS
        if sender is MENTIONS:
            if not reverse:
                changes.texts.add(instance.pk)
            elif action == "post_clear":
                changes.texts |= instance._briefs_mentioning
            else:
                changes.texts |= pk_set


MENTIONS = Publication.actors.through
# Links the rule of public actors reads: which briefs mention an actor or
# discuss a fact.
PUBLICITY_LINKS = {
    MENTIONS,
    Meeting.publications.through,
    Sanction.publications.through,
    PrisonerRelease.publications.through,
}


def connect():
    """Note every save, raw or not, and every delete of a row a public answer
    shows, and every change of their many-to-many links."""
    for model in PUBLIC:
        uid = f"derived-{model._meta.label_lower}"
        post_save.connect(note_saved, sender=model, dispatch_uid=uid)
        if model is Actor:
            pre_delete.connect(note_actor_deleting, sender=model, dispatch_uid=uid)
            post_delete.connect(note_actor_deleted, sender=model, dispatch_uid=uid)
        else:
            post_delete.connect(note_saved, sender=model, dispatch_uid=uid)
        for many in model._meta.local_many_to_many:
            through = many.remote_field.through
            m2m_changed.connect(
                note_links,
                sender=through,
                dispatch_uid=f"derived-{through._meta.label_lower}",
            )


def migrated(sender, using=DEFAULT_DB_ALIAS, plan=None, **kwargs):
    """After ``migrate`` (a deployment, a new database) or ``flush``: every
    row's derived data is settled again as the code now makes it, and no
    answer kept from before is served. After a migrate, only once every
    migration is applied: the live models read here are the latest ones."""
    if plan is not None:  # a migrate, not a flush, perhaps to an earlier state
        executor = MigrationExecutor(connections[using])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return
    rebuild()
