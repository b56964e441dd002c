"""Every service refuses an actor who may not use it, and changes nothing.

Generated from the code: every public function of every app's ``services`` (module or package)
that takes an ``actor`` must have a case in its app's ``tests/<app>/wrong_actor.py`` (``CASES``),
so a new service is covered the day it is added. A case prepares the data, names the wrong actor
and the call; the test snapshots the database, calls the service directly (no view in between),
expects a German ``ValidationError``/``PermissionDenied`` and compares the database afterwards.
Services that no user can call (system steps without ``actor``) are listed in ``SYSTEM``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

APPS = ["orgs", "funding", "casework", "network", "portal"]


def _service_modules() -> Iterator[ModuleType]:
    for app in APPS:
        try:
            module = importlib.import_module(f"pik.{app}.services")
        except ModuleNotFoundError:
            continue
        yield module
        if hasattr(module, "__path__"):
            for info in pkgutil.iter_modules(module.__path__, f"{module.__name__}."):
                yield importlib.import_module(info.name)


def service_functions() -> dict[str, Callable[..., Any]]:
    """``app.name`` → function, for every public service function defined in an app."""
    found: dict[str, Callable[..., Any]] = {}
    for module in _service_modules():
        app = module.__name__.split(".")[1]
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__:
                continue
            found[f"{app}.{name}"] = fn
    return found


def _cases() -> dict[str, Any]:
    cases: dict[str, Any] = {}
    for app in APPS:
        try:
            module = importlib.import_module(f"tests.{app}.wrong_actor")
        except ModuleNotFoundError:
            continue
        for name, case in module.CASES.items():
            cases[f"{app}.{name}"] = case
    return cases


def _system() -> dict[str, str]:
    system: dict[str, str] = {}
    for app in APPS:
        try:
            module = importlib.import_module(f"tests.{app}.wrong_actor")
        except ModuleNotFoundError:
            continue
        for name, why in getattr(module, "SYSTEM", {}).items():
            system[f"{app}.{name}"] = why
    return system


SERVICES = service_functions()
CASES = _cases()
SYSTEM = _system()


def test_every_service_has_a_wrong_actor_case() -> None:
    takes_actor = {
        name for name, fn in SERVICES.items() if "actor" in inspect.signature(fn).parameters
    }
    missing = sorted(takes_actor - set(CASES))
    assert not missing, f"services without a wrong-actor case: {missing}"
    unexplained = sorted(set(SERVICES) - takes_actor - set(SYSTEM))
    assert not unexplained, f"services without actor and not listed as system steps: {unexplained}"
    stale = sorted((set(CASES) | set(SYSTEM)) - set(SERVICES))
    assert not stale, f"cases for services that do not exist: {stale}"


def _snapshot(app_labels: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table of the touched apps, the audit trail and the memberships."""
    state: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label in app_labels or label in {
            "core.AuditEvent",
            "core.AuditChainHead",
            "orgs.Membership",
            "orgs.User",
        }:
            state[label] = list(model.objects.order_by("pk").values())
    return state


@pytest.mark.parametrize("name", sorted(CASES))
def test_service_refuses_the_wrong_actor_and_changes_nothing(
    name: str, world: Any, member: Any
) -> None:
    app = name.split(".", maxsplit=1)[0]
    fn = SERVICES[name]
    call = CASES[name](world=world, member=member)
    kwargs = call if isinstance(call, dict) else call()
    assert "actor" in kwargs, f"{name}: the case must name the wrong actor"
    touched = {app, "casework", "funding", "network", "orgs"}
    before = _snapshot(touched)
    with pytest.raises((ValidationError, PermissionDenied)) as caught:
        fn(**kwargs)
    message = (
        " ".join(caught.value.messages)
        if isinstance(caught.value, ValidationError)
        else str(caught.value)
    )
    assert message.strip(), f"{name}: refused without a message"
    assert any(word in message for word in ("nicht", "kein", "Nur", "nur")), (
        f"{name}: the refusal should say in German what is not allowed: {message!r}"
    )
    assert _snapshot(touched) == before, f"{name}: the refused call changed the database"
