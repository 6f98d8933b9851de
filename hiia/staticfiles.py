"""
Static files as production serves them: whitenoise's hashed and compressed
files, compressed again only where a file's bytes changed.

``collectstatic`` runs at every deployment (and at every start of the
stack the tests and benchmarks run). whitenoise compresses every file each
time, with Brotli at its best and slowest: some 13 s of CPU for the API
docs' scripts alone, though their bytes have not changed since the last
deployment. A file whose ``.br`` and ``.gz`` already hold exactly its bytes
(they are decompressed and compared: a copy left truncated or written for
other bytes is made again) keeps them.
"""

import gzip
import zlib
from pathlib import Path

import brotli
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

DECOMPRESS = {".br": brotli.decompress, ".gz": gzip.decompress}
UNREADABLE = (OSError, EOFError, zlib.error, brotli.error)


class KeepingCompressor(Compressor):
    """whitenoise's compressor, which leaves up-to-date compressed copies alone."""

    def compress(self, path):
        kept = self.up_to_date(path)
        return kept if kept is not None else super().compress(path)

    def up_to_date(self, path):
        """The compressed copies of ``path`` if each holds its bytes, else None."""
        suffixes = [".br"] if self.use_brotli else []
        suffixes += [".gz"] if self.use_gzip else []
        try:
            data = Path(path).read_bytes()
            for suffix in suffixes:
                if DECOMPRESS[suffix](Path(path + suffix).read_bytes()) != data:
                    return None
        except UNREADABLE:
            return None
        return [path + suffix for suffix in suffixes] or None


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed names, a manifest, and Brotli and gzip copies made only when needed."""

    def create_compressor(self, **kwargs):
        return KeepingCompressor(**kwargs)
