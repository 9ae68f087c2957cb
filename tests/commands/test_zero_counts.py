"""`atende connection show` says "nenhuma ação na fila", never "0 ação na fila" (issue 17
item 17), and writes the other counts with Babel's digits."""

from __future__ import annotations

from app.commands.connection import queued_text
from app.commands.watch import closed_message
from app.core.common.validation import Problem
from app.core.watcher.chats import MAX_PROBLEMS, capped
from app.i18n import _


def test_the_cli_says_no_action_queued_for_zero():
    assert queued_text(0) == _("no action queued")
    assert queued_text(1) == "1 ação na fila"
    assert queued_text(2000) == "2.000 ações na fila"


def test_watch_counts_and_the_capped_problems_use_babel_digits():
    assert closed_message(1234) == "1.234 atendimentos encerrados"
    problems = [Problem("x", "y")] * (MAX_PROBLEMS + 1500)
    assert str(capped(problems)[-1]) == "arquivo: … e mais 1.500 erros"
