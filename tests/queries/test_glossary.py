"""queries/README.md explains every column a query returns (its glossary)."""

import re

from dashboard.db import QUERY_DIR, registry, run_query
from tests.test_privacy import sample_params


def test_every_output_column_is_in_the_glossary(built_con):
    glossary = (QUERY_DIR / "README.md").read_text(encoding="utf-8").split("## Ordliste", 1)[1]
    named = set(re.findall(r"`([a-z_*][a-z0-9_*]*)`", glossary))
    missing = {
        column: name
        for name in registry()
        for column in run_query(built_con, name, sample_params(name), min_persons=5).columns
        if column not in named and not (column.endswith("_persons") and "*_persons" in named)
    }
    assert not missing, f"add to the glossary in queries/README.md: {missing}"
