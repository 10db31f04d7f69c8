from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from dateline import settings
from dateline.errors import DatelineError


def test_every_default_setting_is_documented() -> None:
    text = resources.files("dateline").joinpath("defaults.toml").read_text(encoding="utf-8")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^[a-z_]+\s*=", line):
            assert lines[i - 1].startswith("#") or lines[i - 1].startswith("  "), f"undocumented: {line}"


def test_user_file_overrides_and_typos_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "ok.toml"
    good.write_text("[fetch]\ntimeout = 3.0\n")
    monkeypatch.setenv("DATELINE_CONFIG", str(good))
    settings.load.cache_clear()
    assert settings.load().get("fetch", "timeout") == 3.0
    bad = tmp_path / "bad.toml"
    bad.write_text("[fetch]\ntimeuot = 3.0\n")
    monkeypatch.setenv("DATELINE_CONFIG", str(bad))
    settings.load.cache_clear()
    with pytest.raises(DatelineError, match=r"unknown setting fetch\.timeuot"):
        settings.load()
    monkeypatch.delenv("DATELINE_CONFIG")
    settings.load.cache_clear()
