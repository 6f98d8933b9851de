"""Deployment checks: what the site needs from the servers it runs on."""

import os
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import Error as CheckError
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning
from django.core.files.storage import storages
from django.http.request import validate_host
from django.utils.translation import gettext, ngettext

PROCESS_LOCAL_CACHES = ("LocMemCache", "DummyCache")


def worker_count():
    """How many app processes serve requests: WEB_CONCURRENCY, as gunicorn reads it.

    ``deploy/gunicorn.conf.py`` sets it from gunicorn's own ``workers``
    before it runs these checks, so ``gunicorn -w 4`` is seen too.
    """
    try:
        return int(os.environ.get("WEB_CONCURRENCY", "1"))
    except ValueError:
        return 1


@register(Tags.caches)
def several_workers_need_a_shared_cache(app_configs, **kwargs):
    """Unpublishing, the API's rate limit and login throttling must reach every worker."""
    backend = settings.CACHES["default"]["BACKEND"]
    workers = worker_count()
    if workers <= 1 or not backend.endswith(PROCESS_LOCAL_CACHES):
        return []
    level = CheckWarning if settings.DEBUG else CheckError
    return [
        level(
            gettext(
                "{workers} workers (WEB_CONCURRENCY) would each keep their own "
                "cache ({backend}): an unpublished brief would still be served "
                "from the others' caches, and each worker would count API "
                "requests and failed sign-ins apart."
            ).format(workers=workers, backend=backend),
            hint=gettext(
                "Set REDIS_URL so every worker shares one cache, or run one worker."
            ),
            id="briefs.E001",
        )
    ]


@register()
def static_files_are_collected(app_configs, **kwargs):
    """With DEBUG off every page names its static files by their hashed names."""
    storage = storages["staticfiles"]
    if settings.DEBUG or not isinstance(storage, ManifestFilesMixin):
        return []
    if storage.exists(storage.manifest_name):
        return []
    return [
        CheckError(
            gettext(
                "Static files are not collected: with DEBUG off every page would "
                "fail for want of {manifest} in STATIC_ROOT ({root})."
            ).format(manifest=storage.manifest_name, root=settings.STATIC_ROOT),
            hint=gettext("Run `manage.py collectstatic --noinput` (make serve does)."),
            id="briefs.E002",
        )
    ]


@register(Tags.security)
def the_origin_is_an_allowed_host(app_configs, **kwargs):
    """nginx hands Django the origin's Host (deploy/nginx.conf): Django must take it."""
    host = urlsplit(settings.SITE_ORIGIN).hostname
    if validate_host(host, settings.ALLOWED_HOSTS):
        return []
    level = CheckWarning if settings.DEBUG else CheckError
    return [
        level(
            gettext(
                "The site's origin ({origin}) names a host that ALLOWED_HOSTS "
                "({hosts}) refuses: every request nginx passes on would be a 400."
            ).format(
                origin=settings.SITE_ORIGIN, hosts=", ".join(settings.ALLOWED_HOSTS)
            ),
            hint=gettext(
                "Add the host to DJANGO_ALLOWED_HOSTS, or set DJANGO_SITE_ORIGIN "
                "to an address the site is reached at."
            ),
            id="briefs.E003",
        )
    ]


@register(Tags.database)
def evidence_is_found_in_its_text(app_configs, databases=None, **kwargs):
    """Evidence whose words a later edit of its text removed: flagged, never dropped.

    A database check: ``manage.py check --database default`` and ``migrate``
    run it.
    """
    if not databases:
        return []
    from django.db import DatabaseError

    from briefs.models import Evidence

    try:
        count = Evidence.objects.not_found().count()
    except DatabaseError:
        return []  # Not migrated yet: nothing to report.
    if not count:
        return []
    return [
        CheckWarning(
            ngettext(
                "{count} piece of evidence no longer found in their text: a later "
                "edit of a section or an abstract changed the words they quote.",
                "{count} pieces of evidence no longer found in their text: a later "
                "edit of a section or an abstract changed the words they quote.",
                count,
            ).format(count=count),
            hint=gettext(
                "In the admin, filter evidence by “Evidence no longer found” and "
                "quote the text as it now reads."
            ),
            id="briefs.W002",
        )
    ]


ISSN_FORM = re.compile(r"^[0-9]{4}-[0-9]{3}[0-9X]$")
DOI_PREFIX_FORM = re.compile(r"^10\.[0-9]{4,9}$")


def issn_check_digit(digits):
    """The check character of an ISSN's first seven digits (weights 8 to 2, mod 11)."""
    remainder = (
        -sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True)) % 11
    )
    return "X" if remainder == 10 else str(remainder)


@register()
def the_series_identifiers_are_well_formed(app_configs, **kwargs):
    """The series' ISSN and the DOI prefix name every deposit and citation."""
    errors = []
    issn = settings.SERIES_ISSN
    if issn and (
        not ISSN_FORM.match(issn)
        or issn_check_digit(issn.replace("-", "")[:7]) != issn[-1]
    ):
        errors.append(
            CheckError(
                gettext(
                    "HIIA_SERIES_ISSN “{issn}” is not an ISSN: two groups of four "
                    "characters, the last its check digit (such as 0317-8471)."
                ).format(issn=issn),
                id="briefs.E004",
            )
        )
    if settings.DOI_PREFIX and not DOI_PREFIX_FORM.match(settings.DOI_PREFIX):
        errors.append(
            CheckError(
                gettext(
                    "HIIA_DOI_PREFIX “{prefix}” is not a DOI prefix: "
                    "“10.” and the registrant's digits, such as 10.18449."
                ).format(prefix=settings.DOI_PREFIX),
                id="briefs.E005",
            )
        )
    return errors
