-- The home municipality's rank among the municipalities of its region by one indicator,
-- per period between two months (1 = best: lowest value when lower is better; ties share
-- the best rank), with how many were ranked and the values of the best and the home;
-- `is_newest` marks the newest period shown.
-- @private: value, best_value
-- @public: rank, ranked_count
WITH home AS (
    SELECT g.geo_code, g.region_code, r.name_da AS region_name
    FROM geography g JOIN geography r ON r.geo_code = g.region_code
    WHERE g.geo_code = $geo_code
),
ind AS (
    SELECT * FROM indicator WHERE indicator_id = $indicator_id
),
region_values AS (
    SELECT o.geo_code, o.period_start, o.value, o.persons, o.quality, o.source_id, i.higher_is_better
    FROM observation o
    JOIN ind i ON o.indicator_id = i.indicator_id AND o.grain = i.grain
    JOIN home h ON TRUE
    JOIN geography_member gm ON gm.geo_code = h.region_code AND gm.member_code = o.geo_code
    JOIN geography g ON g.geo_code = o.geo_code AND g.level = 'kommune'
    WHERE o.group_code = 'alle' AND o.origin = 'alle' AND o.age_band = 'alle' AND o.gender = 'alle'
      AND o.period_start BETWEEN $first_month::DATE AND $last_month::DATE
),
ranked AS (
    SELECT *,
           rank() OVER (PARTITION BY period_start
                        ORDER BY CASE WHEN higher_is_better THEN -value ELSE value END) AS rank,
           count(*) OVER (PARTITION BY period_start) AS ranked_count,
           CASE WHEN higher_is_better THEN max(value) OVER (PARTITION BY period_start)
                ELSE min(value) OVER (PARTITION BY period_start) END AS best_value,
           first_value(persons) OVER (PARTITION BY period_start
                                      ORDER BY CASE WHEN higher_is_better THEN -value ELSE value END) AS best_persons,
           bool_or(quality = 'demo') OVER (PARTITION BY period_start) AS any_demo
    FROM region_values
)
SELECT r.period_start AS month,
       r.rank,
       r.ranked_count,
       r.value,
       r.persons,
       r.best_value,
       r.best_persons,
       h.region_name,
       CASE WHEN r.any_demo THEN 'demo' ELSE r.quality END AS quality,
       s.name_da AS source,
       r.period_start = max(r.period_start) OVER () AS is_newest
FROM ranked r
JOIN home h USING (geo_code)
JOIN source s USING (source_id)
ORDER BY r.period_start
