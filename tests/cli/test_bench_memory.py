"""Issue 18: the bench reports the counter's memory per phase, each phase's own peak."""

from __future__ import annotations

import sys

import pytest

from pos_app.cli import bench


def test_memory_now_reads_resident_and_peak():
    now = bench._memory_now()
    assert 0 < now["rss_mb"] <= now["peak_mb"] + 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux peak-RSS reset")
def test_a_phase_start_resets_the_peak_to_what_is_resident():
    ballast = bytearray(64 * 1024 * 1024)  # 64 MB touched, then let go
    ballast[::4096] = b"x" * len(ballast[::4096])
    high = bench._memory_now()["peak_mb"]
    del ballast
    bench._memory_phase_start()
    after = bench._memory_now()
    assert after["peak_mb"] < high - 32  # the phase's own peak, not the run's


def test_the_summary_names_every_phase_with_its_peak():
    ui = {"app_memory_mb": 210.2, "memory_phases": {
        "window_ready": {"rss_mb": 172.7, "peak_mb": 172.7},
        "push_10000_events": {"rss_mb": 207.8, "peak_mb": 210.2}}}
    text = bench._memory_text(ui)
    assert text.startswith("210.2 MB peak of the whole run")
    assert "window_ready 173 / 173 MB" in text and "push_10000_events 210 / 208 MB" in text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")
def test_a_child_does_not_inherit_its_parents_peak():
    """The 1.4 GB of 2026-12-02 was the seeding parent's peak, which ru_maxrss carries over
    fork and exec; the bench's child measures its own (VmHWM)."""
    import subprocess

    ballast = bytearray(300 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])
    code = ("from pos_app.cli import bench; import resource; "
            "print(bench._memory_now()['peak_mb'], "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    del ballast
    own, inherited = float(out[0]), float(out[1])
    assert inherited > 300 > own  # the figure the bench prints is the child's own
