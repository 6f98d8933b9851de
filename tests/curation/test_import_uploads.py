"""An admin import's upload waits in the database between the preview and the confirm."""

import pytest

from briefs.curation.admin import UploadGone, UploadStorage
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_an_upload_that_is_gone_says_so_instead_of_reading_as_empty():
    for name in ("never-stored", "0c3b8f1e-3f4c-4a8e-9a59-6b8e8f7a2b10", None):
        storage = UploadStorage(name=name)
        with pytest.raises(UploadGone):
            storage.read()

    storage = UploadStorage(file_name="rows.csv")
    storage.save(b"slug,name\n")
    assert UploadStorage(name=storage.name).read() == b"slug,name\n"
    storage.remove()
    with pytest.raises(UploadGone):
        UploadStorage(name=storage.name).read()


def test_an_upload_kept_for_a_user_is_read_back_for_that_user_only():
    owner, other = make_user("owner"), make_user("other")
    storage = UploadStorage(user=owner)
    storage.save("slug,name\n")  # a text format's storage may hand text
    assert UploadStorage(name=storage.name, user=owner).read() == b"slug,name\n"
    with pytest.raises(UploadGone):
        UploadStorage(name=storage.name, user=other).read()
