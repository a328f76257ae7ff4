"""Real threads for the race tests: callables started together, each on its own database connection.

The threads start behind one barrier so they reach the database at the same moment; each closes its
connections when it ends (a connection left open keeps the test database from being dropped); what
they return and what they raise are collected for the test to assert on; and a thread still running
after the timeout fails the test instead of hanging the run."""

import threading
from dataclasses import dataclass, field

from django.db import connections

TIMEOUT = 60


@dataclass
class Outcome:
    """`results[i]` is what the i-th callable returned (None if it raised); `errors` what they raised."""

    results: list = field(default_factory=list)
    errors: list = field(default_factory=list)


class Threads:
    """Callables run at once on threads: `start()` them, do what the test does meanwhile, `join()`."""

    def __init__(self, callables, timeout=TIMEOUT):
        self.callables = list(callables)
        self.timeout = timeout
        self.outcome = Outcome(results=[None] * len(self.callables))
        self.barrier = threading.Barrier(len(self.callables))
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self._run, args=(index,), daemon=True) for index in range(len(self.callables))
        ]

    def _run(self, index):
        try:
            self.barrier.wait(self.timeout)
            self.outcome.results[index] = self.callables[index]()
        except Exception as error:  # noqa: BLE001 - handed to the test, which asserts on it
            with self.lock:
                self.outcome.errors.append(error)
        finally:
            connections.close_all()

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def alive(self):
        return any(thread.is_alive() for thread in self.threads)

    def join(self):
        for thread in self.threads:
            thread.join(self.timeout)
        stuck = sum(thread.is_alive() for thread in self.threads)
        assert not stuck, f"{stuck} of {len(self.threads)} threads still running after {self.timeout}s"
        return self.outcome


def run_at_once(callables, timeout=TIMEOUT):
    """Run `callables` together and wait for all of them."""
    return Threads(callables, timeout).start().join()


def run_times(count, target, timeout=TIMEOUT):
    """Run `target(index)` for index 0..count-1 together and wait for all of them."""
    return run_at_once([lambda index=index: target(index) for index in range(count)], timeout)
