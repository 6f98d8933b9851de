"""
Which actors the public may read, stored on each actor (``Actor.is_public``).

An actor is public when a published brief mentions it or discusses a
meeting, sanction or release it takes part in (the rule is
``ActorQuerySet.public_by_relations``). Working that out for every actor on
every read of the actor index would test each actor against every relation,
so it is stored, and ``store_public_actors()`` is the one function that
writes it.

Saves, deletes and changed links of the rows the rule reads (briefs,
meetings and their participants, sanctions, releases and their nationality
counts, actors) call it through the signals ``connect()`` wires, for the
actors the row reaches before and after the write. It runs at once, so the
rest of the transaction reads the new flag, and again once the transaction
commits, for every actor it touched together, because a brief published
in another transaction meanwhile is seen only then. Writes that send no
signals (table imports, the corpus generator, the migration that filled
existing rows) call ``actors_changed()`` themselves.
"""

import operator
import threading
from functools import reduce

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from briefs.models import (
    Actor,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PrisonerRelease,
    Publication,
    Sanction,
    public_actor_test,
)

# The ways from a row of each model to the actors it can make public.
DISCUSSED_ACTORS = {
    Meeting: ["participants", "country"],
    Sanction: ["imposed_by", "target"],
    PrisonerRelease: ["released_by", "released_to", "nationality_counts__country"],
}
ACTORS_REACHED = {
    Actor: ["pk"],
    Publication: [
        "actors",
        *(
            f"{model._meta.default_related_name}__{path}"
            for model, paths in DISCUSSED_ACTORS.items()
            for path in paths
        ),
    ],
    **DISCUSSED_ACTORS,
    MeetingParticipant: ["actor"],
    NationalityCount: ["country"],
}


def store_public_actors(actor_ids=None):
    """Store again whether the public may read these actors (all when None)."""
    actors = Actor.objects.all()
    if actor_ids is not None:
        if not actor_ids:
            return
        actors = actors.filter(pk__in=sorted(actor_ids))
    rule = public_actor_test(probe_each=actor_ids is not None)
    # Only the rows whose answer changed are written.
    actors.filter(Q(is_public=False) & rule).update(is_public=True)
    actors.filter(Q(is_public=True) & ~rule).update(is_public=False)


def actors_reached(model, pks):
    """The ids of the actors that rows ``pks`` of ``model`` can make public."""
    if model is Actor:
        return set(pks)
    rows = model.objects.filter(pk__in=pks)
    reached = reduce(
        operator.or_, (Q(pk__in=rows.values(path)) for path in ACTORS_REACHED[model])
    )
    return set(Actor.objects.filter(reached).values_list("pk", flat=True))


# The actors the current transaction touched; EVERY_ACTOR once it touched
# them all. Per thread, as a database connection is.
_pending = threading.local()
EVERY_ACTOR = None


def actors_changed(actor_ids=EVERY_ACTOR):
    """The rule may now give another answer for these actors (all when None):
    store it at once and again, for all of a transaction's actors, at commit."""
    actor_ids = None if actor_ids is None else set(actor_ids)
    store_public_actors(actor_ids)
    if not connection.in_atomic_block:
        return  # committed already
    pending = getattr(_pending, "actors", set())
    if pending is EVERY_ACTOR or actor_ids is EVERY_ACTOR:
        _pending.actors = EVERY_ACTOR
    else:
        _pending.actors = pending | actor_ids
    # A callback per write, as one that was registered may have been dropped
    # with a rolled-back savepoint; the first to run stores them all.
    transaction.on_commit(store_pending)


def store_pending():
    if not hasattr(_pending, "actors"):
        return
    actor_ids = _pending.actors
    del _pending.actors
    store_public_actors(actor_ids)


def row_saving(sender, instance, **kwargs):
    # What the row reached before the write, which it may no longer reach.
    if instance.pk is not None:
        instance._actors_reached = actors_reached(sender, [instance.pk])


def row_written(sender, instance, **kwargs):
    before = getattr(instance, "_actors_reached", set())
    instance._actors_reached = set()
    actors_changed(before | actors_reached(sender, [instance.pk]))


def links_changed(sender, instance, action, **kwargs):
    # Whichever side ``instance`` is, the actors it reaches before and after
    # include every actor the links could make public or hide.
    if action.startswith("pre_"):
        instance._actors_reached = actors_reached(type(instance), [instance.pk])
    else:
        row_written(type(instance), instance)


def connect():
    """Store the flag again whenever a row the rule reads is written."""
    for model in ACTORS_REACHED:
        uid = f"publicity-{model._meta.label_lower}"
        post_save.connect(row_written, sender=model, dispatch_uid=uid)
        if model is Actor:
            continue  # only its own flag, which its deletion takes along
        pre_save.connect(row_saving, sender=model, dispatch_uid=uid)
        pre_delete.connect(row_saving, sender=model, dispatch_uid=uid)
        post_delete.connect(row_written, sender=model, dispatch_uid=uid)
    for field in [
        Publication.actors,
        *(model.publications for model in DISCUSSED_ACTORS),
    ]:
        m2m_changed.connect(
            links_changed,
            sender=field.through,
            dispatch_uid=f"publicity-{field.through._meta.label_lower}",
        )
