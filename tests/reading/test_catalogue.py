"""The Hungarian catalogue holds every string of the app, translated, and is
compiled: ``manage.py makemessages -l hu`` would add nothing to it, and its
``.mo`` is what ``compilemessages`` makes of it.

Needs GNU gettext (msgfmt, xgettext, msgmerge), as makemessages does.
"""

import gettext
import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command

from tests.helpers import ROOT

CATALOGUE = ROOT / "briefs" / "locale" / "hu" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
TEMPLATES = ROOT / "briefs" / "templates"


def statistics(po_file):
    """msgfmt's check of a catalogue (formats agree) and its counts."""
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.strip()


def test_every_string_of_the_app_is_in_the_catalogue_translated(
    tmp_path, settings, monkeypatch
):
    """makemessages run over the app, into a copy of the catalogue: nothing new,
    nothing empty, nothing fuzzy, nothing left over."""
    copy = tmp_path / "locale" / "hu" / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(CATALOGUE, copy)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(ROOT)
    committed = CATALOGUE.read_bytes()

    # makemessages writes to any folder named locale it walks into, before
    # LOCALE_PATHS: the app's own is left out, so the copy is written.
    call_command(
        "makemessages", locale=["hu"], ignore_patterns=["briefs/locale"], verbosity=0
    )

    assert CATALOGUE.read_bytes() == committed, "the test wrote the catalogue"

    advice = (
        "Run manage.py makemessages -l hu, translate what is new, "
        "then manage.py compilemessages."
    )
    counts = statistics(copy)
    assert re.fullmatch(r"\d+ translated messages?\.", counts), f"{counts} {advice}"
    assert "#, fuzzy" not in copy.read_text()
    # The same strings as the catalogue holds: none new, none left over.
    assert compiled(copy).keys() == compiled(CATALOGUE).keys(), advice


def compiled(po_file):
    """What msgfmt makes of a catalogue, as gettext reads it: {msgid: msgstr}
    (a context and a plural form in the key as gettext keeps them)."""
    result = subprocess.run(
        ["msgfmt", "-o", "-", str(po_file)], capture_output=True, check=True
    )
    return gettext.GNUTranslations(io.BytesIO(result.stdout))._catalog


def test_the_catalogue_is_compiled():
    with COMPILED.open("rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == compiled(CATALOGUE), (
            "run manage.py compilemessages"
        )


# Words a template may show in any language: names and formats.
NAMES = {"HIIA", "Briefs", "ORCID", "iD", "Wikidata", "DOI", "ISSN", "BibTeX"}
NAMES |= {"RIS", "CSL", "JSON", "SHA", "API", "URL", "ZIP"}
SHOWN_IN = r'\b(?:title|aria-label|placeholder|alt|content)="([^"]*)"'
BUTTON = r'type="submit"[^>]*\bvalue="([^"]*)"'


def untranslated_words(source):
    """The words of a template a reader sees that no {% translate %} or
    {% blocktranslate %} holds (text, and attributes a reader or a screen
    reader is told)."""
    for pattern in [
        r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}",
        r"{#.*?#}",
        r"{%\s*blocktranslate\b.*?{%\s*endblocktranslate\s*%}",
        r"{%\s*translate\b.*?%}",
        r"<(script|style)\b.*?</\1>",
        r"{%\s*block main_class\s*%}.*?{%\s*endblock\s*%}",  # CSS classes
        r"&\w+;",
        r'<meta (name="(viewport|generator|robots|keywords)"|charset)[^>]*>',
    ]:
        source = re.sub(pattern, " ", source, flags=re.S)
    attributes = " ".join(re.findall(SHOWN_IN, source) + re.findall(BUTTON, source))
    text = re.sub(r"<[^>]+>", " ", source) + " " + attributes
    text = re.sub(r"{%.*?%}|{{.*?}}", " ", text, flags=re.S)
    return [
        word for word in re.findall(r"[A-Za-z][A-Za-z'’]*", text) if word not in NAMES
    ]


@pytest.mark.parametrize(
    "template",
    sorted(str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html")),
)
def test_every_word_a_template_shows_goes_through_the_catalogue(template):
    assert untranslated_words((TEMPLATES / template).read_text()) == []


def test_the_check_sees_a_word_left_out():
    assert untranslated_words('<p title="Back">{% translate "Next" %} page</p>') == [
        "page",
        "Back",
    ]
