"""Indicators derived from two finished series (src/dashboard/build/derived.sql)."""


def test_long_term_unemployed_of_the_labour_force_is_their_share_of_the_unemployed_times_the_rate(built_con):
    rows = built_con.execute(
        """SELECT d.geo_code, d.period_start, d.value, l.value * r.value / 100, d.persons,
                  l.value * r.value / 10000 * a.value
           FROM observation d
           JOIN observation l USING (geo_code, grain, period_start)
           JOIN observation r USING (geo_code, grain, period_start)
           JOIN observation a USING (geo_code, grain, period_start)
           WHERE d.indicator_id = 'langtidsledige_af_arbejdsstyrken'
             AND l.indicator_id = 'langtidsledige_andel' AND l.group_code = 'alle' AND l.age_band = 'alle'
             AND l.gender = 'alle' AND l.origin = 'alle'
             AND r.indicator_id = 'ledighedsprocent' AND r.group_code = 'alle' AND r.age_band = 'alle'
             AND r.gender = 'alle' AND r.origin = 'alle'
             AND a.indicator_id = 'arbejdsstyrke' AND a.group_code = 'alle' AND a.age_band = 'alle'
             AND a.gender = 'alle' AND a.origin = 'alle'"""
    ).fetchall()
    geos = {r[0] for r in rows}
    assert {"151", "000", "KL151"} <= geos
    assert all(abs(value - product) <= 0.05 + 1e-9 for _, _, value, product, _, _ in rows)
    assert all(abs(persons - count) <= 0.5 + 1e-9 for *_, persons, count in rows)


def test_a_month_with_a_documented_rate_is_not_left_out(built_con):
    """Ballerup's September 2020 rate is the minutes' 4,3 % (quality document); the derived series uses it."""
    months = built_con.execute(
        """SELECT count(*) FROM observation WHERE indicator_id = 'langtidsledige_af_arbejdsstyrken'
           AND geo_code = '151' AND period_start IN ('2017-04-01', '2020-09-01')"""
    ).fetchone()[0]
    assert months == 2


def test_ballerups_2014_level_follows_plan_2015s_long_term_share(built_con):
    """26,3 % of the unemployed long-term (S16) at Ballerup's 2014 unemployment: about 1,3 % of the labour force."""
    mean = built_con.execute(
        """SELECT avg(value) FROM observation WHERE indicator_id = 'langtidsledige_af_arbejdsstyrken'
           AND geo_code = '151' AND year(period_start) = 2014"""
    ).fetchone()[0]
    assert 1.1 < mean < 1.45
