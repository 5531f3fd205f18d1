"""The sentence builders that title the focus-area charts."""

import math

import pytest

from dashboard import findings


def test_origin_gap_states_size_and_side_in_danish():
    assert findings.origin_gap(3.1) == (
        "Ledigheden for borgere med ikke-vestlig baggrund er 3,1 pct.-point over øvrige borgeres"
    )
    assert findings.origin_gap(-0.4).endswith("0,4 pct.-point under øvrige borgeres")


def test_origin_gap_within_rounding_is_level():
    assert findings.origin_gap(0.04).endswith("på niveau med øvrige borgeres")


def test_origin_gap_says_whether_the_gap_shrank():
    assert findings.origin_gap(7.0, 7.6).endswith("forskellen er 0,6 pct.-point mindre end året før")
    assert findings.origin_gap(7.6, 7.0).endswith("forskellen er 0,6 pct.-point større end året før")
    assert findings.origin_gap(7.0, 7.0).endswith("samme forskel som året før")


def test_origin_gap_without_data_is_neutral():
    assert "pct.-point" not in findings.origin_gap(None)
    assert "pct.-point" not in findings.origin_gap(math.nan)


def test_against_a_minimum_target_below_and_reached():
    below = findings.against_target("i aktivt tilbud inden for 13 uger", 84.9, ">=", 85, 85, "pct")
    assert below == "84,9 % i aktivt tilbud inden for 13 uger – 0,1 pct.-point under målet på 85 %"
    assert findings.against_target("i aktivt tilbud", 85.0, ">=", 85, 85, "pct").endswith(
        "målet på mindst 85 % er nået"
    )


def test_against_a_maximum_and_a_range_target():
    assert findings.against_target("i gennemsnit", 7.4, "<=", None, 4, "maaneder").endswith(
        "3,4 måneder over målet på 4 måneder"
    )
    assert (
        findings.against_target("", 306, "between", 300, 320, "forloeb", 0)
        == "306 forløb – inden for målet på 300–320 forløb"
    )
    assert findings.against_target("", 96, "=", 100, 100, "forloeb", 0).endswith("4 forløb under målet på 100 forløb")


def test_against_target_without_a_value():
    assert findings.against_target("samarbejdsgrad", None, ">=", 20, 20, "pct").endswith("ingen data")


def test_against_reference_uses_the_unit_of_the_indicator():
    text = findings.against_reference("Ballerup", 1.32, 1.30, "landsgennemsnittet", "samtaler", 2, "pr. ledig")
    assert text == "Ballerup: 1,32 samtaler pr. ledig – 0,02 samtaler over landsgennemsnittet"
    assert findings.against_reference("Ballerup", 60.0, 62.0, "landsniveauet", "pct").endswith(
        "2,0 pct.-point under landsniveauet"
    )
    assert findings.against_reference("Ballerup", 62.02, 61.98, "landsniveauet", "pct").endswith(
        "på niveau med landsniveauet"
    )


def test_rank_in_region_with_and_without_reaching_the_limit():
    assert findings.rank_in_region("Ballerup", 4, 29, "Region Hovedstaden", 10) == (
        "Ballerup er nr. 4 af 29 kommuner i Region Hovedstaden – inden for målet om top 10"
    )
    assert findings.rank_in_region("Ballerup", 11, 29, "Region Hovedstaden", 10).endswith("1 plads fra målet om top 10")
    assert findings.rank_in_region("Ballerup", 14, 29, "Region Hovedstaden", 10).endswith(
        "4 pladser fra målet om top 10"
    )
    assert findings.rank_in_region("Ballerup", 10, 29, "Region Hovedstaden", 10).endswith("inden for målet om top 10")


def test_count_better_counts():
    assert findings.count_better(4, 6, "landsgennemsnittet", "Ballerup") == (
        "Ballerup klarer sig bedre end landsgennemsnittet på 4 af 6 målinger"
    )
    assert "alle 6" in findings.count_better(6, 6, "landsgennemsnittet", "Ballerup")
    assert "ikke bedre" in findings.count_better(0, 6, "landsgennemsnittet", "Ballerup")


def test_long_cases_and_youth_rates():
    assert findings.long_cases(25.0, 23.0, "aktivitetsparate", "hele landet") == (
        "25,0 % af forløbene for aktivitetsparate har varet over 3 år (hele landet: 23,0 %)"
    )
    assert findings.youth_rates(5.9, 11.2, "Ballerup") == (
        "Ledigheden i Ballerup er 11,2 % blandt de 25–29-årige og 5,9 % blandt de 16–24-årige"
    )
    assert findings.youth_rates(12.0, 11.2, "Ballerup").startswith(
        "Ledigheden i Ballerup er 12,0 % blandt de 16–24-årige"
    )


def test_status_summary():
    assert findings.status_summary({"nået": 4, "på vej": 2, "ikke nået": 11, "ingen data": 6}) == (
        "4 af 23 mål er nået, 2 er på vej, 11 er ikke nået; 6 uden data"
    )
    assert findings.status_summary({"nået": 1}) == "1 af 1 mål er nået"


@pytest.mark.parametrize(
    ("comparator", "value", "unit", "expected"),
    [
        (">=", "85", "pct", "mindst 85 %"),
        ("<=", "4", "måneder", "højst 4 måneder"),
        ("between", "6-8", "pct", "interval 6–8 %"),
        ("between", "300-320", "forløb", "planlagt omfang 300–320 forløb"),
        ("=", "100", "forløb", "planlagt omfang 100 forløb"),
        ("=", "100", "pct", "præcis 100 %"),
        ("rank<=", "10", "rank of 29", "placering top 10 af 29"),
        ("level_with", "landsgennemsnit", "pct", "på niveau med landsgennemsnittet"),
    ],
)
def test_target_label(comparator, value, unit, expected):
    assert findings.target_label(comparator, value, unit) == expected


def test_count_change():
    assert findings.count_change("modtagere af uddannelseshjælp", 1234, -56, "december 2022") == (
        "1.234 modtagere af uddannelseshjælp i december 2022 – 56 færre end et år før"
    )
    assert findings.count_change("modtagere", 460, 12, "maj 2020").endswith("12 flere end et år før")
    assert findings.count_change("modtagere", 460, 0.2, "maj 2020").endswith("lige så mange som et år før")
    assert findings.count_change("modtagere", None, None, "maj 2020") == "Modtagere: ingen data"


def test_gap_versus_area():
    assert findings.gap_versus_area(7.3, 9.1, "Ballerup", "hele landet") == (
        "Forskellen i Ballerup (7,3 pct.-point) er 1,8 pct.-point mindre end i hele landet"
    )
    assert findings.gap_versus_area(9.5, 9.1, "Ballerup", "hele landet").endswith(
        "0,4 pct.-point større end i hele landet"
    )
    assert findings.gap_versus_area(9.1, 9.1, "Ballerup", "hele landet").endswith("den samme som i hele landet")


def test_origin_by_group():
    assert findings.origin_by_group("Sagsvarighed", 4, 5) == (
        "Sagsvarighed: højere for borgere med ikke-vestlig baggrund end for øvrige i 4 af 5 målgrupper"
    )
    assert "alle 5" in findings.origin_by_group("Sagsvarighed", 5, 5)
    assert "ingen målgrupper" in findings.origin_by_group("Sanktioner", 0, 0)
