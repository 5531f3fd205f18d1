"""Sentences that state a chart's finding, built from the numbers it draws.

Pure functions: numbers in, Danish text out (through `dashboard.danish`), so a title
such as "Ledigheden for borgere med ikke-vestlig baggrund er 3,1 pct.-point over
øvrige borgeres" always says what the data say. A missing number gives a neutral title.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard import danish

UNIT_WORDS = {
    "pct": "%",
    "personer": "personer",
    "samtaler": "samtaler",
    "uger": "uger",
    "maaneder": "måneder",
    "måneder": "måneder",
    "forloeb": "forløb",
    "forløb": "forløb",
    "job": "job",
    "fuldtidspersoner": "fuldtidspersoner",
    "pct_point": "pct.-point",
}
STATUS_ORDER = ("nået", "på vej", "ikke nået", "ingen data")
# Every status shown with its word and a symbol, never by colour alone (the app and the report).
STATUS_SYMBOL = {"nået": "✓", "på vej": "➜", "ikke nået": "✗", "ingen data": "?"}
REFERENCE_NAMES = {"landsgennemsnit": "landsgennemsnittet", "landsniveau": "landsniveauet", "klyngen": "klyngen"}


def status_label(status: str) -> str:
    """`✓ nået`, `✗ ikke nået`: the status with its symbol."""
    symbol = STATUS_SYMBOL.get(status)
    return f"{symbol} {status}" if symbol else status


def missing(*values: float | None) -> bool:
    return any(danish.is_missing(v) for v in values)


def amount(value: float | None, unit: str, decimals: int = 1) -> str:
    """`84.9, pct` -> `84,9 %`; `1.32, samtaler` -> `1,32 samtaler`; missing -> `–`."""
    if missing(value):
        return danish.MISSING
    word = UNIT_WORDS.get(unit, "")
    return f"{danish.number(value, decimals)} {word}".rstrip()


def difference(value: float | None, unit: str, decimals: int = 1) -> str:
    """The size of a difference, unsigned: `1,1 pct.-point` for shares, else the unit."""
    if missing(value):
        return danish.MISSING
    if unit == "pct":
        return f"{danish.number(abs(value), decimals)} pct.-point"
    return amount(abs(value), unit, decimals)


def _side(diff: float, decimals: int) -> str:
    shown = round(diff, decimals)
    return "over" if shown > 0 else "under" if shown < 0 else "på niveau med"


def origin_gap(gap: float | None, gap_year_before: float | None = None, decimals: int = 1) -> str:
    """`Ledigheden for borgere med ikke-vestlig baggrund er 3,1 pct.-point over øvrige borgeres`."""
    if missing(gap):
        return "Ledigheden for borgere med ikke-vestlig baggrund og øvrige borgere"
    side = _side(gap, decimals)
    if side == "på niveau med":
        text = "Ledigheden for borgere med ikke-vestlig baggrund er på niveau med øvrige borgeres"
    else:
        text = f"Ledigheden for borgere med ikke-vestlig baggrund er {difference(gap, 'pct', decimals)} {side} øvrige borgeres"
    if missing(gap_year_before):
        return text
    change = round(abs(gap) - abs(gap_year_before), decimals)
    if change == 0:
        return f"{text} – samme forskel som året før"
    word = "mindre" if change < 0 else "større"
    return f"{text} – forskellen er {difference(change, 'pct', decimals)} {word} end året før"


def against_target(
    label: str,
    value: float | None,
    comparator: str,
    low: float | None,
    high: float | None,
    unit: str,
    decimals: int = 1,
) -> str:
    """`Ballerup: 84,9 % i aktivt tilbud inden for 13 uger – 0,1 pct.-point under målet på 85 %`.

    `label` follows the value (`i aktivt tilbud …`); comparators as in the target table.
    """
    if missing(value):
        return f"{label[:1].upper()}{label[1:]}: ingen data"
    shown = f"{amount(value, unit, decimals)} {label}".strip()
    target_decimals = (
        0 if (low is None or float(low).is_integer()) and (high is None or float(high).is_integer()) else decimals
    )
    if comparator == ">=":
        gap = round(value - low, decimals)
        goal = amount(low, unit, target_decimals)
        return (
            f"{shown} – målet på mindst {goal} er nået"
            if gap >= 0
            else (f"{shown} – {difference(gap, unit, decimals)} under målet på {goal}")
        )
    if comparator == "<=":
        gap = round(value - high, decimals)
        goal = amount(high, unit, target_decimals)
        return (
            f"{shown} – målet på højst {goal} er nået"
            if gap <= 0
            else (f"{shown} – {difference(gap, unit, decimals)} over målet på {goal}")
        )
    if comparator in ("between", "="):
        goal = (
            amount(low, unit, target_decimals)
            if low == high
            else (f"{danish.number(low, target_decimals)}–{amount(high, unit, target_decimals)}")
        )
        if round(value, decimals) < low:
            return f"{shown} – {difference(low - value, unit, decimals)} under målet på {goal}"
        if round(value, decimals) > high:
            return f"{shown} – {difference(value - high, unit, decimals)} over målet på {goal}"
        return f"{shown} – inden for målet på {goal}"
    return shown


def against_reference(
    subject: str,
    value: float | None,
    reference: float | None,
    reference_name: str,
    unit: str,
    decimals: int = 1,
    label: str = "",
) -> str:
    """`Ballerup: 1,32 samtaler pr. ledig – 0,02 over landsgennemsnittet` (or `på niveau med …`)."""
    if missing(value):
        return f"{subject}: ingen data"
    shown = f"{subject}: {amount(value, unit, decimals)}{(' ' + label) if label else ''}"
    if missing(reference):
        return shown
    diff = value - reference
    side = _side(diff, decimals)
    if side == "på niveau med":
        return f"{shown} – på niveau med {reference_name}"
    return f"{shown} – {difference(diff, unit, decimals)} {side} {reference_name}"


def rank_in_region(subject: str, rank: int | None, count: int | None, region: str, limit: int | None = None) -> str:
    """`Ballerup er nr. 4 af 29 kommuner i Region Hovedstaden – inden for målet om top 10`."""
    if missing(rank, count):
        return f"{subject}s placering i {region}: ingen data"
    text = f"{subject} er nr. {int(rank)} af {int(count)} kommuner i {region}"
    if limit is None:
        return text
    if rank <= limit:
        return f"{text} – inden for målet om top {int(limit)}"
    places = int(rank - limit)
    return f"{text} – {places} {'plads' if places == 1 else 'pladser'} fra målet om top {int(limit)}"


def count_better(better: int, total: int, reference_name: str, subject: str) -> str:
    """`Ballerup klarer sig bedre end landsgennemsnittet på 4 af 6 målinger`."""
    if total == 0:
        return f"{subject} sammenlignet med {reference_name}: ingen data"
    if better == total:
        return f"{subject} klarer sig bedre end {reference_name} på alle {total} målinger"
    if better == 0:
        return f"{subject} klarer sig ikke bedre end {reference_name} på nogen af {total} målinger"
    return f"{subject} klarer sig bedre end {reference_name} på {better} af {total} målinger"


def long_cases(share: float | None, reference: float | None, group: str, reference_name: str) -> str:
    """`25,0 % af forløbene for aktivitetsparate har varet over 3 år (hele landet: 23,0 %)`."""
    if missing(share):
        return f"Forløbenes varighed for {group}: ingen data"
    text = f"{danish.percent(share)} af forløbene for {group} har varet over 3 år"
    return text if missing(reference) else f"{text} ({reference_name}: {danish.percent(reference)})"


def youth_rates(rate_16_24: float | None, rate_25_29: float | None, subject: str) -> str:
    """`Ledigheden i Ballerup er 11,2 % blandt de 25–29-årige og 5,9 % blandt de 16–24-årige`."""
    if missing(rate_16_24, rate_25_29):
        return f"Ledigheden blandt unge i {subject}"
    pairs = sorted([(rate_25_29, "25–29-årige"), (rate_16_24, "16–24-årige")], key=lambda p: -p[0])
    (high, high_name), (low, low_name) = pairs
    return f"Ledigheden i {subject} er {danish.percent(high)} blandt de {high_name} og {danish.percent(low)} blandt de {low_name}"


def status_summary(counts: Mapping[str, int]) -> str:
    """`4 af 23 mål er nået, 2 er på vej, 11 er ikke nået; 6 uden data`."""
    total = sum(counts.values())
    if total == 0:
        return "Ingen mål"
    reached = counts.get("nået", 0)
    parts = [f"{reached} af {total} mål er nået"]
    if counts.get("på vej"):
        parts.append(f"{counts['på vej']} er på vej")
    if counts.get("ikke nået"):
        parts.append(f"{counts['ikke nået']} er ikke nået")
    text = ", ".join(parts)
    return f"{text}; {counts['ingen data']} uden data" if counts.get("ingen data") else text


def target_label(comparator: str, value_text: str, unit: str) -> str:
    """The target as a short Danish phrase that says its direction: `mindst 85 %`, `højst 4 måneder`,
    `planlagt omfang 100 forløb` (a planned volume, judged as at least that, see docs/status.md),
    `interval 6–8 %`, `placering top 10 af 29`, `på niveau med landsgennemsnittet`."""
    word = UNIT_WORDS.get(unit.split()[0], "")
    tail = f" {word}".rstrip() if word else ""
    if unit.split()[0] == "forløb" and comparator in ("=", "between"):
        return f"planlagt omfang {value_text.replace('-', '–')}{tail}"
    if comparator == ">=":
        return f"mindst {value_text.replace('.', ',')}{tail}"
    if comparator == "<=":
        return f"højst {value_text.replace('.', ',')}{tail}"
    if comparator == "=":
        return f"præcis {value_text.replace('.', ',')}{tail}"
    if comparator == "between":
        return f"interval {value_text.replace('-', '–').replace('.', ',')}{tail}"
    if comparator == "rank<=":
        of = unit.split()[-1] if unit.startswith("rank of") else ""
        return f"placering top {value_text}" + (f" af {of}" if of else "")
    if comparator == "level_with":
        return f"på niveau med {REFERENCE_NAMES.get(value_text, value_text)}"
    return value_text


def count_change(what: str, value: float | None, change: float | None, when: str) -> str:
    """`1.234 modtagere af uddannelseshjælp i december 2022 – 56 færre end et år før`."""
    if missing(value):
        return f"{what[:1].upper()}{what[1:]}: ingen data"
    text = f"{danish.number(value)} {what} i {when}"
    if missing(change):
        return text
    if round(change) == 0:
        return f"{text} – lige så mange som et år før"
    return f"{text} – {danish.number(abs(change))} {'flere' if change > 0 else 'færre'} end et år før"


def gap_versus_area(gap: float | None, other_gap: float | None, subject: str, other_name: str) -> str:
    """`Forskellen i Ballerup (7,3 pct.-point) er 1,8 pct.-point mindre end i hele landet`."""
    if missing(gap):
        return f"Forskellen i ledighed mellem borgere med ikke-vestlig baggrund og øvrige borgere, {subject}"
    text = f"Forskellen i {subject} ({difference(gap, 'pct')})"
    if missing(other_gap):
        return text
    diff = round(abs(gap) - abs(other_gap), 1)
    if diff == 0:
        return f"{text} er den samme som i {other_name}"
    return f"{text} er {difference(diff, 'pct')} {'mindre' if diff < 0 else 'større'} end i {other_name}"


def origin_by_group(name: str, higher: int, total: int) -> str:
    """`Sagsvarighed: højere for borgere med ikke-vestlig baggrund end for øvrige i 4 af 5 målgrupper`."""
    if total == 0:
        return f"{name}: borgere med ikke-vestlig baggrund og øvrige borgere (ingen målgrupper med nok personer)"
    if higher == total:
        return f"{name}: højere for borgere med ikke-vestlig baggrund end for øvrige i alle {total} målgrupper"
    if higher == 0:
        return f"{name}: ikke højere for borgere med ikke-vestlig baggrund end for øvrige i nogen af {total} målgrupper"
    return f"{name}: højere for borgere med ikke-vestlig baggrund end for øvrige i {higher} af {total} målgrupper"
