"""
The site's languages (``settings.LANGUAGES``), as the ground floor needs them.

No code names a language but the settings, the fixtures and the tests: a
third language is a line in the settings and a catalogue in
``briefs/locale/``.
"""

from django.conf import settings


def codes():
    """The codes of the languages the site speaks, the default one first."""
    default = settings.LANGUAGE_CODE
    return [default, *(code for code, _name in settings.LANGUAGES if code != default)]


def site_language(code):
    """``code`` if the site speaks it, else the site's default language: what a
    text in ``code`` links and is labelled in."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
