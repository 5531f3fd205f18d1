"""The quarterly report: every page's own content, for a chosen month, as HTML and PDF."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard import report as rep
from dashboard.cli import main
from dashboard.content import PageContent, Section

sys.path.insert(0, str(Path(__file__).parent / "pages"))
from dashboard.nav import VIEWS, existing_views
from dashboard.settings import using_database


@pytest.fixture(scope="module")
def on_built_db(built_db):
    with using_database(built_db):
        yield built_db


@pytest.fixture(scope="module")
def september(on_built_db):
    return rep.build("2020-09")


@pytest.fixture(scope="module")
def document(september):
    return rep.to_html(september)


def test_report_has_every_page_in_document_order_each_with_content(september):
    assert [p.view for p in september.pages] == existing_views()
    assert september.pages[0].view is VIEWS[0]
    for page in september.pages:
        assert page.error is None, page.view.path
        assert page.content.title and (page.content.sections or page.content.kpis), page.view.path


def test_each_page_ends_with_the_chosen_month_and_spans_three_years(september):
    overblik = september.pages[0]
    assert overblik.values["til"] == "2020-09"
    assert overblik.values["fra"] == "2017-10"


def test_the_report_holds_what_the_page_shows_for_the_same_link(september, app_db):
    from apptest import run_page

    shown = run_page("overblik", {"fra": "2017-10", "til": "2020-09"})
    recorded = september.pages[0].content
    assert [s.title for s in recorded.sections] == [s.value for s in shown.subheader]
    assert [k.value for k in recorded.kpis] == [m.value for m in shown.metric]


def test_overblik_shows_the_documented_rate_for_september_2020(september, document):
    kpis = {k.label: k.value for k in september.pages[0].content.kpis}
    assert kpis["Ledighedsprocent (alle ledige)"] == "4,3 %"
    assert "Ledigheden i Ballerup var 4,3 % i september 2020" in document
    assert "Referat, Erhvervs- og Beskæftigelsesudvalget 8. december 2020" in document


def test_every_section_has_its_chart_source_line_and_demo_marker(september, document):
    from dashboard.ui import nothing_drawn

    sections = [s for p in september.pages for s in p.content.sections]
    charts = [s for s in sections if s.chart is not None and not s.frame.empty]
    drawn = [s for s in charts if nothing_drawn(s.chart, s.frame) is None]
    assert document.count('<img class="chart"') == len(drawn) > 0
    assert document.count('<p class="empty">Intet at tegne') == len(charts) - len(drawn)
    assert document.count('<p class="source">Kilde: ') == len(sections)
    demo = [s for s in sections if "quality" in s.frame.columns and (s.frame["quality"] == "demo").any()]
    kpi_markers = sum(p.content.kpis_demo for p in september.pages)
    assert document.count('<p class="demo">') == len(demo) + kpi_markers
    assert "Demodata." in document, "the cover says the report holds demo data"


def test_focus_area_pages_carry_their_targets_with_a_status(september, document):
    with_targets = [p for p in september.pages if p.content.targets]
    assert with_targets, "the focus-area pages quote their targets"
    statuses = {line["status"] for p in with_targets for line in p.content.targets}
    assert statuses <= {"nået", "på vej", "ikke nået", "ingen data"}
    assert document.count("<h3>Mål og status</h3>") == len(with_targets)
    assert document.count('<div class="target">') == sum(len(p.content.targets) for p in with_targets)


def test_charts_are_drawn_with_the_danish_locale(september):
    rates = september.pages[0].content.sections[0]
    svg = rep.chart_svg(rates.chart)
    assert "okt. 2017" in svg
    assert re.search(r">\d,\d<", svg), "tick labels with a decimal comma"
    assert not re.search(r">\d\.\d<", svg)


def test_text_from_the_data_is_escaped_not_rendered_as_html(on_built_db):
    hostile = "<img src=x onerror=alert(1)>"
    frame = pd.DataFrame({"month": [pd.Timestamp("2020-09-01")], "value": [1.0], "source": [hostile]})
    content = PageContent(sections=[Section("<script>alert(1)</script>", None, frame, "x")])
    recorded = rep.Recorded(sections=content.sections, title="<i>t</i>")
    page = rep.ReportPage(VIEWS[0], "<b>lead</b>", {}, recorded)
    html = rep.to_html(rep.Report("2020-09", [page]))
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html and "<b>lead" not in html and "<i>t" not in html


@pytest.fixture(scope="module")
def printed_september(document):
    return rep.laid_out(document)


@pytest.fixture(scope="module")
def pdf(printed_september) -> bytes:
    return printed_september[1].write_pdf()


@pytest.fixture(scope="module", params=["2020-09", "nyeste"])
def printed(request, printed_september):
    """The report of September 2020 and of the newest month (the app's default), laid out."""
    if request.param == "2020-09":
        return printed_september[1]
    from dashboard import ui

    request.getfixturevalue("on_built_db")
    newest = rep.build(ui.standard_choices(["til"])[0].default)
    return rep.laid_out(rep.to_html(newest))[1]


@pytest.fixture(scope="module")
def pictures(printed, tmp_path_factory) -> list:
    """Each PDF page as a greyscale picture (pdftoppm, 30 dpi)."""
    import shutil
    import subprocess

    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm mangler (Debian: apt-get install poppler-utils)")
    folder = tmp_path_factory.mktemp("sider")
    (folder / "r.pdf").write_bytes(printed.write_pdf())
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "r.pdf", "side"], cwd=folder, check=True)
    return [Image.open(path).convert("L") for path in sorted(folder.glob("side-*.png"))]


DPI = 30
INK = 200  # darker than this is ink (anti-aliased edges of nothing stay lighter)


def mm(length: float) -> int:
    return round(length / 25.4 * DPI)


def ink_height(picture, box: tuple[int, int, int, int]) -> int:
    """How high the drawn part of `box` is (0 when nothing is drawn in it)."""
    found = picture.crop(box).point(lambda v: 255 if v < INK else 0).getbbox()
    return found[3] - found[1] if found else 0


def inked(picture, box: tuple[int, int, int, int]) -> bool:
    return ink_height(picture, box) > 0


def test_the_report_is_at_most_15_pages(printed):
    assert len(printed.pages) <= 15, "a summary page, then one to two pages per view"


def test_pdf_starts_with_the_main_findings(september, document, pdf):
    assert pdf.startswith(b"%PDF-")
    first = document.index('<div class="page"')
    assert "<h2>Hovedbudskaber</h2>" in document[:first]
    for page in september.pages:
        for title, _ in rep.findings_of(page):
            assert f"<li>{rep._e(title)}" in document[:first], title


def test_no_pdf_page_is_blank_or_has_ink_outside_the_page_box(pictures):
    """The page box is A4 less the margins (14 mm at the sides and top, 18 mm at the
    bottom, where the footer line sits at about 9 mm): nothing may be drawn in the outer
    13 mm, nor between the footer and the page box. A page whose content is less than a
    tenth of the page box high (a heading left behind by its chart) counts as blank."""
    assert pictures
    for number, picture in enumerate(pictures, start=1):
        width, height = picture.size
        inside = (mm(14), mm(14), width - mm(14), height - mm(18))
        assert ink_height(picture, inside) > (inside[3] - inside[1]) / 10, f"side {number} er (næsten) tom"
        for name, strip in {
            "venstre margen": (0, 0, mm(13), height),
            "højre margen": (width - mm(13), 0, width, height),
            "top": (0, 0, width, mm(13)),
            "under indholdet": (0, height - mm(17), width, height - mm(12)),
        }.items():
            assert not inked(picture, strip), f"side {number}: indhold i {name}"


def test_long_tables_show_their_first_rows_and_the_home_row_and_say_where_the_rest_is():
    table = pd.DataFrame({"Placering": range(1, 99), "Kommune": [f"K{i}" for i in range(1, 99)]})
    assert rep.shown_rows(98, [1], 10) == list(range(10))
    assert rep.shown_rows(98, [40], 10) == [*range(10), 39, 40, 41]
    assert rep.shown_rows(8, [], 10) == list(range(8))
    html = rep._table_html(table, [40], 10)
    assert html.count("<tr") == 1 + 13 + 1, "header, 13 rows and one «…» row"
    assert '<tr class="home"><td>41</td><td>K41</td></tr>' in html
    assert "Tabellen viser 13 af 98 rækker" in html and "CSV" in html


def test_command_line_writes_pdf_and_html(on_built_db, tmp_path, capsys):
    pdf, html = tmp_path / "noegletal.pdf", tmp_path / "noegletal.html"
    assert main(["report", "--period", "2020-09", "--out", str(pdf), "--html", str(html)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert "Nøgletal på beskæftigelsesområdet" in html.read_text(encoding="utf-8")
    assert "Overblik" in capsys.readouterr().out


@pytest.mark.parametrize("period", ["2030-01", "2020-13", "sep-2020"])
def test_command_line_refuses_a_month_not_in_the_database_with_a_danish_message(on_built_db, tmp_path, capsys, period):
    out = tmp_path / "x.pdf"
    assert main(["report", "--period", period, "--out", str(out)]) == 2
    assert "findes ikke i databasen" in capsys.readouterr().err
    assert not out.exists()


def test_a_failing_page_is_named_in_the_report_and_the_others_stay(on_built_db, monkeypatch, tmp_path, capsys):
    real = rep.record_page
    broken = existing_views()[-1]

    def record(view, params):
        if view is broken:
            raise RuntimeError("boom")
        return real(view, params)

    monkeypatch.setattr(rep, "record_page", record)
    report = rep.build("2020-09")
    assert [p.view for p in report.pages if p.error] == [broken]
    assert "Siden kunne ikke dannes til rapporten" in rep.to_html(report)
    assert main(["report", "--period", "2020-09", "--html", str(tmp_path / "r.html")]) == 1
    assert broken.title in capsys.readouterr().err


def page_of(report, path):
    return next(p for p in report.pages if p.view.path == path)


def test_a_september_2020_report_shows_the_benchmark_published_by_then(september):
    bench = page_of(september, "benchmark")
    assert bench.values["periode"] == "2019h2-2020h1"
    assert bench.content.kpis[0].value == "7. plads af 98"
    history = next(s.frame for s in bench.content.sections if "period_label" in s.frame.columns)
    assert history["period"].max() == "2019h2-2020h1"
    cited = next(s.frame for s in bench.content.sections if "fact_id" in s.frame.columns)
    assert all(str(p) <= "2020-09" for p in cited["published"].dropna())


def test_the_reports_benchmark_ranking_draws_the_short_list_whose_names_print_readably(september):
    from dashboard.ui import first_frame

    ranking = next(s for s in page_of(september, "benchmark").content.sections if s.key == "benchmark-placering")
    assert len(ranking.frame) == 98
    drawn = first_frame(ranking.chart)
    assert 10 <= len(drawn) < 98 and drawn["is_home"].any(), "the top 10 and Ballerup's block, not 98 thin bars"
    assert ranking.note == "Figuren viser de 10 bedste og Ballerup med de to kommuner over og under."


def test_a_september_2020_report_leaves_out_figures_of_later_minutes(september, document):
    covid = page_of(september, "covid-19")
    assert not any("25. november 2020" in k.label for k in covid.content.kpis)
    assert "2021" not in " ".join(s.title for s in covid.content.sections)
    challenges = page_of(september, "udfordringer")
    cited = [s.frame for s in challenges.content.sections if "fact_id" in s.frame.columns]
    assert cited and not any(frame["source"].str.contains("8. december 2020").any() for frame in cited)


def test_a_cut_table_says_where_the_whole_table_is_with_the_pages_link(document):
    assert "Tabellen viser 10 af 98 rækker" in document
    link = "/benchmark?sammenlign=hele-landet&amp;periode=2019h2-2020h1&amp;ydelse=i-alt"
    assert f"Hele tabellen findes i dashboardet på siden «Benchmark» ({link})" in document


def views_document(*heights: tuple[int, ...]) -> str:
    """Views whose content is unbreakable blocks of the given heights (mm)."""
    views = "".join(
        f'<div class="page" id="v{n}"><h2>V{n}</h2>'
        + "".join(f'<div style="height: {h}mm; break-inside: avoid; background: #ccc"></div>' for h in blocks)
        + "</div>"
        for n, blocks in enumerate(heights)
    )
    return f"<html><head><style>{rep.CSS}</style></head><body><p>Forside</p>{views}</body></html>"


def views_per_page(layout) -> list[list[str]]:
    return [[f.element.get("id") for f in rep._view_fragments(page._page_box)] for page in layout.pages]


def test_a_view_follows_on_the_page_before_when_it_fits_in_what_that_page_leaves():
    document, layout = rep.laid_out(views_document((90,), (90,), (200,), (150,)))
    assert views_per_page(layout) == [[], ["v0", "v1"], ["v2"], ["v3"]]
    assert '<div class="page follows" id="v1">' in document
    assert document.count('class="page follows"') == 1


def test_a_long_view_starts_on_a_page_of_its_own_after_one_that_ends_low_on_its_page():
    _, layout = rep.laid_out(views_document((160,), (150, 150)))
    assert views_per_page(layout) == [[], ["v0"], ["v1"], ["v1"]]


def test_a_short_view_that_fits_whole_under_the_one_before_follows_it():
    _, layout = rep.laid_out(views_document((160,), (60,)))
    assert views_per_page(layout) == [[], ["v0", "v1"]]


def test_a_long_view_follows_when_that_saves_a_page():
    _, layout = rep.laid_out(views_document((80,), (150, 150)))
    assert views_per_page(layout) == [[], ["v0", "v1"], ["v1"]]


def test_half_width_sections_run_in_columns_and_one_alone_joins_the_next_run():
    sections = [("a", True), ("b", False), ("c", True), ("d", False), ("e", False), ("f", True), ("g", False)]
    assert rep.beside_each_other(sections) == ["a", "c", ["b", "d", "e"], "f", ["g"]]
    assert rep.beside_each_other([("b", False), ("c", False), ("d", True), ("e", False)]) == [["b", "c"], "d", ["e"]]


def event_chart(label: str) -> dict:
    from dashboard.charts import dict_chart, layer

    line = dict_chart(
        pd.DataFrame({"week": pd.to_datetime(["2020-03-02", "2020-06-01"]), "value": [1.0, 2.0]}),
        {"type": "line"},
        {
            "x": {"field": "week", "type": "temporal"},
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": "Indeks (12. marts 2020 = 100) (aksen starter ikke ved 0)",
            },
        },
    )
    text = dict_chart(
        pd.DataFrame({"week": pd.to_datetime(["2020-03-12"]), "label": [label]}),
        {"type": "text", "angle": 270, "fontSize": 10, "dx": -4},
        {"x": {"field": "week", "type": "temporal"}, "text": {"field": "label", "type": "nominal"}},
    )
    return layer(line, text, height=360)


def test_a_printed_chart_is_as_high_as_its_longest_label_along_a_rule_needs():
    short, long = rep.print_spec(event_chart("x" * 10), 400, 110), rep.print_spec(event_chart("x" * 60), 400, 110)
    assert short["height"] == 110
    assert long["height"] == round(60 * 10 * rep.LABEL_EM + 4)


def test_a_printed_charts_y_title_is_read_across_and_on_two_lines_when_wider_than_the_plot():
    spec = rep.print_spec(event_chart("x"), 200, 110)
    assert spec["config"]["axisY"]["titleAngle"] == 0
    assert spec["layer"][0]["encoding"]["y"]["title"] == ["Indeks (12. marts 2020 = 100)", "(aksen starter ikke ved 0)"]
    wide = rep.print_spec(event_chart("x"), 820, 240)
    assert isinstance(wide["layer"][0]["encoding"]["y"]["title"], str)


def test_the_size_an_svg_states_is_read_from_its_root():
    assert rep.svg_size(
        '<svg class="marks" width="522" height="195.5" viewBox="0 0 522 195"><rect width="9"/></svg>'
    ) == (
        522,
        195.5,
    )


def test_a_page_whose_figures_begin_after_the_month_shows_none_of_them():
    assert rep.not_yet({"fra": "2020-03", "til": "2021-12"}, "2016-06") == (
        "Siden har ingen tal til og med juni 2016; dens tal begynder marts 2020."
    )
    assert rep.not_yet({"fra": "2020-03", "til": "2020-09"}, "2020-09") is None
    assert rep.not_yet({"fra": "2020-03", "til": "2021-12"}, "2022-12") is None
    assert rep.not_yet({"periode": "2019h2-2020h1"}, "2020-09") is None


@pytest.fixture(scope="module")
def june(on_built_db):
    return rep.build("2016-06")


def test_a_june_2016_report_has_no_target_nor_activation_result_of_a_later_plan(june):
    """Issue 16 §2: plans 2018 and 2021 (and the ministerial targets of December 2020) were not
    adopted in June 2016; one line says so, and no 2018 activation figure is shown."""
    maal = page_of(june, "maal")
    assert maal.error is None
    listed = next(s.frame for s in maal.content.sections if "target_id" in s.frame.columns)
    assert set(listed["plan"]) == {"Beskæftigelsesplan 2015"}
    assert not any("Aktivering" in s.title or "aktivering" in s.title for s in maal.content.sections)
    assert maal.content.notes == [
        "Målene fra Beskæftigelsesplan 2018 (vedtaget 2017) og Beskæftigelsesplan 2021/2022 "
        "(vedtaget december 2020) er ikke med: de var ikke vedtaget i juni 2016."
    ]
    document = rep.to_html(june)
    assert "Målt 2018" not in document and "mål nået i 2018" not in document
    assert "planen gælder fra" not in document
    quoted = {line["origin"].split(",")[0] for page in june.pages for line in page.content.targets}
    assert quoted <= {"Beskæftigelsesplan 2015"}
    offer = page_of(june, "samarbejde").content.sections[0]
    assert "aktivt tilbud" in offer.title and "85 %" not in offer.title, "plan 2021's target is not drawn"


def test_a_september_2020_report_lists_no_target_of_the_december_2020_documents(september):
    maal = page_of(september, "maal")
    listed = next(s.frame for s in maal.content.sections if "target_id" in s.frame.columns)
    assert set(listed["plan"]) == {"Beskæftigelsesplan 2015", "Beskæftigelsesplan 2018"}
    assert maal.content.notes == [
        "Målene fra Beskæftigelsesplan 2021/2022 (vedtaget december 2020) er ikke med: "
        "den var ikke vedtaget i september 2020."
    ]
    assert any(s.title.startswith("Aktiveringsomfang 2018: ") for s in maal.content.sections)


def test_a_june_2016_report_leaves_out_the_covid_19_figures(june):
    covid = page_of(june, "covid-19")
    assert covid.absent and not covid.content.sections and not covid.content.kpis
    document = rep.to_html(june)
    assert document.count(covid.absent) == 2, "in the summary and on the page"
    assert "12. marts" not in document
