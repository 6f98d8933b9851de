"""
The site's languages (``settings.LANGUAGES``), as the ground floor needs them.

No code names a language but the settings, the fixtures and the tests: a
third language is a line in the settings and a catalogue in
``briefs/locale/``.
"""

from django.conf import settings
from django.utils import translation


def language_choices():
    """The languages an edition may be written in: the site's (``settings.LANGUAGES``).

    Read at each call, so a third language is a setting, never a migration;
    every door checks a value against it (``rules.check_value`` reads the
    choices).
    """
    return list(settings.LANGUAGES)


def default_language():
    """The site's own language (``LANGUAGE_CODE``), as one of ``settings.LANGUAGES``."""
    return translation.get_supported_language_variant(settings.LANGUAGE_CODE)


def reading_language():
    """The language the site is read in now (Django's active language), as
    one of ``settings.LANGUAGES``: the edition of a brief a list shows."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(active)
    except LookupError:
        return default_language()


def codes():
    """The codes of the languages the site speaks, the default one first."""
    default = settings.LANGUAGE_CODE
    return [default, *(code for code, _name in settings.LANGUAGES if code != default)]


def site_language(code):
    """``code`` if the site speaks it, else the site's default language: what a
    text in ``code`` links and is labelled in."""
    return code if code in dict(settings.LANGUAGES) else default_language()
