"""
A brief typeset as a HIIA Perspective PDF, for the tests and benchmarks of
``ingest_brief FILE.pdf`` (``briefs.exchange.pdfs``).

The layout is the Perspective's: a cover (the title, the authors' names in
capitals, the series), an imprint page, then the date, the authors'
positions, the title in capitals, the abstract and the headed sections,
justified and hyphenated, every page after the cover with a running header
and a page number. A source is a link annotation over its anchor words;
with ``notes=True`` each is also followed by a raised note number, and the
notes, each URL a link annotation, close the brief. With ``links=False``
the anchors are plain words and only the notes carry the URLs (footnote
style). Built with ReportLab's standard fonts, so the PDF embeds none and
its text is what a reader of any PDF extracts.
"""

import io
import re
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

MARGIN = 72
SOURCE_MARK = re.compile(r"\[(?P<anchor>[^\[\]]+)\]\[(?P<number>\d+)\]")
LONG_WORD = re.compile(r"(?<![\w/.-])([^\W\d_]{10,})(?![\w/-])")

STYLES = {
    "cover_title": ParagraphStyle(
        "cover_title", fontName="Helvetica-Bold", fontSize=26, leading=31
    ),
    "byline": ParagraphStyle(
        "byline", fontName="Helvetica", fontSize=13, leading=16, spaceBefore=24
    ),
    "series": ParagraphStyle("series", fontName="Helvetica-Bold", fontSize=16),
    "imprint": ParagraphStyle(
        "imprint", fontName="Helvetica", fontSize=9, leading=11, spaceAfter=7
    ),
    "date": ParagraphStyle(
        "date", fontName="Helvetica", fontSize=10, leading=12, spaceAfter=10
    ),
    "position": ParagraphStyle(
        "position", fontName="Helvetica-Oblique", fontSize=10, leading=12
    ),
    "title": ParagraphStyle(
        "title",
        fontName="Helvetica-Bold",
        fontSize=15,
        leading=19,
        spaceBefore=18,
        spaceAfter=12,
    ),
    "abstract": ParagraphStyle(
        "abstract",
        fontName="Times-Italic",
        fontSize=11,
        leading=14,
        alignment=TA_JUSTIFY,
        spaceAfter=8,
    ),
    "heading": ParagraphStyle(
        "heading",
        fontName="Helvetica-Bold",
        fontSize=11.5,
        leading=14,
        spaceBefore=12,
        spaceAfter=6,
    ),
    "body": ParagraphStyle(
        "body",
        fontName="Times-Roman",
        fontSize=11,
        leading=14,
        alignment=TA_JUSTIFY,
        spaceAfter=7,
        embeddedHyphenation=1,
    ),
    "note": ParagraphStyle("note", fontName="Times-Roman", fontSize=9, leading=11),
}


def hyphenable(text, *, last=True):
    """Long words may break at a line's end: soft hyphens a few letters in from each end.

    ``last=False`` leaves the last word whole: ReportLab drops the space
    after a soft-hyphenated word when markup (a link) follows it.
    """
    words = list(LONG_WORD.finditer(text))
    if not last and words and not re.search(r"\w", text[words[-1].end() :]):
        words = words[:-1]
    out, end = [], 0
    for m in words:
        out += [
            text[end : m.start()],
            m[1][:4],
            "\u00ad",
            m[1][4:-4],
            "\u00ad",
            m[1][-4:],
        ]
        end = m.end()
    return "".join(out) + text[end:]


def prose(text, sources, *, links, notes):
    """A paragraph of ``[anchor][N]`` Markdown as ReportLab's markup."""
    out, end = [], 0
    for match in SOURCE_MARK.finditer(text):
        out.append(hyphenable(escape(text[end : match.start()]), last=False))
        anchor = hyphenable(escape(match["anchor"]), last=False)
        url = sources.get(int(match["number"]), "")
        if links and url:
            out.append(f'<a href="{escape(url)}" color="#1a4e8a">{anchor}</a>')
        else:
            out.append(anchor)
        if notes:
            out.append(f"<super>{match['number']}</super>")
        end = match.end()
    out.append(hyphenable(escape(text[end:])))
    return "".join(out)


def byline_of(names):
    names = [name.upper() for name in names]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} AND {names[-1]}"


def written_affiliation(affiliation):
    """As the Perspective prints it: "Hungarian Institute … (HIIA)" as "HIIA"."""
    match = re.fullmatch(r".+ \((?P<initials>[A-Z]{2,})\)", affiliation)
    return match["initials"] if match else affiliation


def perspective_pdf(brief, *, links=True, notes=False, indented=False):
    """The bytes of a PDF of ``brief`` (a ``briefs.exchange.texts.BriefText``).

    ``indented`` typesets the body as another hand might: ragged right,
    paragraphs parted by a first-line indent instead of space, and a footer
    "Page N of the series".
    """
    date = brief.publication_date
    written_date = f"{date:%B} {date.day}, {date.year}"
    sources = {source.number: source.url for source in brief.sources}
    buffer = io.BytesIO()
    width, height = A4

    def running(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(MARGIN, height - 40, brief.series)
        canvas.drawRightString(width - MARGIN, height - 40, written_date)
        if indented:
            canvas.drawRightString(width - MARGIN, 36, f"Page {doc.page}")
        else:
            canvas.drawCentredString(width / 2, 36, str(doc.page))
        canvas.restoreState()

    frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=brief.title,
        author=", ".join(person.name for person in brief.authors),
        pageTemplates=[
            PageTemplate("cover", [frame]),
            PageTemplate("imprint", [frame], onPage=running),
            PageTemplate("body", [frame], onPage=running),
        ],
    )
    s = dict(STYLES)
    if indented:
        s["body"] = ParagraphStyle(
            "indented",
            parent=STYLES["body"],
            alignment=0,
            spaceAfter=0,
            firstLineIndent=16,
        )
    story = [
        Spacer(1, 120),
        Paragraph(escape(brief.title), s["cover_title"]),
        Paragraph(escape(byline_of([a.name for a in brief.authors])), s["byline"]),
        Spacer(1, 360),
        Paragraph(escape(brief.series), s["series"]),
        NextPageTemplate("imprint"),
        PageBreak(),
    ]
    imprint = [
        brief.series,
        f"Regular publication of the {brief.publisher}.",
        "Publisher:",
        brief.copyright_line,
        "Author(s):",
        *(author.name for author in brief.authors),
    ]
    if brief.copy_editors:
        imprint.append(
            f"Copy editor: {', '.join(editor.name for editor in brief.copy_editors)}"
        )
    if brief.publisher_url:
        home = re.sub(r"^https?://|/$", "", brief.publisher_url)
        imprint.append(
            f"For more publications, see the homepage of the Institute ({home})."
        )
    if brief.cover_photo_credit:
        imprint.append(f"Source of cover photo: {brief.cover_photo_credit}")
    story += [Paragraph(escape(line), s["imprint"]) for line in imprint]
    story += [NextPageTemplate("body"), PageBreak()]
    story.append(Paragraph(written_date, s["date"]))
    story += [
        Paragraph(
            escape(
                ", ".join(
                    part
                    for part in (
                        author.name,
                        author.position,
                        written_affiliation(author.affiliation),
                    )
                    if part
                )
            ),
            s["position"],
        )
        for author in brief.authors
    ]
    story.append(Paragraph(escape(brief.title.upper()), s["title"]))
    story += [
        Paragraph(hyphenable(escape(paragraph)), s["abstract"])
        for paragraph in brief.summary.split("\n\n")
    ]
    for section in brief.sections:
        story.append(Paragraph(escape(section.heading.upper()), s["heading"]))
        story += [
            Paragraph(prose(text, sources, links=links, notes=notes), s["body"])
            for text in section.paragraphs
        ]
    if notes:
        story.append(Paragraph("NOTES", s["heading"]))
        story += [
            Paragraph(
                f"{source.number}. "
                + (
                    f'<a href="{escape(source.url)}">{escape(source.url)}</a>'
                    if source.url
                    else escape(source.anchor_text)
                ),
                s["note"],
            )
            for source in brief.sources
        ]
    document.build(story)
    return buffer.getvalue()


def image_only_pdf(pages=2):
    """A scanned brief: pages that are pictures, with no text to extract."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for number in range(pages):
        picture = Image.new("L", (400, 560), 255)
        draw = ImageDraw.Draw(picture)
        for line in range(30):
            draw.rectangle((40, 40 + line * 16, 360 - (line * 7) % 90, 48 + line * 16))
        draw.text((190, 530), str(number + 1), fill=0)
        canvas.drawImage(ImageReader(picture), 0, 0, *A4)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def encrypted_pdf(password="secret"):
    """A PDF that opens only with a password."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=A4,
        encrypt=pdfencrypt.StandardEncryption(password, canPrint=1),
    )
    canvas.drawString(MARGIN, 700, "A brief behind a password.")
    canvas.save()
    return buffer.getvalue()
