-- The Ministry's benchmark for one half-year period and benefit group: every
-- municipality's forventet (expected from its framework conditions), faktisk and forskel
-- in full-time persons and in pct.-point of its 16-64-year-olds, and its placering.
-- The ranking rule is the view `benchmark_ranked` (src/dashboard/build/schema.sql).
-- The rank is always among all municipalities; $area ('000' for all, a region, a
-- municipality group, …) only limits the rows returned, plus the home municipality,
-- and area_rank is the placement within the area.
-- `in_meeting_extract` marks the rows a short chart shows (the meeting view on a shared
-- screen): the first 10 of the rows returned, and the home municipality with the two rows
-- above and the two below it; `left_out_before` counts the rows returned that the extract
-- leaves out just before the row (> 0 where the chart marks a gap).
-- @private: difference_fte, difference_pct_point
-- @public: rank, area_rank, population, municipalities, left_out_before
WITH shown AS (
    SELECT r.*, g.name_da AS municipality,
           r.geo_code IN (SELECT member_code FROM geography_member WHERE geo_code = $area) AS in_area
    FROM benchmark_ranked r
    JOIN geography g USING (geo_code)
    WHERE r.period = $period AND r.benefit_group = $benefit_group
),
listed AS (
    SELECT s.*, CASE WHEN s.in_area THEN row_number() OVER (PARTITION BY s.in_area ORDER BY s.rank) END AS area_rank,
           row_number() OVER (ORDER BY s.rank) AS position
    FROM shown s
    WHERE s.in_area OR s.geo_code = $home_geo
),
marked AS (
    SELECT l.*,
           coalesce(l.position <= 10
                    OR abs(l.position - max(CASE WHEN l.geo_code = $home_geo THEN l.position END) OVER ()) <= 2,
                    false) AS in_meeting_extract
    FROM listed l
)
SELECT m.rank, m.area_rank, m.geo_code, m.municipality, m.geo_code = $home_geo AS is_home, m.period, m.benefit_group,
       m.expected_persons, m.actual_persons, m.difference_fte, m.difference_pct_point, m.population,
       m.municipalities, m.quality, src.name_da AS source, m.in_meeting_extract,
       CASE WHEN m.in_meeting_extract
            THEN m.position - coalesce(lag(m.position) OVER (PARTITION BY m.in_meeting_extract ORDER BY m.position), 0) - 1
       END AS left_out_before
FROM marked m
JOIN source src USING (source_id)
ORDER BY m.rank
