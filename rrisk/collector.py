"""Holding off Python's cyclic garbage collector: while building many long-lived objects, and
while the desktop app's worker threads run.

Two reasons to hold it off, one mechanism (:func:`hold` and :func:`release`, counted and safe
across threads, so holds may nest and overlap; :func:`paused` is a hold for a block):

* **Speed.** Reading a 2,000 × 40 matrix, or importing the desktop app's modules, creates
  hundreds of thousands of objects that live on and none of which is cyclic garbage: the
  collector's repeated full passes over them cost ~40% of opening that matrix and ~25 ms of
  start-up (``bench/``).
* **Threads and Qt.** The collector runs in whichever thread happens to allocate when its
  threshold is passed. In a worker thread it may free a Qt object of the GUI thread that the
  garbage holds (a closed window's widget), and while it does so the GUI thread can run and
  delete what the collector is tearing down: the process ends with a segmentation fault.
  The desktop app's jobs therefore hold the collector for as long as one runs
  (:func:`desktop.files.jobs.start`), and the GUI thread runs the collections that fall due
  meanwhile (:func:`collect_due`).

Reference counting frees everything that is not in a cycle either way.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_holds = 0
_restore = False
"""Whether the collector was on when the first hold began (it is turned back on then)."""


def hold() -> None:
    """Turn automatic collection off until the matching :func:`release`."""
    global _holds, _restore
    with _LOCK:
        if _holds == 0:
            _restore = gc.isenabled()
            gc.disable()
        _holds += 1


def release() -> None:
    """End one :func:`hold`; the last one turns the collector back on if it was on before."""
    global _holds
    with _LOCK:
        if _holds == 0:
            raise RuntimeError("collector.release() without a hold")
        _holds -= 1
        if _holds == 0 and _restore:
            gc.enable()


def held() -> bool:
    """Whether a hold is in force."""
    return _holds > 0


@contextmanager
def paused() -> Iterator[None]:
    """Hold the collector for the block (nested and overlapping pauses are fine: only the
    last to end turns the collector back on, and a collector that was off stays off)."""
    hold()
    try:
        yield
    finally:
        release()


def freeze_for_exit() -> None:
    """Put every object now alive beyond the collector's reach, for a process that is about to
    end: the full collection that falls due as a command's pause ends then walks none of them
    (a memo's process holds ~70,000 tracked objects: ~30 ms of its ~1 s, for nothing, since
    the process exits next). Only for the process's own command line: in a longer life,
    frozen objects that become cyclic garbage are never collected."""
    gc.freeze()


def freeze_imported() -> None:
    """Put every object now alive beyond the collector's reach, at the end of the hold under
    which a long-lived process imported its modules (the desktop app's window: ~300 modules,
    whose functions, classes and tables live as long as the process). Held off, the
    collector still owed them a pass: the first young collection after the hold walked every
    one of them (~15 ms of the app's start), and a middle one soon after again (~10 ms).
    Frozen, they are never walked; what becomes garbage later is made later, and collected as
    before. Call it once per process (the few cycles the imports left behind stay)."""
    gc.freeze()


BUILT_AT_ONCE = 100_000
"""Young objects past which :func:`collect_built` runs its full collection."""


def collect_built() -> bool:
    """After a hold that built many long-lived objects (a large document read, scored and
    shown): one full collection, when the young generation (the objects made since the last
    collection) holds more than :data:`BUILT_AT_ONCE`; returns whether it ran. Left to automatic collection they are walked
    three times, by a young, a middle and a full pass (~0.5 s for 2,000 × 40, the last two
    falling on the first edits when the hold lasts to the end), where one full pass walks
    them once (~0.15 s)."""
    # The young generation itself: its count is lowered by every object freed meanwhile (a
    # large document replaced by another left it near 0 over ~265,000 new objects).
    if len(gc.get_objects(generation=0)) <= BUILT_AT_ONCE:
        return False
    gc.collect()
    return True


def collect_due() -> int | None:
    """Run, in the calling thread, the collection that automatic collection would have run by
    now (by the collector's thresholds and counts): the generation collected, or None when
    none is due. The desktop app's GUI thread calls it while jobs hold the collector.

    The young and middle generations only: a full collection walks every object alive, which
    while a memo of a large matrix is built took seconds (4.7 s at 500 × 40, 10 s at
    2,000 × 40), the window frozen and its Cancel out of reach. It comes once the last job
    has ended, when automatic collection is back on and the job's objects are gone."""
    first, second, _third = gc.get_threshold()
    young, middle, _old = gc.get_count()
    if first <= 0 or young <= first:
        return None
    generation = 1 if middle > second else 0
    gc.collect(generation)
    return generation
