"""
What each API endpoint reads: the reading site's selectors, as the public sees them.

The API answers everyone as an anonymous reader, signed in or not, so it
shows only what a published brief holds, exactly as the site shows it; a
draft and whatever only a draft discusses do not exist here. A fact's
answer holds what its page lists a page at a time (its evidence, its
briefs, …), each prefetched once for a whole page of facts.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch

from briefs.models import Actor, PrisonerRelease, Publication, Sanction
from briefs.reading import selectors

PUBLIC = AnonymousUser()


def briefs():
    """Published briefs, every edition, with their credits and their editions."""
    return (
        Publication.objects.published()
        .select_related("translation_of")
        .prefetch_related(selectors.credits(), *selectors.editions())
    )


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


def facts(rows, *lookups):
    """Facts with the briefs discussing them and the evidence they give."""
    return rows.prefetch_related(
        *lookups, selectors.visible_briefs(PUBLIC), selectors.evidence_shown(PUBLIC)
    )


def public(lookup, model, to_attr):
    """The rows of ``model`` through ``lookup`` that the public reads, as ``to_attr``."""
    return Prefetch(lookup, queryset=model.objects.visible_to(PUBLIC), to_attr=to_attr)


def meetings():
    """Meetings with their participants and the releases agreed."""
    return facts(
        selectors.meeting_pages(PUBLIC),
        selectors.participants(),
        public("releases", PrisonerRelease, "outcomes"),
    )


def sanctions():
    """Sanctions with the releases their easing was offered for."""
    return facts(
        selectors.sanction_pages(PUBLIC),
        public("releases", PrisonerRelease, "traded_for"),
    )


def releases():
    """Releases with the sanctions eased in exchange."""
    return facts(
        selectors.release_pages(PUBLIC),
        public("sanctions_relief", Sanction, "relief"),
    )
