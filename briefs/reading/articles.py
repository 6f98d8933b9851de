"""
Render once, serve many: a brief's public article, stored in the database.

The part of a brief's page that is the same for every public reader (its
head: description, canonical link, citation metadata, JSON-LD; and its
article: the text with its evidence marked, the key facts, the sources,
"Cite this") is rendered once in each language and kept in ``StoredArticle``
with the page generation it was rendered at: its words, dates and links are
the language's (``/hu/briefs/…`` links to ``/hu/actors/…``). Every write moves that generation
(``PageGeneration``) on in its own transaction (``briefs.domain.derived``),
and so does every ``migrate``, which a deployment of new templates or code
runs.

A public request reads the brief, its stored article in the request's
language and the current generation in one query (``selectors.brief_with_stored_article``), so
unpublishing takes effect at once. The article is served only while its
generation is current and it was made for the site's origin (its links are
absolute, ``briefs.reading.links``), which a new setting may change. Otherwise the page is rendered as ever and stored with a
conditional UPDATE: only while the generation is still the one read before
the brief's rows, so a render from rows that an edit has changed since is
never stored as current.

Editors and preview links neither read nor store an article: they may see
drafts.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError
from django.db.models import Exists
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from briefs.domain.rules import sees_drafts
from briefs.models import PageGeneration, StoredArticle


@dataclass
class Article:
    """The head and the body of a brief's page that every public reader gets."""

    head: str
    body: str


def render(publication, page):
    """The article of ``page`` (``selectors.brief_page``) as HTML, fresh."""
    context = {"publication": publication, "page": page}
    return Article(
        head=mark_safe(render_to_string("briefs/includes/brief_head.html", context)),  # noqa: S308 (a template's output)
        body=mark_safe(render_to_string("briefs/includes/brief_article.html", context)),  # noqa: S308
    )


def may_store(request):
    """Whether this request reads and stores articles (see the module's docstring)."""
    return not sees_drafts(request.user)


def current(publication):
    """The stored article of a brief from ``brief_with_stored_article()``, or None
    unless it is of the current generation and the site's origin."""
    # Not set by the join when the brief has none in this language.
    stored = getattr(publication, "stored_article", None)
    if (
        stored is None
        or stored.generation is None
        or stored.generation != publication.current_generation
        or stored.origin != settings.SITE_ORIGIN
    ):
        return None
    return Article(
        head=mark_safe(stored.head_html), body=mark_safe(stored.article_html)
    )  # noqa: S308 (our own render)


def store(publication, generation, article):
    """Keep ``article``, rendered in the active language from rows read at
    ``generation``, unless the generation has moved on since: then it may
    show what an edit changed."""
    language = get_language()
    if generation is None:  # No generation row: nothing could tell it stale.
        return
    still_current = PageGeneration.objects.filter(pk=1, value=generation)
    fresh = {
        "generation": generation,
        "origin": settings.SITE_ORIGIN,
        "head_html": article.head,
        "article_html": article.body,
    }
    stored = StoredArticle.objects.filter(
        publication_id=publication.pk, language=language
    )
    if stored.filter(Exists(still_current)).update(**fresh):
        return
    # The brief's first article: a row that is never current, then the same
    # conditional update. (Ignored if another request made it meanwhile; a
    # brief deleted meanwhile fails its foreign key, and nothing is kept.)
    try:
        StoredArticle.objects.bulk_create(
            [StoredArticle(publication_id=publication.pk, language=language)],
            ignore_conflicts=True,
        )
    except IntegrityError:
        return
    stored.filter(Exists(still_current)).update(**fresh)
