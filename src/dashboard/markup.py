"""Text that comes from data (labels, source names, titles and notes built from them) shown
through Markdown, which Streamlit's captions, titles, metric labels and help texts all are.

Escaped, an imported source name such as `![t](http://…/track.png)` is shown as written
instead of making every visitor's browser fetch that address; the same goes for links,
HTML, `:red[…]` directives and `$…$` formulas.
"""

from __future__ import annotations

MARKDOWN_SPECIAL = "\\`*_{}[]<>#|~$"


def plain(text: object) -> str:
    """`text` as Markdown that renders as exactly this text."""
    out = str(text)
    for char in MARKDOWN_SPECIAL:
        out = out.replace(char, "\\" + char)
    return out
