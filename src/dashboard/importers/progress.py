"""A plain-text progress bar on stderr (redrawn in place on a terminal, one line otherwise)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from dashboard import danish

WIDTH = 28


class Progress:
    def __init__(
        self,
        label: str,
        total: float | None = None,
        unit: str = "",
        stream: TextIO | None = None,
        interval: float = 0.2,
    ) -> None:
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.done_amount = 0.0
        self.interval = interval
        self._last = 0.0
        self._closed = False

    def advance(self, amount: float = 1) -> None:
        self.done_amount += amount
        now = time.monotonic()
        if self.tty and now - self._last >= self.interval:
            self._last = now
            self.stream.write("\r" + self._line())
            self.stream.flush()

    def _line(self) -> str:
        if self.total:
            share = min(1.0, self.done_amount / self.total)
            filled = int(share * WIDTH)
            return f"{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {danish.number(100 * share)} %"
        return f"{self.label} … {danish.number(self.done_amount)} {self.unit}".rstrip()

    def finish(self, note: str = "") -> None:
        if self._closed:
            return
        self._closed = True
        if self.total:
            self.done_amount = max(self.done_amount, self.total)
        text = self._line() + (f" – {note}" if note else "")
        self.stream.write(("\r" if self.tty else "") + text + "\n")
        self.stream.flush()
