"""The health probe a load balancer asks: the database and the cache, by name."""

import pytest
from django.test import override_settings

from briefs.reading import health


@pytest.mark.django_db
def test_health_reports_the_database_and_the_cache(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_is_503_naming_the_database_when_it_fails(client, monkeypatch):
    def unreachable():
        raise ConnectionError("no database")

    monkeypatch.setitem(health.CHECKS, "database", unreachable)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {"database": "failed: ConnectionError", "cache": "ok"}


@pytest.mark.django_db
@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
)
def test_health_is_503_naming_the_cache_when_it_fails(client):
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["database"] == "ok"
    assert response.json()["cache"].startswith("failed")
