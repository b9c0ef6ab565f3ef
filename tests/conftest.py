"""Session hooks shared by every test."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, settings

# Speed lives in benchmarks: on a shared 2-core CI machine one slow example says nothing about
# the code, so property tests run without hypothesis' per-example deadline.
settings.register_profile("issue-drafter", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("issue-drafter")

_status: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without Python's final clean-up once Qt widgets were used.

    With many windows built and torn down in one process, destroying the remaining Qt
    objects after QApplication at interpreter exit can crash (SIGSEGV) after every test has
    passed and the summary is printed; that would turn a green run red. The test results
    and exit status are final here, so exit with them directly.
    """
    if _status and "PySide6.QtWidgets" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_status[-1])
