"""
What each API endpoint reads: the reading site's selectors, as the public sees them.

The API answers everyone as an anonymous reader, signed in or not, so it
shows only what a published brief holds, exactly as the site shows it; a
draft and whatever only a draft discusses do not exist here.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef

from briefs.models import Actor, Publication
from briefs.reading import selectors

PUBLIC = AnonymousUser()


def briefs():
    """Published briefs with their credits."""
    return Publication.objects.published().prefetch_related(selectors.credits())


def brief_pages():
    """Published briefs with everything their page shows."""
    return selectors.brief_pages(PUBLIC)


def brief_page(publication):
    return selectors.brief_page(publication)


def actors():
    """Actors with a page, each knowing whether its country has one too."""
    visible = Actor.objects.visible_to(PUBLIC)
    return (
        visible.select_related("country")
        .annotate(country_is_visible=Exists(visible.filter(pk=OuterRef("country_id"))))
        .prefetch_related("aliases")
    )


def meetings():
    return selectors.meeting_pages(PUBLIC)


def sanctions():
    return selectors.sanction_pages(PUBLIC)


def releases():
    return selectors.release_pages(PUBLIC)
