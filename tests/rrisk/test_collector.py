"""The cyclic collector is paused for a block and comes back exactly as it was."""

from __future__ import annotations

import gc

import pytest

from rrisk import cli, collector


@pytest.fixture
def collecting():
    was = gc.isenabled()
    gc.enable()
    yield
    if was:  # as it was before the test, whatever the test left
        gc.enable()
    else:
        gc.disable()


def test_paused_for_the_block_and_back_after(collecting) -> None:
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_back_after_an_error(collecting) -> None:
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_nested_pause_keeps_it_off_until_the_outer_block_ends(collecting) -> None:
    with collector.paused():
        with collector.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collecting) -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_the_command_line_turns_it_back_on_after_a_command_and_after_an_error(
    collecting, tmp_path, capsys
) -> None:
    seen: list[bool] = []
    real = cli._run

    def spy(args):  # noqa: ANN001, ANN202
        seen.append(gc.isenabled())
        return real(args)

    cli._run, saved = spy, cli._run
    try:
        assert (
            cli.main(["new", "--template", "russia-rare-earths", "-o", str(tmp_path / "a.rrisk")])
            == 0
        )
        assert cli.main(["score", str(tmp_path / "missing.rrisk")]) == 1
    finally:
        cli._run = saved
    assert seen == [False, False]
    assert gc.isenabled()
    assert "missing.rrisk" in capsys.readouterr().err


def test_only_the_program_freezes_what_is_alive_when_its_command_ends(
    collecting, tmp_path, monkeypatch, capsys
) -> None:
    """Run as the program (no argv), the command ends the process: what is alive is frozen,
    so the collection falling due as the pause ends walks nothing. Called with arguments (a
    test, a script), nothing is frozen and cyclic garbage stays collectable."""
    gc.unfreeze()
    try:
        target = tmp_path / "a.rrisk"
        assert cli.main(["new", "--template", "russia-rare-earths", "-o", str(target)]) == 0
        assert gc.get_freeze_count() == 0
        monkeypatch.setattr("sys.argv", ["rrisk", "score", str(target)])
        assert cli.main() == 0
        assert gc.get_freeze_count() > 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    capsys.readouterr()


def test_holds_that_overlap_across_threads_end_with_the_last(collecting) -> None:
    """A pause in one thread ending while another thread's hold goes on does not turn the
    collector back on under it (each saved and restored the state on its own before)."""
    import threading

    collector.hold()  # a job in the GUI thread
    inside = threading.Event()
    leave = threading.Event()

    def worker() -> None:
        with collector.paused():  # a file read in the worker
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(10)
    collector.release()  # the job ended first
    assert not gc.isenabled()  # the worker's pause is still in force
    leave.set()
    thread.join(10)
    assert gc.isenabled() and not collector.held()
    with pytest.raises(RuntimeError):
        collector.release()


def test_collect_due_runs_what_automatic_collection_would_have(collecting) -> None:
    freed: list[str] = []

    class Cyclic:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            freed.append("freed")

    with collector.paused():
        gc.collect()
        assert collector.collect_due() is None  # nothing allocated since
        Cyclic()
        first = gc.get_threshold()[0]
        keep = [[] for _ in range(first + 10)]  # past the first threshold
        assert not freed  # held: no automatic collection
        assert collector.collect_due() == 0
        assert freed == ["freed"]
        del keep


def test_collect_due_leaves_the_full_collection_to_when_the_jobs_have_ended(
    collecting, monkeypatch
) -> None:
    """Every generation past its threshold: the GUI thread collects the middle one, never
    all objects alive, which held the window for seconds while a large memo was built."""
    collected: list[int] = []
    monkeypatch.setattr(collector.gc, "get_count", lambda: (10**6, 10**6, 10**6))
    monkeypatch.setattr(collector.gc, "collect", collected.append)
    with collector.paused():
        assert collector.collect_due() == 1
    assert collected == [1]


def test_collect_built_walks_many_new_objects_once_and_leaves_few_to_the_collector(
    collecting,
) -> None:
    """Many objects made under a hold (a large document read and shown) are collected in one
    full pass, which takes them out of the young generation, and the cyclic garbage among
    them is freed; a few are left to automatic collection."""
    freed: list[str] = []

    class Cyclic:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            freed.append("freed")

    with collector.paused():
        gc.collect()
        few = [[] for _ in range(100)]
        assert not collector.collect_built()
        assert len(gc.get_objects(generation=0)) >= 100
        Cyclic()
        many = [[] for _ in range(collector.BUILT_AT_ONCE + 1)]
        assert collector.collect_built()
        assert freed == ["freed"]
        assert len(gc.get_objects(generation=0)) < 100
        assert not gc.isenabled()
    del few, many
