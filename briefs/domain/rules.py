"""
The rules every door calls, whoever writes: who reads drafts, who publishes,
and how many a release's breakdown by nationality may count.

Kept apart from the models so a form, an import or a bundle checks a rule by
calling it here, and so that the rule reads the same wherever it is told.
"""

from django.core import validators
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Every message here is in the language of whoever is told: Hungarian in an
# admin a curator's browser asks in Hungarian, English at the command line,
# in the API and on the English site (lazily translated where it is kept).


def sees_drafts(user):
    """Editors read drafts and whatever only drafts discuss, to preview them.

    An editor is staff who may change publications; a Reader (view only) sees
    the site as the public does.
    """
    return (
        user.is_authenticated
        and user.is_staff
        and user.has_perm("briefs.change_publication")
    )


# Whoever holds it makes a brief public, takes it down, or schedules it; an
# editor without it writes drafts and submits them for review.
PUBLISH_PERMISSION = "briefs.publish_publication"


def may_publish(user):
    """``None`` is the operator at the command line (loaddata, import_brief,
    import_table without --user), who may do anything."""
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def check_publishing(user, publication, stored=None):
    """The publishing rule, which every door calls: raise unless ``user`` may
    make the change from ``stored`` (the row as the database holds it, None for
    a new one) to ``publication``: publishing, unpublishing or scheduling."""
    if may_publish(user):
        return
    was_published = stored is not None and stored.is_published
    errors = {}
    if publication.is_published != was_published:
        errors["status"] = _(
            "Only an editor who may publish makes a brief public or takes it "
            "down: submit it for review."
        )
    if publication.publish_at != (stored.publish_at if stored else None):
        errors["publish_at"] = _("Only an editor who may publish schedules a brief.")
    if errors:
        raise ValidationError(errors, code="publish_permission")


def linked_to_a_translation(edition, original):
    """The rule of editions at every door that links a fact to a brief: a
    translation states its original's facts, so a fact is linked to the
    original (``Publication.facts_edition``); said in these words."""
    return gettext(
        "“%(edition)s” is a translation of “%(original)s”, whose facts it "
        "states: link the fact to “%(original)s”."
    ) % {"edition": edition, "original": original}


# The code of the error, whichever door checks the breakdown: a release's
# form, a count's form, the inline form set, an import.
BREAKDOWN_EXCEEDS_TOTAL = "breakdown_exceeds_total"


def breakdown_exceeds_total(counted, total):
    return gettext(
        "The nationality breakdown ({counted}) may not exceed the total released "
        "({total})."
    ).format(counted=counted, total=total)


def check_breakdown(counted, total):
    """The nationality-breakdown rule, which every door calls: raise if ``counted`` > ``total``.

    Each door passes the breakdown as it will be saved: a count's form its
    count over the stored others, the inline form set its forms, an import
    the whole file over the stored rows (7 + 7 becoming 10 + 2 is 12, not 17).
    """
    if total is not None and counted > total:
        raise ValidationError(
            breakdown_exceeds_total(counted, total), code=BREAKDOWN_EXCEEDS_TOTAL
        )


# --- A value, whatever door it comes in by -----------------------------------
# A cell of a table, a field of a bundle, a line of a brief's text, a form's
# input: each is checked by these rules, in these words, so that a file gets
# the same answer at every door. The cells' formats (a date as YYYY-MM-DD, a
# number) are briefs/exchange/tables/cells.py's, which every file door reads
# through.

NUL_IN_TEXT = _(
    "The text holds a NUL character (an invisible character of code 0, left "
    "by a conversion or a binary file), which no text may hold: delete it "
    "and try again."
)


def check_text(text):
    """The rule of every text: no NUL (PostgreSQL cannot store one, and no
    person means one)."""
    if "\x00" in text:
        raise ValidationError(NUL_IN_TEXT, code="nul")


def not_one_of(value, choices):
    return gettext("“{value}” is not one of {choices}.").format(
        value=value, choices=", ".join(sorted(map(str, choices)))
    )


def too_long(value, max_length):
    return gettext(
        "Ensure this value has at most {max_length} characters (it has {length})."
    ).format(max_length=max_length, length=len(value))


def check_value(field, value):
    """The limits ``field`` sets on a non-empty ``value``: no NUL in text, one
    of its choices (said before its length: a wrong choice is rarely a long
    one), its length, its validators."""
    if isinstance(value, str):
        check_text(value)
    if field.choices:
        choices = {str(choice) for choice, _label in field.flatchoices}
        if str(value) not in choices:
            raise ValidationError(not_one_of(value, choices), code="invalid_choice")
    max_length = getattr(field, "max_length", None)
    if max_length is not None and isinstance(value, str) and len(value) > max_length:
        raise ValidationError(too_long(value, max_length), code="max_length")
    for validator in field.validators:
        if not isinstance(validator, validators.MaxLengthValidator):
            validator(value)


def clean_value(row, field):
    """The value of ``field`` on ``row`` as ``Field.clean`` makes it, checked
    by ``check_value``. A related row's existence is left to the door that
    found it by its natural key, and which rows it may be (a country is a
    state) to the model's ``clean``, which names it."""
    value = field.to_python(getattr(row, field.attname))
    if value is None:
        if not field.null:
            raise ValidationError(field.error_messages["null"], code="null")
    elif not field.blank and value in field.empty_values:
        raise ValidationError(field.error_messages["blank"], code="blank")
    elif not field.is_relation and value not in field.empty_values:
        check_value(field, value)
    return value


def check_row(row, *, looked_up=()):
    """``full_clean`` as a door that writes rows without a form applies it.

    The model's fields, its own rules and its constraints, in Django's order
    and words; but neither the breakdown of a release across its counts (the
    door checks it on the state it leaves, once all its rows are in) nor the
    existence of the rows the foreign keys in ``looked_up`` name (the door
    found them itself: Django would ask again, one query each).
    """
    errors = {}
    try:
        row.clean_fields(exclude=set(looked_up))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        row.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    # As full_clean: unique and constraint checks only for the fields that passed.
    failed = {name for name in errors if name != NON_FIELD_ERRORS}
    for validate in (row.validate_unique, row.validate_constraints):
        try:
            validate(exclude=failed)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    kept = {
        field: [
            error
            for error in messages
            if getattr(error, "code", None) != BREAKDOWN_EXCEEDS_TOTAL
        ]
        for field, messages in errors.items()
    }
    # One rule may be told twice (a precision not among the choices, by the
    # field and by the partial date's rule): said once.
    kept = {
        field: list({str(message): message for message in messages}.values())
        for field, messages in kept.items()
        if messages
    }
    if kept:
        raise ValidationError(kept)
