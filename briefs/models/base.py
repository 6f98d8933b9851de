"""
What every model of the app shares: timestamps, a natural key, a slug,
partial dates, names in every language, the permissions curators are
given on each model, and the history of its rows.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, router
from django.db.models import CheckConstraint, Q
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from translated_fields import TranslatedField, to_attribute

from briefs.domain import constraints, dates, rules
from briefs.domain.dates import DatePrecision

# Every model can be imported and exported by whoever holds these permissions
# (django-import-export checks "import_<model>" and "export_<model>"), besides
# Django's own four. Declared here so a new model gets them from migrate.
CURATION_PERMISSIONS = ("add", "change", "delete", "view", "import", "export")


class History(HistoricalRecords):
    """django-simple-history's records of a model's rows, indexed by what a
    history is read by: the row's id (and the record's own id, date and
    user). simple-history would index every field the row indexes (its
    slug twice, each foreign key) as well: no query reads history by those,
    and keeping them made up half of what writing a history record costs
    (an import writes one a row)."""

    def __init__(self, *args, **kwargs):
        # The user a record names is no foreign key the database checks: a
        # check a record at commit was half a second of an import of 50,000
        # meetings by a curator. Django's delete clears it (SET_NULL).
        kwargs.setdefault("user_db_constraint", False)
        super().__init__(*args, **kwargs)

    def copy_fields(self, model):
        # simple-history's own option, for every copied field but the id.
        self.no_db_index = [field.name for field in model._meta.fields]
        fields = super().copy_fields(model)
        fields[model._meta.pk.name].db_index = True
        return fields


def has_history(model):
    """Whether a model's rows have a history (``History``).

    Asked of the class's options, where simple-history marks the models it
    records: ``hasattr(model, "history")`` builds a new manager class each
    time (0.3 ms), and a bundle asked it once a row.
    """
    return hasattr(model._meta, "simple_history_manager_attribute")


def rendered_html_field():
    """HTML made from a row's Markdown whenever it is written (briefs.domain.derived).

    Derived data: no form edits it, no fixture, bundle or export carries it
    (``serialize=False``) and its history is the Markdown's.
    """
    return models.TextField(editable=False, blank=True, serialize=False)


wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", _("A Wikidata id is a Q followed by digits, such as Q184.")
)


ORCID_FORM = re.compile(r"^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$")


def orcid_check_digit(digits):
    """The check character of an ORCID iD's first 15 digits (ISO 7064 MOD 11-2)."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def validate_orcid(value):
    """An ORCID iD as its 16 characters in groups of four, its last the checksum."""
    if not ORCID_FORM.match(value):
        raise ValidationError(
            _(
                "An ORCID iD is four groups of four digits (the last may end in X), "
                "such as 0000-0002-1825-0097."
            ),
            code="orcid_form",
        )
    digits = value.replace("-", "")
    if orcid_check_digit(digits[:15]) != digits[15]:
        raise ValidationError(
            gettext(
                "“{value}” is not an ORCID iD: its check digit does not match; "
                "look for a mistyped digit."
            ).format(value=value),
            code="orcid_checksum",
        )


# The languages names have columns for, as the models were built: the
# original first (the language the facts were first kept in, every other one's
# fallback). A language added to settings.LANGUAGES later (editions and the
# site take it at once) reads names in the original until its columns exist.
NAME_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def languages():
    """The codes of the languages names are kept in, the original first."""
    return list(NAME_LANGUAGES)


def original(name):
    """The field of a translated ``name`` in the original language (``name_en``):
    what a row is ordered, looked up and exported by, whatever the reader's language."""
    return to_attribute(name, languages()[0])


def in_every_language(name):
    """The fields of a translated ``name``, the original first: name_en, name_hu, …"""
    return [to_attribute(name, code) for code in languages()]


def language_of(code=None):
    """The code in ``settings.LANGUAGES`` that ``code`` (by default the active
    language, such as "hu" or "en-gb") stands for, or None."""
    code = (code or translation.get_language() or "").lower()
    known = languages()
    for candidate in (code, code.split("-")[0]):
        if candidate in known:
            return candidate
    return None


def localized(name, code=None):
    """An expression of a translated ``name`` in the active (or given)
    language, the original's value where that language has none: for
    ordering and annotating in the database as ``row.name`` reads in Python."""
    code = language_of(code)
    if code is None or code == languages()[0]:
        return models.F(original(name))
    return Coalesce(NullIf(to_attribute(name, code), models.Value("")), original(name))


def _read_in_active_language(name, field):
    def read(instance):
        code = language_of()
        if code is not None and code != field.languages[0]:
            value = getattr(instance, to_attribute(name, code))
            if value:
                return value
        return getattr(instance, to_attribute(name, field.languages[0]))

    return read


def _write_original(name, field):
    def write(instance, value):
        setattr(instance, to_attribute(name, field.languages[0]), value)

    return write


class TranslatedAttribute(property):
    """A translated field's name on its model (``Actor.name``): reads the
    active language's value, else the original's; writes the original's.

    A property, so ``Actor(name=…)`` and ``objects.create(name=…)`` keep
    working as every door wrote them before names had languages: they set
    the original. ``translated`` is the field, with its ``fields``.
    """

    def __init__(self, translated):
        super().__init__(translated._getter, translated._setter)
        self.translated = translated


class Translated(TranslatedField):
    """A field kept in every language of ``settings.LANGUAGES``: ``name_en``,
    ``name_hu``, … are columns of the row (django-translated-fields).

    Being the model's own fields from its class statement on, each row's
    history (django-simple-history, which copies the fields as the class is
    prepared) records every language, and a list reads them with no extra
    query. The original language keeps the column the field had before it
    had languages and the field's rules (a required name stays required);
    the others may be left empty, and then read as the original. Another
    language is a setting and the migration ``makemigrations`` writes for it.
    """

    def __init__(self, field):
        codes = languages()
        super().__init__(
            field,
            {code: {"blank": True} for code in codes[1:]},
            languages=codes,
            attrgetter=_read_in_active_language,
            attrsetter=_write_original,
        )

    def contribute_to_class(self, cls, name):
        verbose_name = self._field.verbose_name or name.replace("_", " ")
        for code in self.languages:
            info = translation.get_language_info(code)
            self._specific.setdefault(code, {})["verbose_name"] = format_lazy(
                "{} ({})", verbose_name, info["name_translated"]
            )
        self._specific[self.languages[0]]["db_column"] = name
        super().contribute_to_class(cls, name)
        setattr(cls, name, TranslatedAttribute(self))


def translated_fields(model):
    """{name: [name_en, name_hu, …]} of a model's translated fields, in declaration order."""
    found = {}
    for klass in reversed(model.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, TranslatedAttribute):
                found[name] = value.translated.fields
    return found


class CheckedInPython(models.Model):
    """A model whose check constraints ``full_clean`` tests in Python.

    Django asks the database, one query a check constraint and row; here
    ``briefs.domain.constraints`` tests the same condition with the same
    message, so an admin page with eight evidence inlines, a bundle or a
    fixture costs no query for them. Unique constraints still ask the
    database, as only it knows the other rows. (The loop is Django's own
    ``validate_constraints``, with that one difference.)
    """

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        """Django's, in the words every door uses (``rules.clean_value``)."""
        exclude = set(exclude or ())
        errors = {}
        for field in self._meta.fields:
            if field.name in exclude or field.generated:
                continue
            raw = getattr(self, field.attname)
            if field.blank and raw in field.empty_values:
                continue
            try:
                setattr(self, field.attname, rules.clean_value(self, field))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(type(self), instance=self)
        errors = {}
        for model_class, model_constraints in self.get_constraints():
            for constraint in model_constraints:
                try:
                    if isinstance(constraint, CheckConstraint):
                        constraints.check(constraint, self, exclude)
                    else:
                        constraint.validate(
                            model_class, self, exclude=exclude, using=using
                        )
                except ValidationError as error:
                    if (
                        getattr(error, "code", None) == "unique"
                        and len(constraint.fields) == 1
                    ):
                        errors.setdefault(constraint.fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class TimeStampedModel(CheckedInPython):
    created_at = models.DateTimeField(
        _("created at"), auto_now_add=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class NaturalKeyQuerySet(models.QuerySet):
    def get_by_natural_key(self, *key):
        paths = self.model.natural_key_paths()
        if len(key) != len(paths):
            raise TypeError(
                f"A {self.model._meta.verbose_name}'s natural key has "
                f"{len(paths)} parts, not {len(key)}."
            )
        return self.get(**dict(zip(paths, key, strict=True)))


class SlugQuerySet(NaturalKeyQuerySet):
    """Rows whose natural key is their slug (see ``SluggedModel``)."""


class NaturalKeyModel(TimeStampedModel):
    """A row known outside the database by its natural key, never by its id.

    ``natural_key_fields`` declares the key once: fixtures, bundles, the
    manager's ``get_by_natural_key()`` and the import-export resources'
    ``import_id_fields`` all take it from here. A foreign key in it stands for
    the related row's own natural key (a section is its publication's slug and
    its position).
    """

    natural_key_fields = ()

    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        abstract = True

    def natural_key(self):
        key = []
        for name in self.natural_key_fields:
            value = getattr(self, name)
            if isinstance(value, models.Model):
                key.extend(value.natural_key())
            else:
                key.append(value)
        return tuple(key)

    @classmethod
    def natural_key_paths(cls):
        """The lookup each part of the natural key matches: publication__slug, position."""
        paths = []
        for name in cls.natural_key_fields:
            related = cls._meta.get_field(name).related_model
            if related is None:
                paths.append(name)
            else:
                paths.extend(f"{name}__{path}" for path in related.natural_key_paths())
        return paths


class SluggedModel(NaturalKeyModel):
    """A row known everywhere outside the database by its slug."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    natural_key_fields = ("slug",)

    objects = SlugQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def url_by_slug(cls):
        """slug -> the URL of the row with that slug, as get_absolute_url gives it.

        Reversed once, not once a row: reverse() would be most of a long
        list's work. A slug is all URL-safe characters, so it goes in as it is.
        """
        marker = "slug-of-the-row"
        url = cls(slug=marker).get_absolute_url()
        return lambda slug: url.replace(marker, slug)


def free_slug(model, slug):
    """``slug`` or, if a row has it, the first of ``slug-2``, ``slug-3`` … that is free."""
    candidate, number = slug, 1
    while model.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{slug[: 120 - len(str(number)) - 1]}-{number}"
    return candidate


def partial_date_fields(verbose_name):
    """The three columns of a partial date: first day of the period, precision, "about"."""
    return (
        models.DateField(
            verbose_name,
            null=True,
            blank=True,
            help_text=_("The first day of the period the brief gives; see precision."),
        ),
        models.CharField(
            format_lazy(_("{date} precision"), date=verbose_name),
            max_length=6,
            choices=DatePrecision.choices,
            blank=True,
            help_text=_(
                "How much of the date the brief gives: never a day it does not state."
            ),
        ),
        models.BooleanField(
            format_lazy(_("{date} approximate"), date=verbose_name), default=False
        ),
    )


class FieldCheck(CheckConstraint):
    """A check constraint whose violation is one column's fault, and said so.

    Every door shows its message under ``field`` (the admin beside the input,
    an import as row and column, a bundle as object and field), never as the
    constraint's name. ``field`` says how a violation is reported, not what
    the database holds, so migrations see a plain CheckConstraint.
    """

    def __init__(self, *, field, **kwargs):
        self.field = field
        super().__init__(**kwargs)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path.replace("briefs.models.base.FieldCheck", _CHECK), args, kwargs

    def clone(self):
        _path, args, kwargs = self.deconstruct()
        return FieldCheck(*args, field=self.field, **kwargs)


_CHECK = "django.db.models.CheckConstraint"


def one_of(choices):
    """The message of a constraint that a value be one of ``choices`` (TextChoices)."""
    return format_lazy(_("Choose one of {choices}."), choices=", ".join(choices.values))


def not_a_state(actor):
    """What a state-only column says of another actor, in the words every door uses."""
    return gettext("“{actor}” is not a state.").format(actor=actor)


NUMBERED_FROM_ONE = _("Numbers start at 1: give a whole number of 1 or more.")


def partial_date_checks(prefix):
    """A stored date always says how precise it is, and a precision has its date."""
    return [
        FieldCheck(
            condition=Q(**{f"{prefix}__isnull": True})
            | ~Q(**{f"{prefix}_precision": ""}),
            name=f"%(app_label)s_%(class)s_{prefix}_has_precision",
            violation_error_message=dates.NO_PRECISION,
            field=f"{prefix}_precision",
        ),
        FieldCheck(
            condition=Q(**{f"{prefix}__isnull": False})
            | Q(**{f"{prefix}_precision": ""}),
            name=f"%(app_label)s_%(class)s_{prefix}_precision_has_date",
            violation_error_message=dates.PRECISION_WITHOUT_DATE,
            field=prefix,
        ),
    ]


def clean_partial_date(instance, prefix):
    date = getattr(instance, prefix)
    precision = getattr(instance, f"{prefix}_precision")
    dates.validate(date, precision, field=prefix)
    setattr(instance, prefix, dates.normalize(date, precision))
