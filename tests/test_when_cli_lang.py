"""`affiche when` without --lang detects the expression's language and says which it used,
on standard error, leaving Contract 3 alone on standard output (issue 15, item 6)."""

from __future__ import annotations

import io
import json

import pytest

from affiche.cli import main


def _when(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:
    code = main(["when", *argv])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


@pytest.mark.parametrize(("expression", "lang", "value"), [
    ("zaterdag 18 januari om 14u", "nl", "2025-01-18T14:00:00+01:00"),
    ("Friday at 6.30pm", "en", "2025-01-17T18:30:00+01:00"),
    ("samedi 18 janvier à 14h", "fr", "2025-01-18T14:00:00+01:00"),
])
def test_the_language_is_detected_and_told(capsys: pytest.CaptureFixture[str], expression: str,
                                           lang: str, value: str) -> None:
    code, data, err = _when(capsys, expression, "--reference", "2025-01-13")
    assert code == 0
    assert data["values"][0]["value"] == value
    assert err.strip() == f"affiche: when: read in {lang} (detected; --lang to choose)"


def test_no_telling_word_reads_french_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, data, err = _when(capsys, "14h", "--reference", "2025-01-13")
    assert code == 0 and data["values"]
    assert "read in fr (the default" in err


def test_a_given_language_is_not_announced(capsys: pytest.CaptureFixture[str]) -> None:
    code, data, err = _when(capsys, "morgen", "--reference", "2025-01-13", "--lang", "nl")
    assert code == 0 and data["values"][0]["value"].startswith("2025-01-14") and err == ""


def test_jsonl_lines_without_lang_are_detected(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [{"text": "morgen om 8 uur", "reference": "2025-01-13"},
             {"text": "tomorrow at 8am", "reference": "2025-01-13"},
             {"text": "demain à 8h", "reference": "2025-01-13", "lang": "fr"}]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(json.dumps(x) + "\n" for x in lines)))
    assert main(["when", "--jsonl", "-"]) == 0
    out, err = capsys.readouterr()
    values = [json.loads(line)["values"][0]["value"] for line in out.splitlines()]
    assert values == ["2025-01-14T08:00:00+01:00"] * 3
    assert err.strip() == ("affiche: when: 2 line(s) without lang, read in the detected "
                           "language (en 1, nl 1)")
