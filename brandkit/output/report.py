"""What one write did."""

from __future__ import annotations

from pathlib import Path

from brandkit.record import record


@record
class WriteReport:
    """What one write did; paths are POSIX, relative to ``out``, sorted."""

    written: list[str]  # new or changed
    unchanged: list[str]
    removed: list[str]
    out: Path  # the output folder, resolved
