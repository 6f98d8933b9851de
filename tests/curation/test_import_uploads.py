"""An admin import's upload waits in the cache between the preview and the confirm."""

import pytest

from briefs.curation.admin import UploadCacheStorage, UploadGone

pytestmark = pytest.mark.django_db


def test_an_upload_gone_from_the_cache_says_so_instead_of_reading_as_empty():
    storage = UploadCacheStorage(name="never-stored")
    with pytest.raises(UploadGone):
        storage.read()

    storage.save(b"slug,name\n")
    assert UploadCacheStorage(name=storage.name).read() == b"slug,name\n"
