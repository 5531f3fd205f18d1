-- Stage the generated cells into observations: areas are sums of their municipalities,
-- every breakdown a grouping set. Inputs (registered frames): lf_cells, ledige_cells,
-- modtagere_cells, level_cells; tables geography, geography_member, full_cube_geo.

-- Finest cells summed over the members of each area that gets every crossed breakdown.
CREATE TEMP TABLE full_ledige AS
SELECT gm.geo_code, c.period_start, c.group_code::VARCHAR AS group_code, c.age_band::VARCHAR AS age_band,
       c.gender::VARCHAR AS gender, c.origin::VARCHAR AS origin, sum(c.persons) AS persons
FROM ledige_cells c
JOIN geography_member gm ON gm.member_code = c.geo_code::VARCHAR
JOIN full_cube_geo f ON f.geo_code = gm.geo_code
GROUP BY ALL;

CREATE TEMP TABLE full_modtagere AS
SELECT gm.geo_code, c.period_start, c.group_code::VARCHAR AS group_code, c.age_band::VARCHAR AS age_band,
       c.gender::VARCHAR AS gender, c.origin::VARCHAR AS origin, sum(c.persons) AS persons
FROM modtagere_cells c
JOIN geography_member gm ON gm.member_code = c.geo_code::VARCHAR
JOIN full_cube_geo f ON f.geo_code = gm.geo_code
GROUP BY ALL;

CREATE TEMP TABLE full_lf AS
SELECT gm.geo_code, c.period_start, 'alle' AS group_code, c.age_band::VARCHAR AS age_band,
       c.gender::VARCHAR AS gender, c.origin::VARCHAR AS origin, sum(c.persons) AS persons
FROM lf_cells c
JOIN geography_member gm ON gm.member_code = c.geo_code::VARCHAR
JOIN full_cube_geo f ON f.geo_code = gm.geo_code
GROUP BY ALL;

-- One breakdown at a time for each municipality, then summed into every other area.
CREATE TEMP TABLE muni_marginal AS
WITH cells AS (
    SELECT 'fuldtidsledige' AS measure, geo_code::VARCHAR AS geo_code, period_start, group_code::VARCHAR AS group_code,
           age_band::VARCHAR AS age_band, gender::VARCHAR AS gender, origin::VARCHAR AS origin, persons
    FROM ledige_cells
    UNION ALL
    SELECT 'modtagere', geo_code::VARCHAR, period_start, group_code::VARCHAR, age_band::VARCHAR, gender::VARCHAR,
           origin::VARCHAR, persons
    FROM modtagere_cells
    UNION ALL
    SELECT 'arbejdsstyrke', geo_code::VARCHAR, period_start, 'alle', age_band::VARCHAR, gender::VARCHAR,
           origin::VARCHAR, persons
    FROM lf_cells
)
SELECT measure, geo_code, period_start,
       coalesce(group_code, 'alle') AS group_code, coalesce(age_band, 'alle') AS age_band,
       coalesce(gender, 'alle') AS gender, coalesce(origin, 'alle') AS origin, sum(persons) AS persons
FROM cells
GROUP BY measure, geo_code, period_start,
         GROUPING SETS ((), (group_code), (age_band), (gender), (origin))
-- The labour force has no target groups: its (group_code) set would repeat the total.
HAVING NOT (measure = 'arbejdsstyrke' AND GROUPING(group_code) = 0);

CREATE TEMP TABLE counts AS
SELECT 'fuldtidsledige' AS measure, geo_code, period_start,
       coalesce(group_code, 'alle') AS group_code, coalesce(age_band, 'alle') AS age_band,
       coalesce(gender, 'alle') AS gender, coalesce(origin, 'alle') AS origin, sum(persons) AS persons
FROM full_ledige
GROUP BY geo_code, period_start, CUBE (group_code, age_band, gender, origin)
UNION ALL
SELECT 'modtagere', geo_code, period_start,
       coalesce(group_code, 'alle'), coalesce(age_band, 'alle'), coalesce(gender, 'alle'),
       coalesce(origin, 'alle'), sum(persons)
FROM full_modtagere
GROUP BY geo_code, period_start, CUBE (group_code, age_band, gender, origin)
UNION ALL
SELECT 'arbejdsstyrke', geo_code, period_start, 'alle',
       coalesce(age_band, 'alle'), coalesce(gender, 'alle'), coalesce(origin, 'alle'), sum(persons)
FROM full_lf
GROUP BY geo_code, period_start, CUBE (age_band, gender, origin)
UNION ALL
SELECT m.measure, gm.geo_code, m.period_start, m.group_code, m.age_band, m.gender, m.origin, sum(m.persons)
FROM muni_marginal m
JOIN geography_member gm ON gm.member_code = m.geo_code
WHERE gm.geo_code NOT IN (SELECT geo_code FROM full_cube_geo)
GROUP BY ALL;

CREATE TEMP TABLE stage_observation AS
SELECT measure AS indicator_id, geo_code, period_start, group_code, age_band, gender, origin,
       persons::DOUBLE AS value, persons
FROM counts
WHERE measure IN ('fuldtidsledige', 'modtagere', 'arbejdsstyrke')
UNION ALL
SELECT 'ledighedsprocent', l.geo_code, l.period_start, 'alle', l.age_band, l.gender, l.origin,
       round(100 * l.persons / f.persons, 1), l.persons
FROM counts l
JOIN counts f USING (geo_code, period_start, age_band, gender, origin)
WHERE l.measure = 'fuldtidsledige' AND l.group_code = 'alle'
  AND f.measure = 'arbejdsstyrke' AND f.group_code = 'alle'
UNION ALL
SELECT 'andel_forsikrede_ledige', l.geo_code, l.period_start, 'alle', 'alle', 'alle', 'alle',
       round(100 * l.persons / f.persons, 1), l.persons
FROM counts l
JOIN counts f USING (geo_code, period_start, age_band, gender, origin)
WHERE l.measure = 'fuldtidsledige' AND l.group_code = 'dagpenge'
  AND l.age_band = 'alle' AND l.gender = 'alle' AND l.origin = 'alle'
  AND f.measure = 'arbejdsstyrke' AND f.group_code = 'alle';

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
