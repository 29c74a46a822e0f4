"""Worker processes: the build forks them after loading, so they share the model copy-on-write."""

from __future__ import annotations

import multiprocessing
import os
import signal


def can_fork() -> bool:
    """Whether forked workers can help: fork exists (not on Windows) and there is a second core."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def die_with_parent() -> None:
    """Workers must not outlive a killed build and keep writing into its temporary folder.

    They also take back the default action of SIGTERM, which the command line turns into an
    exception for its clean-up: a pool stops its workers with SIGTERM, and a worker that
    raised instead of dying could hang in its exit, and the build with it, waiting for it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's clean-up still removes the folder
        pass
