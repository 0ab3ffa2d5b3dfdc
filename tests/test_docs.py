"""The README keeps up with the code: every warning code and every extract option is documented."""

from __future__ import annotations

from pathlib import Path

from affiche.cli import cli
from affiche.resolve import WARNING_CODES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    head = README[:1500]
    assert "make run" in head and "make test" in head


def test_every_warning_code_is_documented() -> None:
    for code in WARNING_CODES:
        assert f"`{code}`" in README, code


def test_every_extract_option_is_documented() -> None:
    command = cli.commands["extract"]
    for parameter in command.params:
        for name in parameter.opts:
            if name.startswith("--") and name != "--output":
                assert f"`{name}" in README, name
