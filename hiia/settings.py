"""
Settings for HIIA Briefs, configured entirely by environment variables.

Production is the default: DEBUG is off unless DJANGO_DEBUG=1 (``make run``
and the test suite set it), and then DJANGO_SECRET_KEY and
DJANGO_ALLOWED_HOSTS are mandatory. Every absolute link names the site's
public origin, DJANGO_SITE_ORIGIN, never the Host a request gives. The site is assumed to be reached over
HTTPS through a proxy that terminates TLS and sets X-Forwarded-Proto (nginx,
``deploy/nginx.conf``): HSTS, the redirect to HTTPS and secure cookies are
on. DJANGO_HTTPS=0 turns those three off for the production stack tried on
plain HTTP on this machine (``make serve``).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def comma_list(value):
    return [item.strip() for item in value.split(",") if item.strip()]


def required_in_production(name):
    """The variable's value; a clear start-up error when production leaves it out."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set: DEBUG is off (production). "
            "On a developer's machine set DJANGO_DEBUG=1 instead."
        )
    return value


DEBUG = env_flag("DJANGO_DEBUG", False)

if DEBUG:
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "django-insecure-local-development-only"
    )
    ALLOWED_HOSTS = comma_list(
        os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
    )
else:
    SECRET_KEY = required_in_production("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = comma_list(required_in_production("DJANGO_ALLOWED_HOSTS"))
CSRF_TRUSTED_ORIGINS = comma_list(os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", ""))

INSTALLED_APPS = [
    # First, so its templates override the admin's (admin/base_site.html,
    # admin/login.html: issue 24) as Django's docs advise; and before
    # django_tasks_db, whose `db_worker` command the app's replaces (the first
    # app to name a command has it): briefs/worker.py.
    "briefs",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "import_export",
    "simple_history",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # The API's docs page from its own static files, not a CDN.
    "ninja",
]

MIDDLEWARE = [
    # How long nginx's micro-cache may keep the answer: first, for every answer.
    "hiia.middleware.KeptToTheEndOfTheSecond",
    "django.middleware.security.SecurityMiddleware",
    # A CORS preflight to the public API, answered before anything else runs.
    "briefs.api.http.PreflightMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a request (after the session, before CommonMiddleware,
    # as Django's docs place it): its path's prefix on the reading site, so an
    # address always gives the same language; the admin's follows the browser.
    "hiia.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "hiia.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which user made each change, for the admin's history pages.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses any sign-in while its username and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "hiia.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "hiia.wsgi.application"

# SQLite in the project folder unless DATABASE_URL names another database
# (postgres://user:password@host:5432/name in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several processes write to one file (the web workers, the task worker,
    # a command): each transaction takes the write lock as it begins and
    # waits for it, rather than reading first and failing at once ("database
    # is locked") when it must write while the task worker holds the lock.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# dumpdata writes times to the microsecond, so that a database moves exactly.
SERIALIZATION_MODULES = {"json": "briefs.exchange.exact_json"}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The site's languages, the languages briefs are written in (an edition each,
# Publication.language) and names are kept in (briefs/models/base.py,
# ``Translated``): English at today's addresses, each other language under
# its own prefix (/hu/…; hiia/urls.py); the first is every other one's
# fallback. A third language is a line here and its catalogue in
# briefs/locale/ (README: "Languages"); names need a column each (the
# migration ``makemigrations`` writes).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("hu", "Magyar")]
# The app's catalogue, where ``manage.py makemessages -l hu`` writes from the
# project's folder (and where Django would find it anyway, the app's own).
LOCALE_PATHS = [BASE_DIR / "briefs" / "locale"]
# English dates and numbers as the institute writes them (British): hiia/formats/.
FORMAT_MODULE_PATH = ["hiia.formats"]
TIME_ZONE = "Europe/Budapest"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # whitenoise's, compressing only files that changed (hiia/staticfiles.py).
            else "hiia.staticfiles.StaticFilesStorage"
        )
    },
}
# Source maps (24 MB of django-ninja's 31 MB of static files) are for a
# developer's tools, which take them uncompressed: compressing them made
# collectstatic, run at every deploy, take half a minute.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *Compressor.SKIP_COMPRESS_EXTENSIONS,
    "map",
]

# Redis when REDIS_URL is set (several app servers share one cache), else
# an in-process cache, which is right for a single server.
# A Redis that does not answer must not hold a request: a connection gives
# up after a second, a reply after two (an admin upload of the largest file
# allowed takes a fraction of that on a working network). What does without
# the cache while it is away: public pages are rendered uncached and edits
# still save (briefs/reading/caching.py); an admin import says to try again.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# django-import-export: only users with these permissions may import or
# export (its default lets any staff user do both).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The confirm step may reach another app server than the preview did, and a
# large file's jobs run on a task worker: the uploaded file waits in the
# database (briefs.models.Upload), not in a local temporary file nor in the
# cache, which evicts.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "briefs.curation.admin.UploadStorage"
# Formula escaping is done by briefs.exchange.formats (an apostrophe, reversibly), not by
# the library's own escaping, which strips a leading "=" and nothing else.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

# Limits on a file imported through a web page, refused with one message
# before any of it is read (briefs.exchange.tables.files.Limits); the command
# line takes any size and rows, but holds a workbook to the last two as well.
# Rows allow a whole table of a large corpus; a workbook unzips to about four
# times its data as CSV; cells allow those rows in the widest table (15
# columns), and refuse a sheet of a megabyte that would unzip to millions.
IMPORT_MAX_FILE_SIZE = 50 * 1024 * 1024
IMPORT_MAX_ROWS = 250_000
IMPORT_MAX_XLSX_UNPACKED_SIZE = 500 * 1024 * 1024
IMPORT_MAX_XLSX_CELLS = 4_000_000
# An admin import of more rows than this, or of more bytes to read (a text
# file's own, a workbook's once unzipped), is previewed and confirmed as a
# background job (briefs.curation.jobs), which `manage.py db_worker` runs.
IMPORT_BACKGROUND_ROWS = 20_000
IMPORT_BACKGROUND_SIZE = 8 * 1024 * 1024
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker renews its lease every sixth of this; a running job whose worker
# has not renewed it for this long was lost with its worker (briefs/worker.py).
TASK_LEASE = timedelta(seconds=float(os.environ.get("TASK_LEASE_SECONDS", "30")))

# Behind a proxy that terminates TLS: it says which scheme the reader used.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
HTTPS = not DEBUG and env_flag("DJANGO_HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
# A load balancer probes each app server directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True


def site_origin(value):
    """``scheme://host[:port]``, checked: the start of every absolute link."""
    parts = urlsplit(value.strip())
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username
        or parts.password
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            "DJANGO_SITE_ORIGIN must be a scheme and a host (and a port if "
            f"not the scheme's own), such as https://briefs.example.org; not {value!r}."
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


def default_site_origin():
    """``make run``'s address for a developer; else the first allowed host, over
    HTTPS unless DJANGO_HTTPS=0. A pattern (".example.org", "*") names no site."""
    if DEBUG:
        return "http://127.0.0.1:8000"
    host = ALLOWED_HOSTS[0] if ALLOWED_HOSTS else ""
    if not host or host.startswith(".") or "*" in host:
        required_in_production("DJANGO_SITE_ORIGIN")
    return f"{'https' if HTTPS else 'http'}://{host}"


# The site's public origin (briefs.reading.links): every absolute link (a
# canonical link, JSON-LD, the feed, the sitemap, the API, citations, stored
# articles) starts with it, so no request's Host header can change what a
# reader, or a cache in front, is given. A redirect to HTTPS goes there too.
SITE_ORIGIN = site_origin(os.environ.get("DJANGO_SITE_ORIGIN") or default_site_origin())
if SITE_ORIGIN.startswith("https://"):
    SECURE_SSL_HOST = urlsplit(SITE_ORIGIN).netloc
SECURE_REFERRER_POLICY = "same-origin"

# Everything a page loads comes from the site itself, and no page carries
# inline script or style (the JSON-LD block is data, which CSP does not
# run). The admin needs no more: its scripts pass their values through
# data attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# django-axes: five wrong passwords for one username from one address lock
# that pair out for fifteen minutes, whatever password comes next. Attempts
# are kept in the database, where every worker sees them and which signing
# in needs anyway: with Redis down, sign-ins still work and still lock out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "hiia.proxy.client_ip"

# The public API (/api/): how many requests one client may make, as
# "count/period" with a period of s, min or hour; counted in the cache above.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "120/min")

# Dataset releases (manage.py release_dataset): where the packages are kept,
# and the licence and citation each names.
DATASET_ROOT = Path(os.environ.get("DJANGO_DATASET_ROOT", BASE_DIR / "datasets"))

# The series and its DOIs (briefs get "HIIA Perspective 2025/17" when first
# published, and the DOI PREFIX/hiia-perspective.2025.17). 10.5555 is
# Crossref's test prefix: set the institute's own. The ISSN of the series is
# required by a Crossref deposit (manage.py crossref_deposit), which names
# the depositor below.
SERIES_ISSN = os.environ.get("HIIA_SERIES_ISSN", "")
DOI_PREFIX = os.environ.get("HIIA_DOI_PREFIX", "10.5555")
# Whether a write that touches a published brief queues its PDF edition
# (briefs/editions/pdf.py); the stack's benchmarks turn it off, so their
# corpus of a thousand briefs sets no worker typesetting under their load.
PDF_EDITIONS = env_flag("HIIA_PDF_EDITIONS", True)
CROSSREF_DEPOSITOR_NAME = os.environ.get(
    "HIIA_CROSSREF_DEPOSITOR", "Hungarian Institute of International Affairs"
)
CROSSREF_DEPOSITOR_EMAIL = os.environ.get("HIIA_CROSSREF_EMAIL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING"),
    },
}
