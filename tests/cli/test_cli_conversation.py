"""`govbot ask` and `govbot chat` end to end: the README's example questions, on both databases."""

from __future__ import annotations

import pytest

from models.governance.files import load_model


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvem eier DIPS?", "Pasientbehandling"),
        ("Which domain owns Helsenorge?", "Helsesamhandling"),
        ("Hva dekker Prehospital?", "Prehospital"),
    ],
)
def test_ask_answers(cli, database_url: str, question: str, expected: str) -> None:
    result = cli("ask", question, database_url=database_url)

    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    assert "Traceback" not in result.stderr


def test_ask_helse_nord_lists_domain_boards(cli, database_url: str) -> None:
    result = cli(
        "ask", "hvilke områdestyrer finnes?", "--model", "helse-nord-2026", database_url=database_url
    )

    assert result.returncode == 0, result.stderr
    domains = load_model("helse-nord-2026").model.domains
    assert domains
    for domain in domains:
        assert domain.name in result.stdout


def test_ask_in_english_on_request(cli, tmp_path) -> None:
    result = cli("ask", "hjelp", "--lang", "en")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_ask_logs_no_message_body_at_info(cli) -> None:
    secret = "Hvem eier hemmelig-system-4711?"
    result = cli("ask", secret, env={"GOVBOT_LOG_LEVEL": "INFO"})

    assert result.returncode == 0, result.stderr
    assert "hemmelig-system-4711" not in result.stderr


def test_chat_greets_answers_and_quits(cli, database_url: str) -> None:
    result = cli("chat", database_url=database_url, input="Hvem eier DIPS?\n\navslutt\nnot read\n")

    assert result.returncode == 0, result.stderr
    greeting, _, rest = result.stdout.partition("\n\n")
    assert greeting.startswith("Hei!")
    assert "English" in greeting
    assert "avslutt" in greeting and "quit" in greeting and "Ctrl-D" in greeting
    assert "Pasientbehandling" in rest
    assert rest.rstrip().endswith("Goodbye!")


def test_chat_ends_on_end_of_input(cli) -> None:
    result = cli("chat", input="hjelp\n")

    assert result.returncode == 0, result.stderr
    assert "Goodbye!" in result.stdout


def test_a_reader_that_leaves_early_gets_no_traceback(cli_process) -> None:
    """`govbot ask … | head -1`: the pipe closes before the answer is written; that is the reader's
    choice, not an error to print a traceback for (exit 141, as a shell reports SIGPIPE)."""
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "ask", "Hva betyr BP3?"],
        cwd=cli_process.cwd,
        env=cli_process._env(None, None),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # long before the answer is ready: the model loads first
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141, stderr
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
