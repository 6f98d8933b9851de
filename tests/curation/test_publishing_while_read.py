"""Readers asking while a brief is taken down never leave a stale answer behind.

The changelist action runs while readers keep asking. Whatever a reader is
answered while the action is under way, once it is done the actor only that
brief mentions is gone from the API and from its page, and no ETag a reader
was given meanwhile is answered 304: the page generation never moves on
before the actors the public may read are stored.
"""

import threading

import pytest
from django.contrib import admin
from django.db import connection, connections
from django.test import Client

from briefs.models import Publication
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db(transaction=True)

# Only the seed brief mentions him.
ACTOR_URLS = ["/api/actors/keith-kellogg", "/actors/keith-kellogg/"]


class Readers:
    """Before each query of the writer, a reader (another thread, another
    connection) asks for every URL and keeps the answers it got."""

    def __init__(self):
        self.answers = []

    def __call__(self, execute, sql, params, many, context):
        thread = threading.Thread(target=self.read)
        thread.start()
        thread.join()
        return execute(sql, params, many, context)

    def read(self):
        try:
            client = Client()
            for url in ACTOR_URLS:
                response = client.get(url)
                self.answers.append((url, response.status_code, response.get("ETag")))
        finally:
            connections.close_all()


def test_unpublishing_through_the_action_leaves_no_public_answer_behind(
    seeded_in_english, editor_client
):
    # In one edition: a published translation would keep its facts public.
    seeded = seeded_in_english
    client = Client()
    for url in ACTOR_URLS:
        assert client.get(url).status_code == 200

    readers = Readers()
    with connection.execute_wrapper(readers):
        editor_client.post(
            admin_url(Publication, "changelist"),
            {"action": "unpublish", admin.helpers.ACTION_CHECKBOX_NAME: [seeded.pk]},
        )
    assert readers.answers  # readers did ask while it ran

    for url in ACTOR_URLS:
        assert client.get(url).status_code == 404, url
        for asked, status, etag in readers.answers:
            if asked == url and etag:
                revalidated = client.get(url, headers={"If-None-Match": etag})
                assert revalidated.status_code == 404, (url, status, etag)
