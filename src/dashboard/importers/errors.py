"""Problems found in an input, reported as `file:row:column: message` (Danish)."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_LISTED = 25


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | str | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(str(self.row))
        if self.column:
            where.append(self.column)
        return ":".join(where) + ": " + self.message


class ImportRejected(Exception):
    """The input cannot be imported; nothing was written."""

    def __init__(self, problems: list[Problem], more: int = 0) -> None:
        self.problems = problems
        self.more = more
        super().__init__(self.text())

    def text(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.more:
            lines.append(f"… og {self.more} fejl mere")
        return "\n".join(lines)


def reject(file: str, message: str, row: int | str | None = None, column: str | None = None) -> ImportRejected:
    return ImportRejected([Problem(file, row, column, message)])


@dataclass
class Problems:
    """Collects the problems of one input; `raise_if_any` stops before anything is written."""

    file: str
    found: list[Problem] = field(default_factory=list)
    more: int = 0

    def add(self, row: int | str | None, column: str | None, message: str) -> None:
        if len(self.found) < MAX_LISTED:
            self.found.append(Problem(self.file, row, column, message))
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.found)

    def raise_if_any(self) -> None:
        if self.found:
            raise ImportRejected(self.found, self.more)
