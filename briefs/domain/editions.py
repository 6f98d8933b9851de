"""
A brief's editions: a new one starts from another's structure.

An edition is a ``Publication`` in one language (``Publication.language``);
a translation names its original (``translation_of``), whose facts every
edition states (``Publication.facts_edition``). A curator adds a translation
(the admin's "Add a translation", per language the brief lacks) as a draft
that starts from the original's structure and text: its sections with their
headings and positions, its source notes numbered with their URLs, its
credits, the actors it mentions and its evidence, all to be translated. The
quote check (``briefs.domain.derived``) flags each piece of evidence whose
words the translated text no longer has, which is the translator's list of
quotes to find again.

It is one write (``derived.write``), its row saved by the publishing
service, every row checked by the rules every door applies and written with
its history, all or nothing.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from briefs.domain import derived, publishing
from briefs.domain.rules import check_row
from briefs.models import Contribution, Evidence, Publication, Section, SourceReference
from briefs.models.base import free_slug

ADD_PERMISSION = "briefs.add_publication"
TRANSLATION_REASON = _("Added as a translation of “%(original)s”")
NOT_A_LANGUAGE = _("“%(language)s” is not one of the site's languages: %(languages)s.")
HAS_THAT_EDITION = _("The brief has an edition in %(language)s already: “%(edition)s”.")

# The parts an edition starts from, in the order they are checked (the
# evidence against the texts and notes before it).
PARTS = [
    (Section, "sections"),
    (SourceReference, "source_references"),
    (Contribution, "contributions"),
    (Evidence, "evidence"),
]


def copied_fields(model):
    """A part's own values: every field a curator sets but its brief."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name != "publication"
    ]


# The brief's own fields an edition starts from.
COPIED = [
    "series",
    "title",
    "publisher",
    "publisher_url",
    "publication_date",
    "summary",
    "cover_photo_credit",
    "copyright_line",
]


def missing_languages(publication):
    """(code, name) of the site's languages the brief has no edition in."""
    present = {edition.language for edition in publication.edition_list}
    return [(code, name) for code, name in settings.LANGUAGES if code not in present]


def may_add_edition(user):
    """``None`` is the operator at the command line, who may do anything."""
    return user is None or user.has_perm(ADD_PERMISSION)


def edition_add(*, publication, language, user):
    """A draft translation of ``publication``'s brief into ``language``,
    started from its original's structure and text; the new edition.

    Raises PermissionDenied unless the user may add briefs, and
    ValidationError, having written nothing, if the language is not one of
    the site's or the brief has that edition already.
    """
    if not may_add_edition(user):
        raise PermissionDenied(gettext("Only an editor who may add briefs adds one."))
    original = publication.facts_edition
    languages = dict(settings.LANGUAGES)
    if language not in languages:
        raise ValidationError(
            NOT_A_LANGUAGE % {"language": language, "languages": ", ".join(languages)},
            code="invalid_choice",
        )
    if existing := original.edition_in(language):
        raise ValidationError(
            HAS_THAT_EDITION % {"language": languages[language], "edition": existing},
            code="unique",
        )
    with derived.write():
        edition = Publication(
            **{name: getattr(original, name) for name in COPIED},
            slug=free_slug(Publication, f"{original.slug}-{language}"[:117]),
            language=language,
            translation_of=original,
            status=Publication.Status.DRAFT,
        )
        check_row(edition)
        publishing.publication_save(
            publication=edition,
            user=user,
            reason=TRANSLATION_REASON % {"original": original.slug},
        )
        edition.actors.set(original.actors.all())
        for model, parts in PARTS:
            fields = copied_fields(model)
            for part in getattr(original, parts).all():
                row = model(
                    publication=edition, **{f: getattr(part, f) for f in fields}
                )
                check_row(row)
                if user is not None:
                    row._history_user = user
                row.save()
    return edition
