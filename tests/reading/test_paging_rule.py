"""One paging rule everywhere (issue 24): a page before the first or past the
last is no page, 404, on every list, as Django's ListView answers."""

import pytest

from briefs.models import Author


@pytest.mark.parametrize("page", ["0", "999", "-1", "two"])
def test_a_page_that_is_not_there_is_404_on_every_list(client, seeded, page):
    author = Author.objects.first().get_absolute_url()
    for url in (
        f"/actors/?page={page}",
        f"/search/?q=Belarus&page={page}",
        f"/timeline/?page={page}",
        f"{author}?briefs={page}",
    ):
        assert client.get(url).status_code == 404, url


def test_the_first_page_answers_with_and_without_its_number(client, seeded):
    author = Author.objects.first().get_absolute_url()
    for url in ("/actors/", "/search/?q=Belarus", "/timeline/", author):
        assert client.get(url).status_code == 200, url
        joiner = "&" if "?" in url else "?"
        name = "briefs" if url == author else "page"
        assert client.get(f"{url}{joiner}{name}=1").status_code == 200, url
