"""The race tests trust this harness to start threads together, report what they raised and never hang."""

import threading

import pytest

from tests.support.threads import Threads, run_at_once


def test_no_callable_runs_before_every_thread_has_started():
    threads = Threads([lambda: all(thread.ident is not None for thread in threads.threads)] * 8)
    assert threads.start().join().results == [True] * 8


def test_results_keep_their_order_and_errors_are_collected():
    def fail():
        raise ValueError("refused")

    outcome = run_at_once([lambda: 1, fail, lambda: 3])
    assert outcome.results == [1, None, 3]
    assert [str(error) for error in outcome.errors] == ["refused"]


def test_a_thread_that_never_ends_fails_the_test_instead_of_hanging_it():
    release = threading.Event()
    threads = Threads([release.wait], timeout=0.1).start()
    with pytest.raises(AssertionError, match="1 of 1 threads still running after 0.1s"):
        threads.join()
    release.set()
    # Let the thread end here, so nothing of it outlives the test.
    for thread in threads.threads:
        thread.join()
