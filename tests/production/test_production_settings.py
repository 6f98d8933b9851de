"""Production is the settings' default: what start-up refuses and what it turns on.

Each case loads the settings in a fresh process with exactly the
environment it describes, as a server would start.
"""

import os
import secrets
import subprocess
import sys

import pytest
from django.test import override_settings

from briefs import checks
from tests.helpers import ROOT

LOCAL_MEMORY = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
    }
}


def production_environment(**variables):
    """This process's environment without any Django setting, plus ``variables``."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "REDIS_URL", "WEB_CONCURRENCY"))
    }
    env["DJANGO_SETTINGS_MODULE"] = "hiia.settings"
    # manage.py turns DEBUG on for developers unless told: a server is told.
    env["DJANGO_DEBUG"] = "0"
    env.update(variables)
    return env


def run_django(env, *code_or_command):
    return subprocess.run(
        [sys.executable, *code_or_command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_value(env, expression):
    result = run_django(
        env,
        "-c",
        f"from django.conf import settings; print({expression})",
    )
    return result


def test_debug_is_off_unless_turned_on():
    env = production_environment(
        DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="briefs.example"
    )
    del env["DJANGO_DEBUG"]
    assert settings_value(env, "settings.DEBUG").stdout.strip() == "False"
    env["DJANGO_DEBUG"] = "1"
    assert settings_value(env, "settings.DEBUG").stdout.strip() == "True"


def test_a_server_started_with_no_settings_at_all_refuses_to_run_in_debug():
    env = production_environment()
    del env["DJANGO_DEBUG"]

    result = run_django(env, "-c", "import hiia.wsgi")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_developer_runs_manage_py_with_no_settings_at_all(tmp_path):
    env = production_environment(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    del env["DJANGO_DEBUG"]

    checked = run_django(env, "manage.py", "check")
    migrations = run_django(env, "manage.py", "makemigrations", "--check", "--dry-run")

    assert checked.returncode == 0, checked.stderr
    assert migrations.returncode == 0, migrations.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_without_a_secret_or_host_refuses_to_start(missing):
    variables = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "example"}
    del variables[missing]

    result = settings_value(production_environment(**variables), "settings.DEBUG")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set" in result.stderr


def test_https_settings_are_on_in_production_and_off_for_plain_http():
    env = production_environment(
        DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="briefs.example"
    )
    expression = (
        "settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS > 0,"
        " settings.SESSION_COOKIE_SECURE, settings.SECURE_PROXY_SSL_HEADER"
    )
    assert settings_value(env, expression).stdout.strip() == (
        "True True True ('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    env["DJANGO_HTTPS"] = "0"
    assert settings_value(env, expression).stdout.strip() == (
        "False False False ('HTTP_X_FORWARDED_PROTO', 'https')"
    )


@pytest.fixture(scope="module")
def production(tmp_path_factory, prepared):
    """A production environment with Redis named and static files collected
    (by the session's collectstatic, tests/production/conftest.py)."""
    folder = tmp_path_factory.mktemp("production")
    return production_environment(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="briefs.example",
        DJANGO_STATIC_ROOT=str(prepared / "static"),
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )


def test_check_deploy_in_production_prints_no_warning(production):
    result = run_django(
        production, "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_behind_a_tls_proxy_plain_http_is_redirected_and_https_gets_hsts(production):
    # A page that does not exist: no database or cache needed.
    result = run_django(
        production,
        "-c",
        "import django; django.setup();"
        "from django.test import Client;"
        "client = Client(HTTP_HOST='briefs.example');"
        "plain = client.get('/no-such-page/');"
        "secure = client.get('/no-such-page/', headers={'X-Forwarded-Proto': 'https'});"
        "print(plain.status_code, plain['Location']);"
        "print(secure.status_code, secure['Strict-Transport-Security'])",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "301 https://briefs.example/no-such-page/",
        "404 max-age=31536000; includeSubDomains; preload",
    ]


def test_production_refuses_to_run_before_collectstatic(tmp_path):
    env = production_environment(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="briefs.example",
        DJANGO_STATIC_ROOT=str(tmp_path / "nothing-collected"),
    )

    result = run_django(env, "manage.py", "check")

    assert result.returncode != 0
    assert "briefs.E002" in result.stderr
    assert "collectstatic" in result.stderr


@override_settings(DEBUG=False, CACHES=LOCAL_MEMORY)
def test_several_workers_with_a_per_process_cache_is_an_error(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "2")

    errors = checks.several_workers_need_a_shared_cache(None)

    assert [error.id for error in errors] == ["briefs.E001"]
    assert errors[0].is_serious()


@pytest.mark.parametrize(
    ("workers", "caches"), [("1", LOCAL_MEMORY), ("4", REDIS)], ids=["one", "redis"]
)
@override_settings(DEBUG=False)
def test_one_worker_or_a_shared_cache_passes(monkeypatch, settings, workers, caches):
    monkeypatch.setenv("WEB_CONCURRENCY", workers)
    settings.CACHES = caches

    assert checks.several_workers_need_a_shared_cache(None) == []


def test_redis_is_given_up_within_seconds_and_sign_ins_never_need_it(production):
    expression = (
        "settings.CACHES['default']['OPTIONS']['socket_connect_timeout'],"
        " settings.CACHES['default']['OPTIONS']['socket_timeout'], settings.AXES_HANDLER"
    )
    result = settings_value(production, expression)
    assert result.stdout.strip() == (
        "1 2 axes.handlers.database.AxesDatabaseHandler"
    ), result.stderr


def test_the_origin_is_the_first_allowed_host_unless_set_and_must_be_an_origin():
    env = production_environment(
        DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="briefs.example,www.example"
    )
    assert settings_value(env, "settings.SITE_ORIGIN").stdout.strip() == (
        "https://briefs.example"
    )
    env["DJANGO_SITE_ORIGIN"] = "https://Briefs.Example:8443/"
    assert settings_value(
        env, "settings.SITE_ORIGIN, settings.SECURE_SSL_HOST"
    ).stdout.strip() == ("https://briefs.example:8443 briefs.example:8443")
    env["DJANGO_SITE_ORIGIN"] = "briefs.example/path"
    refused = settings_value(env, "settings.SITE_ORIGIN")
    assert refused.returncode != 0
    assert "DJANGO_SITE_ORIGIN must be a scheme and a host" in refused.stderr


def test_an_allowed_host_pattern_names_no_origin():
    env = production_environment(
        DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS=".example.org"
    )
    result = settings_value(env, "settings.SITE_ORIGIN")
    assert result.returncode != 0
    assert "DJANGO_SITE_ORIGIN must be set" in result.stderr


@override_settings(DEBUG=False, ALLOWED_HOSTS=["briefs.example"])
def test_an_origin_django_would_refuse_is_an_error(settings):
    settings.SITE_ORIGIN = "https://elsewhere.example"
    [error] = checks.the_origin_is_an_allowed_host(None)
    assert error.id == "briefs.E003"
    assert error.is_serious()
    settings.SITE_ORIGIN = "https://briefs.example"
    assert checks.the_origin_is_an_allowed_host(None) == []
