"""Mål og planer through AppTest."""

import csv
from datetime import date

import pytest
from apptest import run_page
from focus_checks import assert_falls_back_with_notice, table, titles

from dashboard.danish import MONTHS_DA
from dashboard.db import run_query
from dashboard.settings import PROJECT_ROOT
from dashboard.views import maal


def seed_targets():
    with (PROJECT_ROOT / "data" / "seed_targets.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_maal_lists_every_target_with_status_and_source(app_db):
    at = run_page("maal")
    assert not at.exception
    assert at.title[0].value == "Mål og planer"
    targets = table(at, "Målværdi")
    assert len(targets) == len(seed_targets())
    assert set(targets["Mål"]) == {t["indicator_text"] for t in seed_targets()}
    assert all(k.startswith(("Beskæftigelsesplan", "Referat")) for k in targets["Målets kilde"])
    assert sum(int(m.value) for m in at.metric) == len(seed_targets())
    assert titles(at)[0].endswith("uden data") or "mål er nået" in titles(at)[0]


def test_a_demo_value_is_credited_to_demo_data_not_to_the_plan(app_db):
    targets = table(run_page("maal"), "Målværdi")
    measured = targets[targets["Seneste værdi"] != "–"]
    assert not measured.empty
    assert (measured["Kilde til seneste værdi"] == "Demodata – genererede tal, ikke rigtige").all()
    assert (targets.loc[targets["Seneste værdi"] == "–", "Kilde til seneste værdi"] == "–").all()


def test_a_plan_not_yet_begun_says_when_it_applies_and_each_target_its_direction(app_db):
    targets = table(run_page("maal", {"til": "2020-06"}), "Målværdi").set_index("Mål")
    assert (
        targets.loc["Borgere i aktivt tilbud inden for 13 uger", "Seneste værdi"]
        == "planen gælder fra 2021 (vedtaget december 2020)"
    ), "a plan not begun says when it applies, and that it was adopted after the chosen month"
    assert targets.loc["Løntilskud i alt", ["Retning", "Målværdi"]].tolist() == [
        "planlagt omfang",
        "planlagt omfang 100 forløb",
    ]
    assert set(targets["Retning"]) <= {
        "mindst",
        "højst",
        "planlagt omfang",
        "interval",
        "placering",
        "på niveau med",
        "flere",
    }


def last_month_of(period: str) -> date:
    """`december 2015` -> 2015-12-01; a year `2015` -> its last month."""
    *month, year = period.split()
    return date(int(year), MONTHS_DA.index(month[0]) + 1 if month else 12, 1)


def test_june_2016_uses_no_value_after_june_2016(app_db):
    """Issue 16 §2: the latest values end by the chosen month, and plan 2018's results wait for 2018."""
    at = run_page("maal", {"til": "2016-06"})
    targets = table(at, "Målværdi")
    periods = [last_month_of(p) for p in targets["Periode"] if p != "–"]
    assert periods and max(periods) <= date(2016, 6, 1)
    for nth in (0, 1):
        assert set(table(at, "Redskab", nth)["Målt 2018"]) == {"–"}
    waiting = [t for t in titles(at) if "2018" in t]
    assert len(waiting) == 2
    assert all(
        "ingen målte tal til og med juni 2016; tallene for hele 2018 foreligger fra december 2018" in t for t in waiting
    )
    plan_2018 = targets[targets["Plan"] == "Beskæftigelsesplan 2018"]
    assert set(plan_2018["Seneste værdi"]) == {"planen gælder fra 2018 (vedtaget 2017)"}


def test_the_2018_activation_table_is_exactly_as_the_plan_states(app_db):
    at = run_page("maal")
    share = table(at, "Redskab", 0).set_index("Redskab")
    assert share.loc["Andel aktiverede borgere", ["Realiseret 2016", "Forventet 2017", "Mål 2018"]].tolist() == [
        "40 pct.",
        "38 pct.",
        "40 pct.",
    ]
    assert share.loc["Heraf ordinær uddannelse", "Mål 2018"] == "6-8 pct."
    courses = table(at, "Redskab", 1).set_index("Redskab")
    assert courses.loc[
        "Virksomhedspraktik i alt (løbende forløb)", ["Realiseret 2016", "Forventet 2017", "Mål 2018"]
    ].tolist() == ["320", "250", "300-320"]
    assert courses.loc["Nyttejob", ["Realiseret 2016", "Forventet 2017", "Mål 2018"]].tolist() == ["80", "60", "50-70"]


def test_the_chosen_month_changes_the_latest_values(app_db):
    now = table(run_page("maal"), "Målværdi").set_index("Mål")["Seneste værdi"]
    then = table(run_page("maal", {"til": "2021-06"}), "Målværdi").set_index("Mål")["Seneste værdi"]
    assert now["Borgere i aktivt tilbud inden for 13 uger"] != then["Borgere i aktivt tilbud inden for 13 uger"]
    assert now["Andel aktiverede borgere"] == then["Andel aktiverede borgere"], "a 2018 target is judged on 2018"


def test_a_document_link_opens_the_plan_text(app_db):
    at = run_page("maal", {"dokument": "plan-2018"})
    assert not at.exception and not at.info
    assert any("Aktiveringsomfang" in t.value for t in at.text)
    assert "/maal?dokument=plan-2021" in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("params", [{"dokument": "../../etc/passwd"}, {"til": "2099-01"}, {"ukendt": "zzz"}])
def test_bad_parameters_fall_back_with_a_notice(app_db, params):
    at = run_page("maal", params)
    assert_falls_back_with_notice(at, params)
    assert not at.text


@pytest.fixture(scope="module")
def targets_2020(built_con):
    params = {"geo_code": "151", "as_of": date(2020, 9, 1), "focus_area": None}
    return run_query(built_con, "target_status", params, min_persons=5)


def test_every_status_is_shown_with_its_word_and_a_symbol_in_table_and_chart(targets_2020):
    shown = set(maal.target_table(targets_2020)["Status"])
    assert shown and shown <= {"✓ nået", "➜ på vej", "✗ ikke nået", "? ingen data"}
    legend = maal.status_chart(targets_2020)["encoding"]["color"]
    assert legend["field"] == "status_label" and legend["scale"]["domain"][0] == "✓ nået"


def test_on_a_phone_the_target_table_has_four_columns_and_names_the_plan_in_the_target(targets_2020):
    wide, phone = maal.target_table(targets_2020), maal.target_table(targets_2020, phone=True)
    assert list(phone.columns) == ["Mål", "Målværdi", "Seneste værdi", "Status"]
    assert len(phone) == len(wide)
    assert phone["Mål"].iloc[0] == f"{wide['Mål'].iloc[0]} (plan {wide['Plan'].iloc[0].split()[-1]})"
    assert maal.PHONE_TABLE_NOTE in maal.target_note(phone=True) and maal.PHONE_TABLE_NOTE not in maal.target_note()


def test_on_a_phone_the_status_chart_names_the_plans_by_their_years(targets_2020):
    axis = maal.status_chart(targets_2020, phone=True)["encoding"]["y"]["axis"]
    assert axis["labelExpr"] == maal.PHONE_PLAN_LABEL
    assert "labelExpr" not in maal.status_chart(targets_2020)["encoding"]["y"]["axis"], "the desktop keeps full names"


def test_on_a_phone_the_2018_activation_tables_keep_target_measured_and_status(app_db, monkeypatch):
    from dashboard import ui
    from dashboard.views.maal import PHONE_ACTIVATION_COLUMNS

    wide = table(run_page("maal"), "Redskab", 1).set_index("Redskab")
    monkeypatch.setattr(ui, "on_phone", lambda: True)
    at = run_page("maal")
    narrow = table(at, "Redskab", 1)
    assert tuple(narrow.columns) == PHONE_ACTIVATION_COLUMNS
    assert narrow.set_index("Redskab").equals(wide[list(PHONE_ACTIVATION_COLUMNS[1:])])
    assert any("Realiseret 2016 og forventet 2017 står i CSV-filen" in c.value for c in at.caption)
