-- The home municipality's placement in each benefit group for one half-year period:
-- placering among all municipalities, forventet, faktisk and forskel (persons and
-- pct.-point of the population). Ranking rule: the view `benchmark_ranked`
-- (src/dashboard/build/schema.sql).
-- @private: difference_fte, difference_pct_point
-- @public: rank, municipalities
WITH groups (benefit_group, benefit_group_name, sort_order) AS (
    VALUES ('i-alt', 'Offentlig forsørgelse i alt', 0), ('dagpenge', 'Dagpenge', 1),
           ('sygedagpenge-jobafklaring', 'Sygedagpenge og jobafklaring', 2),
           ('kontanthjaelpsomraadet', 'Kontanthjælpsområdet', 3)
)
SELECT r.benefit_group, gr.benefit_group_name, r.rank, r.municipalities, r.expected_persons, r.actual_persons,
       r.difference_fte, r.difference_pct_point, r.period, r.quality, s.name_da AS source
FROM benchmark_ranked r
JOIN groups gr USING (benefit_group)
JOIN source s USING (source_id)
WHERE r.period = $period AND r.geo_code = $home_geo
ORDER BY gr.sort_order
