"""The Atom feed of published briefs, newest first: one a language, of the
briefs written in it (``/feed/``, ``/hu/feed/``), with that language as its
``xml:lang`` (the syndication framework's default, the active language).

Its addresses are the site's origin's (``briefs.reading.links``): the
syndication framework would build them from the request's Host otherwise,
and leaves alone a link that is already absolute.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from briefs.domain.markup import render_markdown
from briefs.reading import selectors
from briefs.reading.links import absolute, absolute_url_of

FEED_LENGTH = 20


class LatestBriefsFeed(Feed):
    feed_type = Atom1Feed
    title = "HIIA Briefs"
    subtitle = _("Policy briefs, newest first.")

    def link(self):
        return absolute(reverse("briefs:publication_list"))

    def feed_url(self):
        return absolute(reverse("briefs:feed"))

    def items(self):
        return selectors.briefs_in_language(get_language())[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return absolute_url_of(item)

    def item_description(self, item):
        # Sent as <summary type="html">: Markdown rendered and sanitized as
        # the page does, never the curator's text as it was typed.
        return render_markdown(item.summary)

    def item_author_name(self, item):
        return ", ".join(credit.author.name for credit in item.author_credits)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.series]

    def item_copyright(self, item):
        return item.copyright_line
