"""A time limit on a block of Python code, enforced inside the process that runs it.

:class:`Deadline` raises :class:`DocTimeout` in the thread that armed it once the limit
passes. In the main thread it uses ``SIGALRM`` (which also interrupts ``time.sleep`` and
long regular-expression matches, both of which check for signals); in any other thread
(a Dask worker runs tasks in a thread pool) a watchdog thread injects the exception with
``PyThreadState_SetAsyncExc``, which takes effect at the next Python bytecode. Either way a
component stuck in a Python loop stops; code that never returns to the interpreter (a
C extension spinning without checking signals) is the one case it cannot stop.

Once the limit has passed the timeout is raised again every :data:`REFIRE_S` until the block
is left, so a delivery that Python drops (one that lands in a finalizer) is followed by
another; and :meth:`Deadline.check` raises it where the caller asks, between the pipeline's
components and pieces (:func:`newsledger.nlp.pieces.pipe` takes it as ``check``).

``restart()`` re-arms the limit without leaving the block, so one deadline can time each
document that ``nlp.pipe`` yields in turn.
"""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
import time
from types import FrameType, TracebackType


class DocTimeout(BaseException):
    """The time limit passed. A BaseException so a component's ``except Exception`` cannot
    swallow it and carry on."""


#: How often the watchdog thread looks at the armed deadlines, in seconds. Well under any
#: sensible per-document limit (the default is 60 s) and cheap: one wake-up per tick.
WATCHDOG_TICK_S = 0.02

#: Once the limit has passed, the timeout is raised again this often until the block is left.
#: One delivery can be lost: Python drops an exception raised while a finalizer runs (a
#: generator closed by the garbage collector, a ``__del__``, a callback of a C extension that
#: cannot propagate errors) and prints "Exception ignored". A quarter of a second bounds the
#: slack each lost delivery adds, and is long beside the few milliseconds a block takes to
#: unwind once the timeout is raised, so a repeat rarely lands in the unwinding itself (where
#: it is harmless: it is the same DocTimeout).
REFIRE_S = 0.25


class _Watchdog:
    """One daemon thread per process that fires expired deadlines of non-main threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: dict[int, float] = {}  # thread id -> monotonic deadline
        self._thread: threading.Thread | None = None

    def arm(self, tid: int, at: float) -> None:
        with self._lock:
            self._armed[tid] = at
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="newsledger-deadline", daemon=True)
                self._thread.start()

    def disarm(self, tid: int) -> None:
        with self._lock:
            self._armed.pop(tid, None)

    def _loop(self) -> None:
        while True:
            time.sleep(WATCHDOG_TICK_S)
            now = time.monotonic()
            with self._lock:
                expired = [tid for tid, at in self._armed.items() if at <= now]
                frames = sys._current_frames() if expired else {}
                for tid in expired:
                    self._armed[tid] = now + REFIRE_S  # again, until the block is left
                    if _leaving(frames.get(tid)):
                        continue  # leaving the block: an exception now would abort the disarm
                    _raise_in(tid)


def _raise_in(tid: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(DocTimeout))


def _clear_pending(tid: int) -> None:
    """Cancel an injected exception that the thread has not raised yet (it finished in time)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), None)


_WATCHDOG = _Watchdog()


class Deadline:
    """``with Deadline(seconds): ...`` raises :class:`DocTimeout` when the block overruns.

    ``seconds <= 0`` means no limit. Not re-entrant: one deadline per thread at a time.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._tid = threading.get_ident()
        # SIGALRM only in the main thread, and only when no one else's interval timer is
        # running (pytest-timeout, a caller's alarm): that one is left alone, and the
        # watchdog thread keeps our limit instead.
        self._main = (threading.current_thread() is threading.main_thread()
                      and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
        self._old_handler: signal.Handlers | object | None = None
        self._active = False
        self._at = 0.0  # monotonic time the limit passes

    def __enter__(self) -> Deadline:
        if self.seconds > 0:
            self._active = True
            try:
                if self._main:
                    self._old_handler = signal.signal(signal.SIGALRM, self._on_alarm)
                self.restart()
            except BaseException:
                # A limit so short that it fired before the block began: ``with`` will not
                # call __exit__, so disarm here, or the repeating timer would outlive the block.
                self.__exit__(*sys.exc_info())
                raise
        return self

    def restart(self) -> None:
        """Give the block a fresh ``seconds`` from now."""
        if not self._active:
            return
        self._at = time.monotonic() + self.seconds
        if self._main:
            signal.setitimer(signal.ITIMER_REAL, self.seconds, REFIRE_S)
        else:
            _WATCHDOG.arm(self._tid, self._at)

    def check(self) -> None:
        """Raise :class:`DocTimeout` now if the limit has passed: called between the pipeline's
        components and pieces, so an overrun is stopped there even if its asynchronous
        delivery was lost or is held up by a long call into C."""
        if self._active and time.monotonic() >= self._at:
            raise DocTimeout(f"over the time limit of {self.seconds:g} s")

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Disarm the limit; idempotent. ``with`` calls it on leaving the block; a caller that
        caught a :class:`DocTimeout` raised out of ``with`` calls it again to be sure.

        A repeat that lands while the block is being left would abort the disarm and leave the
        limit armed, raising into whatever runs next (and, once Python's handler is gone at
        shutdown, killing the process with SIGALRM). So repeats are not delivered while this
        code runs (the handler and the watchdog look at the frame, :data:`_LEAVING`), and one
        that slips in at its first instruction is caught and the disarm done again."""
        for _ in range(_CLOSE_TRIES):
            try:
                self._disarm()
                return
            except DocTimeout:
                continue

    def _disarm(self) -> None:
        # Every step is idempotent and the flag falls last, so a disarm cut short by a repeat
        # is done again in full by close()'s next try.
        if not self._active:
            return
        if self._main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            # An alarm already delivered but not yet handled must find a Python handler (ours
            # is a no-op once inactive), so only a Python handler is put back.
            if callable(self._old_handler):
                signal.signal(signal.SIGALRM, self._old_handler)  # type: ignore[arg-type]
        else:
            _WATCHDOG.disarm(self._tid)
            # A repeat injected before the disarm and not raised yet is cancelled whether the
            # block ended in time or already raised its timeout.
            _clear_pending(self._tid)
        self._active = False

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if self._active and not _leaving(frame):
            raise DocTimeout(f"over the time limit of {self.seconds:g} s")


def _leaving(frame: FrameType | None) -> bool:
    """Whether the interrupted code is leaving a block, seen through any handlers that were
    themselves interrupted (a repeat can land at the first instruction of a running handler)."""
    while frame is not None and frame.f_code in _HANDLING:
        frame = frame.f_back
    return frame is not None and frame.f_code in _LEAVING


#: The code that leaves a block: no timeout is raised while it runs (see :meth:`Deadline.close`).
_LEAVING = frozenset({Deadline.__exit__.__code__, Deadline.close.__code__, Deadline._disarm.__code__,
                      _Watchdog.disarm.__code__, _clear_pending.__code__})

#: The handler's own code, looked through to the code it interrupted.
_HANDLING = frozenset({Deadline._on_alarm.__code__, _leaving.__code__})

#: How often :meth:`Deadline.close` tries again when a repeat slipped in at its first
#: instruction; repeats come every :data:`REFIRE_S`, so a second try all but always suffices.
_CLOSE_TRIES = 8
