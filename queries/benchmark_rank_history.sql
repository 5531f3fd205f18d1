-- The home municipality's placement per benefit group in every half-year period, oldest
-- first (same ranking rule as benchmark_ranking.sql), with forskel in persons and pct.-point;
-- with $as_of only the periods that had ended by that day (NULL: every period).
-- @private: difference_fte, difference_pct_point
-- @public: rank, municipalities
WITH groups (benefit_group, benefit_group_name, sort_order) AS (
    VALUES ('i-alt', 'Offentlig forsørgelse i alt', 0), ('dagpenge', 'Dagpenge', 1),
           ('sygedagpenge-jobafklaring', 'Sygedagpenge og jobafklaring', 2),
           ('kontanthjaelpsomraadet', 'Kontanthjælpsområdet', 3)
),
scored AS (
    SELECT b.*, round(b.actual_persons - b.expected_persons, 1) AS difference_fte,
           round((b.actual_persons - b.expected_persons) / b.population * 100, 4) AS difference_pct_point
    FROM benchmark b
),
ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY period, benefit_group
                              ORDER BY difference_pct_point, difference_fte, geo_code) AS rank,
           count(*) OVER (PARTITION BY period, benefit_group) AS municipalities
    FROM scored
)
SELECT r.period, r.period_start,
       printf('%s. halvår %s – %s. halvår %s', substr(r.period, 6, 1), substr(r.period, 1, 4),
              substr(r.period, 13, 1), substr(r.period, 8, 4)) AS period_label,
       r.benefit_group, gr.benefit_group_name, r.rank, r.municipalities,
       r.difference_fte, r.difference_pct_point, r.actual_persons, r.expected_persons,
       r.quality, s.name_da AS source
FROM ranked r
JOIN groups gr USING (benefit_group)
JOIN source s USING (source_id)
WHERE r.geo_code = $home_geo
  AND ($as_of::DATE IS NULL
       OR make_date(substr(r.period, 8, 4)::INTEGER, CASE substr(r.period, 13, 1) WHEN '1' THEN 6 ELSE 12 END, 1)
          + INTERVAL 1 MONTH - INTERVAL 1 DAY <= $as_of::DATE)
ORDER BY gr.sort_order, r.period_start
