"""Overblik against the documents (issue 16, section 5): the cluster of comparable
municipalities as a comparison area, and plan 2018's yearly figures beside the monthly series."""

from apptest import run_page
from focus_checks import table


def test_sammenlign_klynge_compares_with_the_cluster_marked_as_assumed(app_db):
    at = run_page("overblik", {"sammenlign": "klynge", "fra": "2020-01", "til": "2020-09"})
    assert not at.exception and not at.info
    areas = table(at, "Ledighed")["Område"].tolist()
    assert any(a.startswith("Klyngen (antaget") for a in areas)


def test_plan_2018s_yearly_figures_stand_beside_the_monthly_series(app_db):
    at = run_page("overblik", {"fra": "2015-01", "til": "2017-12"})
    assert not at.exception
    annual = table(at, "Gennemsnit af månedstallene").set_index(["Tal", "Område", "År"])
    assert annual.loc[("Ledighedsprocent", "Ballerup", "2017"), "Angivet"] == "3,9 %"
    assert annual.loc[("Ledighedsprocent", "Hele landet", "2017"), "Angivet"] == "4,4 %"
    assert annual.loc[("Forsørgertryk", "Ballerup", "2015"), "Angivet"] == "27 %"
    assert annual.loc[("Forsørgertryk", "Ballerup", "2017"), "Kilde"].startswith("Beskæftigelsesplan 2018")


def test_the_yearly_figures_follow_the_chosen_period(app_db):
    at = run_page("overblik", {"fra": "2019-01", "til": "2020-09"})
    assert not at.exception
    assert not [t for t in at.table if "Gennemsnit af månedstallene" in t.value.columns]


def test_a_month_before_plan_2018_shows_none_of_its_yearly_figures(app_db):
    """Issue 16 §2: the plan (published 2017) was not known in June 2016."""
    at = run_page("overblik", {"fra": "2015-01", "til": "2016-06"})
    assert not at.exception
    assert not [t for t in at.table if "Gennemsnit af månedstallene" in t.value.columns]


def test_the_mean_of_a_year_not_yet_over_is_not_shown(app_db):
    at = run_page("overblik", {"fra": "2015-01", "til": "2017-06"})
    annual = table(at, "Gennemsnit af månedstallene").set_index(["Tal", "Område", "År"])
    assert annual.loc[("Ledighedsprocent", "Ballerup", "2017"), "Gennemsnit af månedstallene"] == "–"
    assert annual.loc[("Forsørgertryk", "Ballerup", "2015"), "Gennemsnit af månedstallene"] != "–"


def test_on_a_phone_the_yearly_figures_keep_the_stated_figure_and_its_source_in_three_columns(app_db, monkeypatch):
    from dashboard import ui

    monkeypatch.setattr(ui, "on_phone", lambda: True)
    at = run_page("overblik", {"fra": "2015-01", "til": "2017-12"})
    assert not at.exception
    annual = table(at, "Angivet")
    assert list(annual.columns) == ["Tal", "Angivet", "Kilde"]
    stated = annual.set_index("Tal")
    assert stated.loc["Ledighedsprocent, Hele landet 2017", "Angivet"] == "4,4 %"
    assert stated.loc["Forsørgertryk, Ballerup 2015", "Kilde"].startswith("Beskæftigelsesplan 2018")
    assert any("Gennemsnittet af månedstallene" in c.value and "CSV-filen" in c.value for c in at.caption)
