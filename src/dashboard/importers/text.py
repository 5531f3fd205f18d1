"""Reading input files safely: size limit, encoding, separator, truncation, numbers.

Files are read line by line (never whole), each line decoded strictly as UTF-8, so a
wrong encoding is reported with the line it is on. A file larger than the limit
(`DASHBOARD_IMPORT_MAX_MB`) is refused before it is read at all.
"""

from __future__ import annotations

import codecs
import csv
import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dashboard import danish
from dashboard.importers.errors import reject

BOMS = {codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16", codecs.BOM_UTF32_LE: "UTF-32"}
ASCII_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "–": "-", "—": "-"})
DANISH_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
MISSING_MARKERS = frozenset({"..", "…", "-"})


def norm(text: object) -> str:
    """A lookup key: case-folded, ASCII-folded Danish letters, single spaces."""
    folded = unicodedata.normalize("NFC", str(text)).strip().casefold().translate(ASCII_FOLD)
    return " ".join(folded.split())


def column_key(text: object) -> str:
    """A header key: like `norm`, without anything but letters and digits (`OMRÅDE` -> `omraade`)."""
    return re.sub(r"[^a-z0-9]", "", norm(text))


def check_size(path: Path, display: str, max_bytes: int) -> int:
    """Refuse a missing, empty or too large file; return its size."""
    if not path.exists():
        raise reject(display, "filen findes ikke")
    if path.is_dir():
        raise reject(display, "er en mappe, ikke en fil")
    size = path.stat().st_size
    if size == 0:
        raise reject(display, "filen er tom")
    if size > max_bytes:
        raise reject(
            display,
            f"filen fylder {danish.number(size / 1e6, 1)} MB; grænsen er {danish.number(max_bytes / 1e6, 0)} MB "
            "(indstillingen DASHBOARD_IMPORT_MAX_MB). Hent færre områder eller perioder ad gangen.",
        )
    return size


def check_encoding_start(head: bytes, display: str) -> None:
    for bom, name in BOMS.items():
        if head.startswith(bom):
            raise reject(
                display, f"filen er gemt som {name} ('Unicode-tekst'); gem den som 'CSV UTF-8' og prøv igen", row=1
            )


def decoded_lines(
    path: Path, display: str, on_bytes: Callable[[int], None] | None = None
) -> Iterator[tuple[int, str, bool]]:
    """(line number, text, ends with a newline) for each physical line, strictly UTF-8."""
    with path.open("rb") as fh:
        head = fh.read(4)
        check_encoding_start(head, display)
        fh.seek(0)
        for number, raw in enumerate(fh, start=1):
            if on_bytes:
                on_bytes(len(raw))
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise reject(
                    display,
                    f"tegnet på position {exc.start + 1} er ikke UTF-8 (filen er måske gemt som Windows-1252/ANSI); "
                    "gem den som 'CSV UTF-8' og prøv igen",
                    row=number,
                ) from None
            if "\x00" in text:
                raise reject(display, "filen indeholder NUL-tegn – er det en binær fil eller UTF-16?", row=number)
            yield number, text, raw.endswith(b"\n")


@dataclass
class CsvRow:
    line: int
    cells: list[str]


class SemicolonCsv:
    """A `;`-separated file: `header`, then `rows()` with each row's line number.

    Every row must have as many fields as the header; a last row without a final newline
    that is short or ends in an empty field is reported as a truncated file.
    """

    def __init__(self, path: Path, display: str, max_bytes: int, on_bytes: Callable[[int], None] | None = None):
        self.path, self.display = path, display
        self.size = check_size(path, display, max_bytes)
        self._lines = decoded_lines(path, display, on_bytes)
        self._last_had_newline = True
        self._current_line = 0
        self._reader = csv.reader(self._feed(), delimiter=";", strict=True)
        self.header = self._read_header()

    def _feed(self) -> Iterator[str]:
        for number, text, newline in self._lines:
            self._current_line, self._last_had_newline = number, newline
            yield text

    def _next(self) -> list[str] | None:
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            if "end of data" in str(exc) or "EOF" in str(exc) or not self._last_had_newline:
                raise reject(
                    self.display,
                    "filen slutter midt i et felt i anførselstegn – den ser ud til at være afkortet",
                    row=self._current_line,
                ) from None
            raise reject(self.display, f"kan ikke læses som CSV: {exc}", row=self._current_line) from None

    def _read_header(self) -> list[str]:
        while True:
            row = self._next()
            if row is None:
                raise reject(self.display, "filen er tom (ingen overskriftsrække)")
            if any(cell.strip() for cell in row):
                break
        self.header_line = self._reader.line_num
        if len(row) == 1:
            cell = row[0]
            for sep, name in ((",", "komma"), ("\t", "tabulator"), ("|", "lodret streg")):
                if sep in cell:
                    raise reject(
                        self.display,
                        f"forkert skilletegn: filen er adskilt med {name}, men skal være adskilt med semikolon (;)",
                        row=self._reader.line_num,
                    )
            raise reject(
                self.display,
                "overskriftsrækken har kun én kolonne; filen skal være adskilt med semikolon (;)",
                row=self._reader.line_num,
            )
        return [cell.strip() for cell in row]

    def rows(self) -> Iterator[CsvRow]:
        width = len(self.header)
        pending: CsvRow | None = None
        while True:
            start = self._current_line + 1
            row = self._next()
            if row is None:
                break
            if not any(cell.strip() for cell in row):
                continue
            if pending is not None:
                yield self._checked(pending, width, last=False)
            pending = CsvRow(start, row)
        if pending is not None:
            yield self._checked(pending, width, last=True)
        else:
            raise reject(self.display, "filen har kun overskriftsrækken og ingen data", row=self.header_line)

    def _checked(self, row: CsvRow, width: int, last: bool) -> CsvRow:
        cut_short = last and not self._last_had_newline and (len(row.cells) < width or not row.cells[-1].strip())
        if len(row.cells) == width and not cut_short:
            return row
        if cut_short:
            raise reject(
                self.display,
                "sidste række er ufuldstændig og slutter uden linjeskift – filen ser ud til at være afkortet",
                row=row.line,
            )
        raise reject(self.display, f"rækken har {len(row.cells)} felter, men overskriften har {width}", row=row.line)


def parse_number(text: object, *, missing: frozenset[str] = MISSING_MARKERS) -> float | None:
    """A number written the Danish way (`1.234,5`), or None for a missing-value marker.

    A point is only accepted as a thousands separator (`1.234`); `12.5` is refused rather
    than guessed, because it means 125 in Danish and 12,5 in English.
    """
    if isinstance(text, bool):
        raise ValueError(f"{text!r} er ikke et tal")
    if isinstance(text, int | float):
        value = float(text)
    else:
        cell = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
        if cell in missing:
            return None
        if not cell:
            raise ValueError("værdien mangler")
        if not DANISH_NUMBER.fullmatch(cell):
            if re.fullmatch(r"[+-]?\d+\.\d+", cell):
                raise ValueError(f"{text!r} er ikke et dansk tal – brug decimalkomma (fx 4,3)")
            raise ValueError(f"{text!r} er ikke et tal")
        value = float(cell.replace(".", "").replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(f"{text!r} er ikke et endeligt tal")
    return value
