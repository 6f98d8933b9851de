"""
People and things that act: authors credited on briefs, and actors (persons,
states, organizations, groups) with the other spellings of their names.
"""

import operator
from functools import reduce

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from briefs.domain.rules import sees_drafts
from briefs.models.base import (
    CURATION_PERMISSIONS,
    FieldCheck,
    History,
    NaturalKeyModel,
    SluggedModel,
    SlugQuerySet,
    Translated,
    not_a_state,
    one_of,
    original,
    validate_orcid,
    wikidata_id_validator,
)

STATE_WITHOUT_COUNTRY = _(
    "A state does not belong to another country: leave its country empty."
)


class AuthorQuerySet(SlugQuerySet):
    def visible_to(self, user):
        """Authors credited on a brief the user may read."""
        if sees_drafts(user):
            return self.all()
        publications = self.model._meta.get_field("publications").related_model.objects
        briefs = publications.visible_to(user)
        return self.filter(Exists(briefs.filter(contributions__author=OuterRef("pk"))))


class Author(SluggedModel):
    """A person credited on a publication: its author, copy editor, translator."""

    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        blank=True,
        validators=[validate_orcid],
        help_text=_("Such as 0000-0002-1825-0097."),
    )
    biography = models.TextField(_("biography"), blank=True)

    objects = AuthorQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        default_permissions = CURATION_PERMISSIONS
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("briefs:author_detail", kwargs={"slug": self.slug})

    def clean_fields(self, exclude=None):
        # Taken as people copy it: the address of the iD's page, or lower-case x.
        self.orcid = self.orcid.strip().removeprefix("https://orcid.org/").upper()
        super().clean_fields(exclude)

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""


class ActorQuerySet(SlugQuerySet):
    def matching(self, text):
        """Actors whose name in any language, or any alias, contains ``text``."""
        names = Q(aliases__name__icontains=text)
        for field in Actor.name.translated.fields:
            names |= Q(**{f"{field}__icontains": text})
        return self.filter(names).distinct()

    def visible_to(self, user):
        """Actors a brief the user may read mentions, or that take part in what it discusses.

        The public site links an actor only where the actor has a page, so
        this is also the test of whether a name may be linked. For everyone
        but editors it is the stored ``is_public`` (briefs.domain.derived keeps
        it true to ``public_by_relations``): one indexed column.
        """
        if sees_drafts(user):
            return self.all()
        return self.filter(is_public=True)

    def public_by_relations(self):
        """Actors a published brief mentions, or that take part in what it
        discusses: the rule ``Actor.is_public`` stores."""
        return self.filter(public_actor_test())


def public_actor_test():
    """The rule of who the public may read, as a test on an actor row: a
    published brief mentions it, or discusses a meeting, sanction or release
    it takes part in. ``Actor.is_public`` stores its answer.

    Each relation gives one uncorrelated list of ids, which PostgreSQL
    hashes once: right for testing every actor at once, as the stored flag
    is settled (EXISTS subqueries joined by OR would run again for each).
    """
    from briefs.models.facts import Meeting, PrisonerRelease, Sanction
    from briefs.models.publications import Publication

    public = AnonymousUser()
    meetings = Meeting.objects.visible_to(public)
    sanctions = Sanction.objects.visible_to(public)
    releases = PrisonerRelease.objects.visible_to(public)
    # (rows the public may read, the path from them to an actor)
    relations = [
        (Publication.objects.visible_to(public), "actors"),
        (meetings, "participants"),
        (meetings, "country"),
        (sanctions, "imposed_by"),
        (sanctions, "target"),
        (releases, "released_by"),
        (releases, "released_to"),
        (releases, "nationality_counts__country"),
    ]
    # Without NULLs, so that "not in the list" is true rather than unknown.
    tests = [
        Q(pk__in=rows.filter(**{f"{path}__isnull": False}).values(path))
        for rows, path in relations
    ]
    return reduce(operator.or_, tests)


class ActorKind(models.TextChoices):
    """What an actor is. Outside the model so its constraints can name the values."""

    PERSON = "person", _("Person")
    STATE = "state", _("State")
    ORGANIZATION = "organization", _("Organization")
    GROUP = "group", _("Group")


class Actor(SluggedModel):
    """Anyone or anything that acts in a brief: a person, a state, an organization, a group."""

    Kind = ActorKind

    # Each in every language (name_en, name_hu, …): ``name`` reads the
    # reader's, falling back to the original (briefs.models.base.Translated).
    name = Translated(models.CharField(_("name"), max_length=200))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    position = Translated(
        models.CharField(
            _("position"),
            max_length=300,
            blank=True,
            help_text=_("Title or office, as the brief gives it."),
        )
    )
    country = models.ForeignKey(
        "self",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="nationals",
        null=True,
        blank=True,
        limit_choices_to={"kind": Kind.STATE},
        help_text=_("For persons and organizations: the state they belong to."),
    )
    wikidata_id = models.CharField(
        _("Wikidata id"), max_length=20, blank=True, validators=[wikidata_id_validator]
    )
    description = Translated(models.TextField(_("description"), blank=True))
    # Derived (briefs.domain.derived), never edited, imported or exported.
    is_public = models.BooleanField(
        _("is public"),
        default=False,
        editable=False,
        serialize=False,
        help_text=_(
            "Whether a published brief mentions it or discusses what it takes part in."
        ),
    )

    objects = ActorQuerySet.as_manager()
    history = History(excluded_fields=["is_public"])

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        default_permissions = CURATION_PERMISSIONS
        ordering = [original("name")]
        # The public actor index, in its order.
        indexes = [
            models.Index(
                fields=["is_public", original("name")], name="briefs_actor_public_name"
            )
        ]
        constraints = [
            FieldCheck(
                condition=Q(kind__in=ActorKind.values),
                name="briefs_actor_kind_valid",
                violation_error_message=one_of(ActorKind),
                field="kind",
            ),
            FieldCheck(
                condition=~Q(kind=ActorKind.STATE) | Q(country__isnull=True),
                name="briefs_actor_state_has_no_country",
                violation_error_message=STATE_WITHOUT_COUNTRY,
                field="country",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("briefs:actor_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.country_id is None:
            return
        if self.kind == self.Kind.STATE:
            raise ValidationError({"country": STATE_WITHOUT_COUNTRY})
        if self.country.kind != self.Kind.STATE:
            raise ValidationError({"country": not_a_state(self.country)})

    @property
    def names(self):
        """Its name in every language and every alias: how a brief may spell it."""
        names = [getattr(self, field) for field in Actor.name.translated.fields]
        names += [alias.name for alias in self.aliases.all()]
        return list(dict.fromkeys(name for name in names if name))


class ActorAlias(NaturalKeyModel):
    """Another spelling of an actor's name found in a brief ("Lukashenka", "Keitt Kellogg")."""

    actor = models.ForeignKey(
        Actor, verbose_name=_("actor"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("name"), max_length=200)

    natural_key_fields = ("actor", "name")

    history = History()

    class Meta:
        verbose_name = _("actor alias")
        verbose_name_plural = _("actor aliases")
        default_permissions = CURATION_PERMISSIONS
        ordering = [f"actor__{original('name')}", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "name"], name="briefs_alias_unique_per_actor"
            )
        ]

    def __str__(self):
        return self.name
