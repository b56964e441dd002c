"""Running the pik command under the production settings, for tests of what production refuses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def production_env(tmp_path: Path, **extra: str | None) -> dict[str, str]:
    """This process's environment as production would see it: production settings, a secret and
    an audit key, no shared cache or database from the test run, ``var/`` in ``tmp_path``.
    ``extra`` sets variables; ``None`` removes one (to test what happens without it)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="pik.settings.production",
        PIK_SECRET_KEY="x7#Gq!" * 10,
        PIK_AUDIT_KEY="a9$Lk2" * 6,  # production needs the audit key (ADR 0014)
        PIK_ALLOWED_HOSTS="pik.example.org",
        PIK_VAR_DIR=str(tmp_path),  # an empty directory: nothing of ours to touch
    )
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def pik(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``pik ARGS`` (this checkout's manage command) in a fresh process."""
    return subprocess.run(  # noqa: S603 - the pik command of this checkout
        [sys.executable, "-m", "pik", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
