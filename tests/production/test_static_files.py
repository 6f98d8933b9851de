"""collectstatic compresses a file again only when its bytes changed
(hiia/staticfiles.py): a deployment whose static files did not change does
not spend its CPU on Brotli."""

import brotli
import pytest

from hiia.staticfiles import KeepingCompressor, StaticFilesStorage

TEXT = b"function hello() { return 'hello, reader'; }\n" * 200


@pytest.fixture
def compressions(monkeypatch):
    """The files Brotli compressed, in order."""
    done = []

    def compress_brotli(data):
        done.append(data)
        return brotli.compress(data)

    monkeypatch.setattr(
        KeepingCompressor, "compress_brotli", staticmethod(compress_brotli)
    )
    return done


def compress(storage, *names):
    return sorted(name for _, name in storage.compress_files(names))


def test_a_file_is_compressed_once_until_its_bytes_change(tmp_path, compressions):
    storage = StaticFilesStorage(location=tmp_path)
    (tmp_path / "app.js").write_bytes(TEXT)

    assert compress(storage, "app.js") == ["app.js.br", "app.js.gz"]
    assert compress(storage, "app.js") == ["app.js.br", "app.js.gz"]
    assert compressions == [TEXT]

    (tmp_path / "app.js").write_bytes(TEXT + b"// changed\n")
    compress(storage, "app.js")
    assert compressions == [TEXT, TEXT + b"// changed\n"]
    assert brotli.decompress((tmp_path / "app.js.br").read_bytes()).endswith(
        b"// changed\n"
    )


@pytest.mark.parametrize("copy", ["app.js.br", "app.js.gz"])
def test_a_compressed_copy_that_is_truncated_or_missing_is_made_again(
    tmp_path, compressions, copy
):
    storage = StaticFilesStorage(location=tmp_path)
    (tmp_path / "app.js").write_bytes(TEXT)
    compress(storage, "app.js")

    damaged = tmp_path / copy
    damaged.write_bytes(damaged.read_bytes()[:20])
    compress(storage, "app.js")
    damaged.unlink()
    compress(storage, "app.js")

    assert compressions == [TEXT] * 3
    assert (tmp_path / "app.js.gz").stat().st_size > 20
