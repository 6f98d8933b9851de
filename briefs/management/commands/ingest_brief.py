"""Add a brief from its text (the layout of ``fixtures/source/``) or its PDF as a draft.

The text (a PDF's is extracted first, ``briefs.exchange.pdfs``) is read into
a publication with its sections, contributions and source references,
written in one transaction through the rules of a brief bundle; the actors
and dates it mentions become proposals for a curator. A text out of layout
is refused naming the line, a file that is no readable PDF naming what is
wrong with it, and nothing is written.
"""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from briefs.exchange.formats import NotText
from briefs.exchange.pdfs import PdfRefused, is_pdf, read_pdf
from briefs.exchange.texts import (
    IngestRefused,
    TextLayoutError,
    ingest_brief_text,
    read_text_file,
)
from briefs.models import IngestProposal


class Command(BaseCommand):
    help = (
        "Add a brief from its text as a draft publication, with proposals of the "
        "actors and dates it mentions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="The brief's text (.txt or .md, UTF-8) or its PDF."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read the text and report what would be created; write nothing.",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="If the brief is already here as a draft, replace its text.",
        )
        parser.add_argument(
            "--slug", help="The publication's slug (default: from its title)."
        )
        parser.add_argument(
            "--language",
            help="The language the text is written in, one of the site's "
            "(settings.LANGUAGES; default: the site's own).",
        )
        parser.add_argument(
            "--edition-of",
            metavar="SLUG",
            help="The brief (any edition of it) this text translates: the draft "
            "is that brief's edition in --language, stating its facts.",
        )
        parser.add_argument(
            "--extract-text",
            action="store_true",
            help="Print the text read from the PDF, in the layout of "
            "fixtures/source/, and write nothing (to correct it and ingest that).",
        )

    def handle(
        self,
        *args,
        file,
        dry_run,
        update,
        slug,
        extract_text,
        language,
        edition_of,
        **options,
    ):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        from_pdf = is_pdf(path.name, data)
        try:
            text = read_pdf(data, path.name) if from_pdf else read_text_file(data)
        except PdfRefused as error:
            raise CommandError(str(error)) from None
        except NotText as error:
            raise CommandError(f"{file}: {error}") from None
        if extract_text:
            self.stdout.write(text, ending="")
            return
        try:
            result = ingest_brief_text(
                text,
                dry_run=dry_run,
                update=update,
                slug=slug,
                language=language,
                edition_of=edition_of,
            )
        except TextLayoutError as error:
            shown = (
                " (of the text read from the PDF: --extract-text prints it)"
                if from_pdf
                else ""
            )
            raise CommandError(f"{file}{shown}: {error} Nothing was written.") from None
        except IngestRefused as error:
            raise CommandError(str(error)) from None
        for line in report_lines(result):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            done = "Created" if result.created else "Updated"
            self.stdout.write(
                self.style.SUCCESS(f"{done} the draft “{result.publication_slug}”.")
            )


def report_lines(result):
    """What an ingest makes (or would make), a line each, for a terminal."""
    brief = result.brief
    would = "would be " if result.dry_run else ""
    verb = "created" if result.created else "updated"
    yield f"Draft “{brief.title}” ({result.publication_slug}) {would}{verb}."
    if result.edition_of:
        yield f"  The {result.language} edition of “{result.edition_of}”"
    yield f"  {brief.series}, {brief.publisher}, {brief.publication_date.day} {brief.publication_date:%B %Y}"
    for name in result.new_authors:
        yield f"  New author: {name}"
    for name in result.known_authors:
        yield f"  Known author: {name}"
    yield (
        f"  {len(brief.sections)} sections, "
        f"{sum(len(s.paragraphs) for s in brief.sections)} paragraphs, "
        f"{len(brief.sources)} source references"
    )
    for position, section in enumerate(brief.sections, 1):
        yield f"  {position}. {section.heading}"
    kinds = Counter(p.kind for p in result.proposals)
    yield (
        f"  Proposed: {kinds[IngestProposal.Kind.ACTOR]} actors, "
        f"{kinds[IngestProposal.Kind.NEW_ACTOR]} new actors, "
        f"{kinds[IngestProposal.Kind.NATIONALITY]} nationality counts, "
        f"{kinds[IngestProposal.Kind.EVENT]} dates"
    )
    for proposal in result.proposals:
        yield f"    {proposal.get_kind_display()}: {proposal.mention} → {proposal.outline}"
