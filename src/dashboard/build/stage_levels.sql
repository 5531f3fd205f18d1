-- Stage the catalogue indicators (input: registered frame level_cells; tables indicator,
-- geography_member, full_cube_geo). Areas in full_cube_geo get the origin breakdown too.
-- Catalogue indicators: an area's value is the persons-weighted mean of its municipalities.
INSERT INTO stage_observation
SELECT c.indicator_id, gm.geo_code, c.period_start, c.group_code, 'alle', 'alle', c.origin,
       CASE WHEN i.unit IN ('personer', 'forloeb', 'job') THEN round(sum(c.value), i.decimals)
            ELSE round(sum(c.value * c.weight) / sum(c.weight), i.decimals) END,
       CASE WHEN i.unit = 'pct' THEN round(sum(c.value * c.weight) / 100)
            WHEN i.unit IN ('personer', 'forloeb', 'job') THEN round(sum(c.value))
            ELSE round(sum(c.weight)) END
FROM level_cells c
JOIN indicator i USING (indicator_id)
JOIN geography_member gm ON gm.member_code = c.geo_code
WHERE c.origin = 'alle' OR gm.geo_code IN (SELECT geo_code FROM full_cube_geo)
GROUP BY c.indicator_id, gm.geo_code, c.period_start, c.group_code, c.origin, i.decimals, i.unit;
