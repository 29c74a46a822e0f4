"""Worker processes: the build forks them after loading, so they share the model copy-on-write."""

from __future__ import annotations

import multiprocessing
import os


def can_fork() -> bool:
    """Whether forked workers can help: fork exists (not on Windows) and there is a second core."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def die_with_parent() -> None:
    """Workers must not outlive a killed build and keep writing into its temporary folder."""
    try:
        import ctypes
        import signal
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's clean-up still removes the folder
        pass
