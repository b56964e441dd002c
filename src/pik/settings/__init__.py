"""Default settings: development (SQLite, console e-mail). See base.py for the env variables."""

from pik.settings.base import *  # noqa: F403
