"""Background jobs: the answer reaches the UI thread however quickly the work ends."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool

from app.ui.services.background import run_in_background


def test_a_job_that_ends_before_the_caller_looks_still_answers(qtbot, context):
    # The work ends (the pool is done) before the event loop runs again: a receiver
    # connected after the start would never hear of it (the worker waited forever, CI).
    pool = QThreadPool()
    answers, failures = [], []
    run_in_background(lambda: 42, answers.append, failures.append, pool)
    pool.waitForDone()
    qtbot.waitUntil(lambda: answers == [42], timeout=5_000)
    assert failures == []


def test_a_job_that_raises_answers_with_its_exception(qtbot, context):
    pool = QThreadPool()
    answers, failures = [], []

    def broken():
        raise ValueError("sem conexão")

    run_in_background(broken, answers.append, failures.append, pool)
    pool.waitForDone()
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5_000)
    assert str(failures[0]) == "sem conexão" and answers == []
