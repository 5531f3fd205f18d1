-- The home municipality's placement per benefit group in every half-year period, oldest
-- first, with forskel in persons and pct.-point; with $as_of only the periods that had ended
-- by that day (NULL: every period). Ranking rule: the view `benchmark_ranked`
-- (src/dashboard/build/schema.sql). Per benefit group `is_oldest` and `is_newest` mark the
-- first and the last period shown (the rank history's title compares the two).
-- @private: difference_fte, difference_pct_point
-- @public: rank, municipalities
WITH groups (benefit_group, benefit_group_name, sort_order) AS (
    VALUES ('i-alt', 'Offentlig forsørgelse i alt', 0), ('dagpenge', 'Dagpenge', 1),
           ('sygedagpenge-jobafklaring', 'Sygedagpenge og jobafklaring', 2),
           ('kontanthjaelpsomraadet', 'Kontanthjælpsområdet', 3)
)
SELECT r.period, r.period_start,
       printf('%s. halvår %s – %s. halvår %s', substr(r.period, 6, 1), substr(r.period, 1, 4),
              substr(r.period, 13, 1), substr(r.period, 8, 4)) AS period_label,
       r.benefit_group, gr.benefit_group_name, r.rank, r.municipalities,
       r.difference_fte, r.difference_pct_point, r.actual_persons, r.expected_persons,
       r.quality, s.name_da AS source,
       r.period_start = min(r.period_start) OVER (PARTITION BY r.benefit_group) AS is_oldest,
       r.period_start = max(r.period_start) OVER (PARTITION BY r.benefit_group) AS is_newest
FROM benchmark_ranked r
JOIN groups gr USING (benefit_group)
JOIN source s USING (source_id)
WHERE r.geo_code = $home_geo
  AND ($as_of::DATE IS NULL
       OR make_date(substr(r.period, 8, 4)::INTEGER, CASE substr(r.period, 13, 1) WHEN '1' THEN 6 ELSE 12 END, 1)
          + INTERVAL 1 MONTH - INTERVAL 1 DAY <= $as_of::DATE)
ORDER BY gr.sort_order, r.period_start
