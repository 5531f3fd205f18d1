"""From source categories to the dashboard's breakdowns, summing where they are finer.

A `Dimension` maps a source column's values (codes or Danish labels) to target values
(`group_code`, `age_band`, `gender`, `origin`). A target may be made from several source
values (`30-39` = `30-34` + `35-39`; `vestlig` = immigrants + descendants from western
countries), possibly in more than one way (`recipes`, tried in order). A target cell is
produced only when every part of one recipe is in the file, so a partial download never
becomes a too-small total; a part that is missing (`..`) makes the cell missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import product

from dashboard.importers.text import norm

FIELDS = ("group_code", "age_band", "gender", "origin")


@dataclass(frozen=True)
class Value:
    code: str
    aliases: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    recipe: str = ""


def value(code: str, *aliases: str, to: str | tuple[str, ...] | None = None, recipe: str = "") -> Value:
    targets = () if to is None else ((to,) if isinstance(to, str) else tuple(to))
    return Value(code, tuple(aliases), targets, recipe)


@dataclass
class Dimension:
    """One source column; `fills` is the observation column it fills.

    A filter (`fills` None) feeds no column: rows whose code is not in `keep` are left out
    (e.g. only the total over all unemployment insurance funds is used).
    """

    column: str
    fills: str | None
    values: Sequence[Value]
    strict: bool = True
    keep: frozenset[str] = frozenset()
    aliases: dict[str, str] = field(init=False)
    targets: dict[str, tuple[str, ...]] = field(init=False)
    recipes: dict[str, list[tuple[str, ...]]] = field(init=False)

    def __post_init__(self) -> None:
        self.aliases, self.targets = {}, {}
        recipes: dict[str, dict[str, list[str]]] = defaultdict(dict)
        for v in self.values:
            for alias in (v.code, *v.aliases):
                self.aliases[norm(alias)] = v.code
            self.targets[v.code] = v.to
            for target in v.to:
                recipes[target].setdefault(v.recipe, []).append(v.code)
        self.recipes = {t: [tuple(codes) for codes in by_recipe.values()] for t, by_recipe in recipes.items()}

    def code(self, cell: object) -> str | None:
        """The source code of a cell: a code, a label, or both (`TOT I alt`, StatBank's CodeAndValue)."""
        key = norm(cell)
        found = self.aliases.get(key)
        if found is None and " " in key:
            code, label = key.split(" ", 1)
            found = self.aliases.get(code) or self.aliases.get(label)
        return found

    def known(self) -> str:
        labels = [v.aliases[0] if v.aliases else v.code for v in self.values]
        shown = ", ".join(labels[:12]) + (" …" if len(labels) > 12 else "")
        return shown


@dataclass
class Aggregator:
    """Collects source cells and yields target cells (see the module docstring)."""

    dims: list[Dimension]
    cells: dict[tuple, dict[tuple[str, ...], float | None]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, base: tuple, codes: tuple[str, ...], amount: float | None) -> bool:
        """Add one source cell; False if it feeds no target (a category the dashboard does not use)."""
        target_lists = [dim.targets[code] for dim, code in zip(self.dims, codes, strict=True)]
        used = False
        for combo in product(*target_lists):
            self.cells[(base, combo)][codes] = amount
            used = True
        return used

    def results(self) -> Iterator[tuple[tuple, dict[str, str], float | None, str]]:
        """(base key, breakdown, value, status) with status ok | missing | incomplete."""
        for (base, combo), parts in self.cells.items():
            breakdown = {dim.fills: target for dim, target in zip(self.dims, combo, strict=True) if dim.fills}
            options = [dim.recipes[target] for dim, target in zip(self.dims, combo, strict=True)]
            for recipe in product(*options):
                needed = list(product(*recipe))
                if all(n in parts for n in needed):
                    amounts = [parts[n] for n in needed]
                    if any(a is None for a in amounts):
                        yield base, breakdown, None, "missing"
                    else:
                        yield base, breakdown, float(sum(amounts)), "ok"
                    break
            else:
                yield base, breakdown, None, "incomplete"


def with_defaults(breakdown: dict[str, str]) -> tuple[str, str, str, str]:
    return tuple(breakdown.get(f, "alle") for f in FIELDS)  # type: ignore[return-value]
