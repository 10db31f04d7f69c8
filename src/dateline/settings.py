"""Settings: a user TOML file over the packaged defaults (defaults.toml).

The user file is `$DATELINE_CONFIG` if set, else none. Every key must exist in the
defaults and be documented there (a test checks each has a comment), so a typo in a user
file is an error, not a silently ignored option.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import Code, DatelineError


@dataclass(frozen=True)
class Settings:
    values: dict[str, dict[str, Any]]

    def get(self, section: str, key: str) -> Any:
        return self.values[section][key]


def _defaults_text() -> str:
    return resources.files("dateline").joinpath("defaults.toml").read_text(encoding="utf-8")


def _merge(base: dict[str, dict[str, Any]], user: dict[str, Any], origin: str) -> None:
    for section, table in user.items():
        if section not in base or not isinstance(table, dict):
            raise DatelineError(Code.SETTINGS, f"{origin}: unknown settings section [{section}]")
        for key, value in table.items():
            if key not in base[section]:
                raise DatelineError(Code.SETTINGS, f"{origin}: unknown setting {section}.{key}")
            expected = type(base[section][key])
            if not isinstance(value, expected):
                raise DatelineError(
                    Code.SETTINGS,
                    f"{origin}: {section}.{key} must be {expected.__name__}, got {type(value).__name__}",
                )
            base[section][key] = value


@lru_cache(maxsize=1)
def load() -> Settings:
    values: dict[str, dict[str, Any]] = tomllib.loads(_defaults_text())
    path = os.environ.get("DATELINE_CONFIG")
    if path:
        try:
            user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise DatelineError(Code.SETTINGS, f"cannot read settings {path}: {exc}") from exc
        _merge(values, user, path)
    return Settings(values)
