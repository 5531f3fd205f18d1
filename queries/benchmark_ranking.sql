-- The Ministry's benchmark for one half-year period and benefit group: every
-- municipality's forventet (expected from its framework conditions), faktisk and forskel
-- in full-time persons and in pct.-point of its 16-64-year-olds, and its placering.
-- The ranking rule is the view `benchmark_ranked` (src/dashboard/build/schema.sql).
-- The rank is always among all municipalities; $area ('000' for all, a region, a
-- municipality group, …) only limits the rows returned, plus the home municipality,
-- and area_rank is the placement within the area.
-- @private: difference_fte, difference_pct_point
-- @public: rank, area_rank, population, municipalities
WITH shown AS (
    SELECT r.*, g.name_da AS municipality,
           r.geo_code IN (SELECT member_code FROM geography_member WHERE geo_code = $area) AS in_area
    FROM benchmark_ranked r
    JOIN geography g USING (geo_code)
    WHERE r.period = $period AND r.benefit_group = $benefit_group
)
SELECT s.rank, CASE WHEN s.in_area THEN row_number() OVER (PARTITION BY s.in_area ORDER BY s.rank) END AS area_rank,
       s.geo_code, s.municipality, s.geo_code = $home_geo AS is_home, s.period, s.benefit_group,
       s.expected_persons, s.actual_persons, s.difference_fte, s.difference_pct_point, s.population,
       s.municipalities, s.quality, src.name_da AS source
FROM shown s
JOIN source src USING (source_id)
WHERE s.in_area OR s.geo_code = $home_geo
ORDER BY s.rank
