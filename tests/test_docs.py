"""Documentation kept true by tests: every module is in ARCHITECTURE.md, every command's
--help option is in the README."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

from conftest import ROOT
from dateline.serve import cli

SRC = ROOT / "src" / "dateline"


def test_every_module_is_listed_in_architecture() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = [
        str(path.relative_to(SRC.parent))
        for path in sorted(SRC.rglob("*.py"))
        if str(path.relative_to(SRC.parent)) not in text
    ]
    assert not missing, f"modules missing from ARCHITECTURE.md: {missing}"


def _help(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        cli.main([*args, "--help"])
    return out.getvalue()


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_every_command_help_is_in_the_readme(command: str) -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    # Compare option lines, whitespace-folded, so terminal width does not matter.
    options = re.findall(r"^\s+(-{1,2}[\w-]+)", _help(command), flags=re.M)
    assert f"dateline {command}" in readme
    for option in options:
        assert option in readme, f"`dateline {command} {option}` is not documented in README.md"
