"""The series' ISSN and the DOI prefix, set from the environment, are checked
when the site starts (``manage.py check``): a mistyped one is named."""

import pytest

from briefs import checks


@pytest.mark.parametrize("issn", ["0317-8471", "2049-3630", "0000-006X", ""])
def test_a_good_issn_or_none_passes(settings, issn):
    settings.SERIES_ISSN = issn
    assert checks.the_series_identifiers_are_well_formed(None) == []


@pytest.mark.parametrize("issn", ["0317-8472", "03178471", "0317-847"])
def test_a_wrong_issn_is_named(settings, issn):
    settings.SERIES_ISSN = issn
    [error] = checks.the_series_identifiers_are_well_formed(None)
    assert error.id == "briefs.E004" and issn in error.msg


def test_a_wrong_doi_prefix_is_named(settings):
    settings.DOI_PREFIX = "doi:10.5555"
    [error] = checks.the_series_identifiers_are_well_formed(None)
    assert error.id == "briefs.E005"
