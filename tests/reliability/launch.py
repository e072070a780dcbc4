"""Run a command, then write its peak memory to a file: `launch.py OUT CMD ARG...`.

A process's peak resident set (`ru_maxrss`) does not start at zero when it execs:
Linux carries over the peak of the memory it was forked from. A command forked
straight from the test process reads at least the test process's own peak (which
grows over a suite run); forked from this small launcher, it reads its own and
that of the children it waited for (the ingest's workers).

The launcher passes its stdin, stdout and stderr through and ends as the command
ended: same exit code, or killed by the same signal.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path


def main() -> None:
    out, args = sys.argv[1], sys.argv[2:]
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(args[0], args)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    Path(out).write_text(str(usage.ru_maxrss * 1024), encoding="ascii")  # KiB on Linux
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        with contextlib.suppress(OSError):  # SIGKILL and SIGSTOP keep their action
            signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    sys.exit(code)


if __name__ == "__main__":
    main()
