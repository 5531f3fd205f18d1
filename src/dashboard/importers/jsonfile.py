"""Reading a JSON answer saved from an API (size limit, strict UTF-8, truncation)."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

from dashboard.importers.errors import reject
from dashboard.importers.text import check_encoding_start, check_size


def load_json(path: Path, display: str, max_bytes: int) -> Any:
    check_size(path, display, max_bytes)
    raw = path.read_bytes()
    check_encoding_start(raw[:4], display)
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise reject(
            display, "filen er ikke UTF-8 (måske gemt som Windows-1252/ANSI); gem den som UTF-8", row=line
        ) from None
    if not text.strip():
        raise reject(display, "filen er tom")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        near_end = exc.pos >= len(text.rstrip()) - 1
        what = "filen ser ud til at være afkortet" if near_end else "ugyldig JSON"
        raise reject(display, f"{what} ({exc.msg}, kolonne {exc.colno})", row=exc.lineno) from None
    except RecursionError:
        what = "ugyldig JSON: lister og objekter er indlejret for dybt (ikke et svar fra API'et)"
        raise reject(display, what) from None
