"""Text that comes from data (labels, source names, titles and notes built from them) shown
through Markdown, which Streamlit's captions, titles, metric labels and help texts all are.

Escaped, an imported source name such as `![t](http://…/track.png)` is shown as written
instead of making every visitor's browser fetch that address; the same goes for links,
HTML, `:red[…]` directives and `$…$` formulas.
"""

from __future__ import annotations

import re

MARKDOWN_SPECIAL = "\\`*_{}[]>#|~$"
# `<` starts HTML or an autolink only before a letter, `/`, `!` or `?`; «<5» stays as it is.
TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
# A line that starts like a list item (`9. marts`, `1) …`, `- …`, `+ …`) would become one.
LIST_START = re.compile(r"^(\s*)(?:(\d+)([.)])|([-+]))(?=\s)", re.MULTILINE)


def plain(text: object) -> str:
    """`text` as Markdown that renders as exactly this text (also a table cell such as
    «9. marts–19. maj 2020», which would otherwise become a numbered list)."""
    out = str(text)
    for char in MARKDOWN_SPECIAL:
        out = out.replace(char, "\\" + char)
    out = TAG_START.sub(r"\\<", out)
    return LIST_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[1]}\\{m[4]}", out)
