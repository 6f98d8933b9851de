"""The synthetic corpus writes its own timestamps without switching off the clock."""

import pytest

from briefs.models import Actor, Publication, Section
from briefs.synthetic import corpus
from briefs.synthetic.corpus import CorpusBuilder, generate_corpus

pytestmark = pytest.mark.django_db

STAMPED = (Actor, Publication, Section)


def clock_fields():
    return [
        (field.auto_now, field.auto_now_add)
        for model in STAMPED
        for field in (
            model._meta.get_field("created_at"),
            model._meta.get_field("updated_at"),
        )
    ]


def test_the_fields_keep_their_clock_while_the_corpus_is_written(monkeypatch):
    before = clock_fields()
    seen = []
    insert = corpus.insert

    def watched(step):
        seen.append(clock_fields())
        insert(step)
        seen.append(clock_fields())

    monkeypatch.setattr(corpus, "insert", watched)
    generate_corpus(seed=5, briefs=2, history=False)

    assert seen and all(fields == before for fields in seen)


def test_every_row_and_its_history_keep_the_times_the_corpus_gave_them():
    expected = {}
    for step in CorpusBuilder(seed=5, briefs=2, actors=10, drafts=0).build():
        if step.model in (Actor, Publication):
            for row in step.rows:
                expected[row.slug] = (row.created_at, row.updated_at)

    generate_corpus(seed=5, briefs=2, actors=10)

    for model in (Actor, Publication):
        stored = model.objects.values_list("slug", "created_at", "updated_at")
        for slug, created_at, updated_at in stored:
            assert expected[slug] == (created_at, updated_at)
        history = model.history.values_list("slug", "updated_at", "history_date")
        for slug, updated_at, history_date in history:
            assert expected[slug][1] == updated_at == history_date
