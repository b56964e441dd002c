"""Login rate limits that hold in production, and demo commands that refuse it (issue items 4, 13)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from pik.orgs.checks import shared_cache_check
from pik.settings import base as base_settings
from tests.production import pik, production_env

PROXY = "10.0.0.5"  # every request reaches pik from the reverse proxy


# --- A shared cache in production -----------------------------------------------------------


@pytest.mark.parametrize("backend", ["locmem.LocMemCache", "dummy.DummyCache"])
def test_deploy_check_refuses_a_process_local_cache(backend: str) -> None:
    caches = {"default": {"BACKEND": f"django.core.cache.backends.{backend}"}}
    with override_settings(CACHES=caches):
        errors = shared_cache_check()
    assert [e.id for e in errors] == ["pik.orgs.E001"]
    assert errors[0].is_serious()
    assert "nur für einen Prozess" in errors[0].msg and "REDIS_URL" in (errors[0].hint or "")


def test_deploy_check_accepts_redis() -> None:
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    with override_settings(CACHES=caches):
        assert shared_cache_check() == []


def test_production_without_redis_fails_the_deploy_check(tmp_path: Path) -> None:
    run = pik("check", "--deploy", env=production_env(tmp_path))
    assert run.returncode != 0
    assert "pik.orgs.E001" in run.stderr and "REDIS_URL" in run.stderr


# --- The client's address behind the reverse proxy ------------------------------------------


@pytest.fixture
def _empty_cache() -> None:
    cache.clear()  # rate-limit counters


def proxy_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, object]:
    """allauth's client-address settings as pik.settings.base computes them from ``env``."""
    for name in ("PIK_TRUSTED_PROXY_COUNT", "PIK_TRUSTED_CLIENT_IP_HEADER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    computed = runpy.run_path(base_settings.__file__)  # a fresh run, nothing replaced
    return {
        name: computed[name]
        for name in ("ALLAUTH_TRUSTED_PROXY_COUNT", "ALLAUTH_TRUSTED_CLIENT_IP_HEADER")
    }


def fail_logins(times: int, start: int = 0, **headers: str) -> str:
    """``times`` failed logins through the proxy (each for another address: only the per-IP limit
    counts); the page of the last one."""
    browser = Client(REMOTE_ADDR=PROXY, **headers)
    content = ""
    for n in range(start, start + times):
        response = browser.post(
            "/accounts/login/", {"login": f"niemand{n}@test.example", "password": "falsch-123"}
        )
        content = response.content.decode().lower()
    return content


def test_by_default_no_forwarded_address_is_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    assert proxy_settings(monkeypatch) == {
        "ALLAUTH_TRUSTED_PROXY_COUNT": 0,
        "ALLAUTH_TRUSTED_CLIENT_IP_HEADER": None,
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("_empty_cache")
def test_clients_behind_the_proxy_are_limited_separately(monkeypatch: pytest.MonkeyPatch) -> None:
    with override_settings(**proxy_settings(monkeypatch, PIK_TRUSTED_PROXY_COUNT="1")):
        one = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
        assert "zu viele" not in fail_logins(10, **one)
        assert "zu viele" in fail_logins(1, start=10, **one)  # ten a minute per client …
        other = {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}
        assert "zu viele" not in fail_logins(1, start=11, **other)  # … not for everyone
        # the client cannot escape by sending its own header: the proxy appends the real one
        spoofed = {"HTTP_X_FORWARDED_FOR": "203.0.113.50, 198.51.100.7"}
        assert "zu viele" in fail_logins(1, start=12, **spoofed)


@pytest.mark.django_db
@pytest.mark.usefixtures("_empty_cache")
def test_a_client_ip_header_of_the_proxy_can_be_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    with override_settings(**proxy_settings(monkeypatch, PIK_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")):
        assert "zu viele" in fail_logins(11, HTTP_X_REAL_IP="198.51.100.7")
        assert "zu viele" not in fail_logins(1, start=11, HTTP_X_REAL_IP="203.0.113.9")


@pytest.mark.django_db
@pytest.mark.usefixtures("_empty_cache")
def test_a_forwarded_address_is_not_trusted_without_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with override_settings(**proxy_settings(monkeypatch)):
        fail_logins(10, HTTP_X_FORWARDED_FOR="198.51.100.7")
        # a spoofed header does not make a new client: the limit is the proxy's address
        assert "zu viele" in fail_logins(1, start=10, HTTP_X_FORWARDED_FOR="203.0.113.9")


# --- Demo commands refuse production settings -----------------------------------------------


@pytest.mark.parametrize(
    "command", [["seed_demo"], ["demo_totp", "koordination.boeblingen@demo.pik-bw.example"]]
)
def test_demo_commands_refuse_production_settings(command: list[str], tmp_path: Path) -> None:
    env = production_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    run = pik(*command, env=env)
    assert run.returncode != 0
    assert f"„pik {command[0]}“ ist mit den Produktionseinstellungen gesperrt" in run.stderr
    assert list(tmp_path.iterdir()) == []  # no database was opened
