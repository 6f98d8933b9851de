"""
What ingesting a brief's PDF costs: a 10-page Perspective, read and written.

    .venv/bin/python bench/bench_ingest_pdf.py [--pages 10] [--repeat 5]

The PDF is typeset here (``briefs.synthetic.pdfs``: cover, imprint page,
running headers, page numbers, hyphenated justified text, a link
annotation for every source) from the seed brief, its sections repeated
until it has ``--pages`` pages. In a throwaway test database (made and
dropped here) it prints, for ``ingest_brief FILE.pdf`` (text extraction,
reading the layout, writing the draft with its proposals, in one write):

- seconds: the median of ``--repeat`` ingests, each into a database
  without the draft, and the extraction's share of it;
- peak memory: the most Python allocated during one ingest (tracemalloc,
  run apart from the timed ones, as it slows what it watches) and the
  process's peak resident size.

The target is 5 s at most on this machine (2 cores).
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiia.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

TARGET_SECONDS = 5.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--pages", type=int, default=10, help="pages of the PDF")
    parser.add_argument("--repeat", type=int, default=5, help="ingests to time")
    args = parser.parse_args()

    from bench.scratch import scratch_database

    with scratch_database():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "brief.pdf"
            pages = typeset(path, args.pages)
            print(f"{path.stat().st_size / 1024:.0f} kB, {pages} pages")
            measure(path, args.repeat)


def typeset(path, pages):
    """The seed brief as a PDF of at least ``pages`` pages: its sections repeated."""
    import copy
    import io

    import pdfplumber

    from briefs.exchange.texts import read_brief_text
    from briefs.synthetic.pdfs import perspective_pdf
    from tests.helpers import SEED_SOURCE

    brief = read_brief_text(SEED_SOURCE.read_text())
    for source in brief.sources:
        source.url = f"https://example.org/sources/{source.number}"
    sections = list(brief.sections)
    while True:
        data = perspective_pdf(brief)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
        if count >= pages:
            path.write_bytes(data)
            return count
        again = copy.deepcopy(sections[len(brief.sections) % len(sections)])
        again.heading = f"{again.heading} ({len(brief.sections) // len(sections) + 1})"
        brief.sections.append(again)


def measure(path, repeat):
    from django.core.management import call_command

    from briefs.exchange.pdfs import read_pdf
    from briefs.models import Publication

    def ingest():
        Publication.objects.all().delete()
        start = time.perf_counter()
        call_command("ingest_brief", str(path), stdout=open(os.devnull, "w"))
        return time.perf_counter() - start

    ingest()  # warm: imports, the first queries
    times = [ingest() for _ in range(repeat)]
    data = path.read_bytes()
    extraction = []
    for _ in range(repeat):
        start = time.perf_counter()
        read_pdf(data)
        extraction.append(time.perf_counter() - start)

    Publication.objects.all().delete()
    tracemalloc.start()
    ingest()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    resident = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = statistics.median(times)
    verdict = "within" if seconds <= TARGET_SECONDS else "OVER"
    print(
        f"ingest_brief {path.name}: {seconds:.2f} s (median of {repeat}; "
        f"{verdict} the {TARGET_SECONDS:.0f} s target), of which extracting the "
        f"text {statistics.median(extraction):.2f} s"
    )
    print(
        f"peak memory: {peak / 1024 / 1024:.1f} MB allocated by Python during an "
        f"ingest; {resident:.0f} MB resident for the whole process"
    )


if __name__ == "__main__":
    main()
