"""The source categories the importers understand, and what they become in the dashboard.

Codes are Statistics Denmark's (`valuePresentation=Code`); the Danish labels, the English
labels of `lang=en` and code and label together (`CodeAndValue`) are accepted too, so a
table saved from statistikbanken.dk or Jobindsats with texts imports the same.
"""

from __future__ import annotations

from dashboard.importers.cells import Dimension, value

BANDS = ("16-24", "25-29", "30-39", "40-49", "50-59", "60-64")


def gender(column: str) -> Dimension:
    return Dimension(
        column,
        "gender",
        [
            value("TOT", "I alt", "Køn i alt", "Begge køn", "Alle", "Total", "Sex, total", to="alle"),
            value("M", "1", "Mænd", "Mand", "Men", to="maend"),
            value("K", "2", "Kvinder", "Kvinde", "Women", to="kvinder"),
        ],
    )


def age(column: str, *, sums: bool) -> Dimension:
    """Age bands; `60 år og derover` becomes 60–64 (the 16–64-year-old labour force).

    With `sums`, five-year bands are added up to the dashboard's ten-year bands (counts
    only: a rate cannot be summed).
    """
    values = [
        value("TOT", "Alder i alt", "I alt", "Alle aldre", "16-64 år", "Age, total", "Total", to="alle"),
        value("16-24", "16-24 år", "16-24 years", to="16-24"),
        value("25-29", "25-29 år", "25-29 years", to="25-29"),
        value("30-39", "30-39 år", "30-39 years", to="30-39"),
        value("40-49", "40-49 år", "40-49 years", to="40-49"),
        value("50-59", "50-59 år", "50-59 years", to="50-59"),
        value("6099", "60 år og derover", "60 år+", "60+ år", "60-64", "60-64 år", "60 years and over", to="60-64"),
        value("UNDER16", "Under 16 år", "0-15 år", "Under 16 years"),
        value("65+", "65 år og derover", "65 år+", "65-69 år", "65 years and over"),
        value("UOPL", "Uoplyst", "Uoplyst alder", "Not stated"),
    ]
    if sums:
        for low in (30, 40, 50):
            band = f"{low}-{low + 9}"
            for first in (low, low + 5):
                span = f"{first}-{first + 4}"
                values.append(value(span, f"{span} år", f"{span} years", to=band, recipe="5"))
    return Dimension(column, "age_band", values)


def single_years(column: str) -> Dimension:
    """FOLK1E's one-year ages: 16–64 summed into bands and into `alle` (all 16–64-year-olds)."""
    values = [value("IALT", "Alder i alt", "I alt")]
    for n in range(126):
        targets: tuple[str, ...] = ()
        if 16 <= n <= 64:
            band = next(b for b in BANDS if int(b[:2]) <= n <= int(b[3:]))
            targets = (band, "alle")
        values.append(value(str(n), f"{n} år", to=targets))
    return Dimension(column, "age_band", values)


def origin(column: str) -> Dimension:
    """`vestlig`/`ikke-vestlig` are immigrants and descendants together, as in the plans."""
    return Dimension(
        column,
        "origin",
        [
            value("TOT", "I alt", "Alle", "Herkomst i alt", "Oprindelse i alt", to="alle"),
            value("1", "Personer med dansk oprindelse", "Dansk oprindelse", "Dansk", to="dansk"),
            value(
                "V",
                "Indvandrere og efterkommere fra vestlige lande",
                "Vestlige lande",
                "Vestlig oprindelse",
                "Vestlig",
                to="vestlig",
            ),
            value(
                "NV",
                "Indvandrere og efterkommere fra ikke-vestlige lande",
                "Ikke-vestlige lande",
                "Ikke-vestlig oprindelse",
                "Ikke-vestlig",
                to="ikke-vestlig",
            ),
            value("24", "Indvandrere fra vestlige lande", to="vestlig", recipe="split"),
            value("34", "Efterkommere fra vestlige lande", to="vestlig", recipe="split"),
            value("25", "Indvandrere fra ikke-vestlige lande", to="ikke-vestlig", recipe="split"),
            value("35", "Efterkommere fra ikke-vestlige lande", to="ikke-vestlig", recipe="split"),
            value("UOPL", "Uoplyst", "Uoplyst herkomst"),
        ],
    )
