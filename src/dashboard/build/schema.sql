-- The Nøgletal star schema: one fact table of observations and small dimensions.
-- Keys and allowed values are enforced here, by the database.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE source (
    source_id  VARCHAR PRIMARY KEY,
    ref        VARCHAR NOT NULL UNIQUE,
    kind       VARCHAR NOT NULL CHECK (kind IN ('document', 'news', 'reference', 'statistics', 'demo')),
    name_da    VARCHAR NOT NULL,
    url        VARCHAR,
    published  VARCHAR,
    table_id   VARCHAR,
    fetched_at TIMESTAMP,
    data_as_of DATE
);

CREATE TABLE geography (
    geo_code                VARCHAR PRIMARY KEY,
    slug                    VARCHAR NOT NULL UNIQUE CHECK (regexp_full_match(slug, '[a-z0-9-]+')),
    name_da                 VARCHAR NOT NULL,
    level                   VARCHAR NOT NULL CHECK (level IN ('kommune', 'region', 'landsdel', 'hovedstadsomraade', 'land', 'kommunegruppe', 'klynge')),
    region_code             VARCHAR,
    landsdel_code           VARCHAR,
    municipality_group_code VARCHAR,
    sort_order              INTEGER NOT NULL
);

-- Which municipalities make up each area (an area of level kommune contains itself).
CREATE TABLE geography_member (
    geo_code    VARCHAR NOT NULL REFERENCES geography (geo_code),
    member_code VARCHAR NOT NULL REFERENCES geography (geo_code),
    PRIMARY KEY (geo_code, member_code)
);

CREATE TABLE target_group (
    group_code VARCHAR PRIMARY KEY CHECK (regexp_full_match(group_code, '[a-z0-9-]+')),
    name_da    VARCHAR NOT NULL,
    is_ledig   BOOLEAN,
    sort_order INTEGER NOT NULL
);

CREATE TABLE age_band (
    age_band   VARCHAR PRIMARY KEY,
    name_da    VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE gender (
    gender     VARCHAR PRIMARY KEY,
    name_da    VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE origin (
    origin     VARCHAR PRIMARY KEY,
    name_da    VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE indicator (
    indicator_id     VARCHAR PRIMARY KEY,
    name_da          VARCHAR NOT NULL,
    focus_area       VARCHAR NOT NULL CHECK (focus_area IN ('overblik', 'samarbejde', 'forsikrede', 'udfordringer', 'unge', 'ikke_vestlig', 'covid', 'benchmark', 'aktivering', 'sygedagpenge', 'erhverv', 'befolkning')),
    unit             VARCHAR NOT NULL CHECK (unit IN ('pct', 'personer', 'fuldtidspersoner', 'samtaler', 'uger', 'maaneder', 'forloeb', 'job', 'indeks', 'rank')),
    higher_is_better BOOLEAN,
    grain            VARCHAR NOT NULL CHECK (grain IN ('week', 'month', 'quarter', 'half_year', 'year', 'span')),
    decimals         INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 3),
    description_da   VARCHAR NOT NULL
);

-- Key: (indicator_id, geo_code, grain, period_start, group_code, age_band, gender, origin).
-- Its uniqueness is checked by the build and the data-contract tests rather than by a
-- PRIMARY KEY: DuckDB's index on this 8-column key is ten times the size of the data.
CREATE TABLE observation (
    indicator_id VARCHAR NOT NULL REFERENCES indicator (indicator_id),
    geo_code     VARCHAR NOT NULL REFERENCES geography (geo_code),
    grain        VARCHAR NOT NULL CHECK (grain IN ('week', 'month', 'quarter', 'half_year', 'year', 'span')),
    period_start DATE NOT NULL,
    period_end   DATE NOT NULL,
    group_code   VARCHAR NOT NULL REFERENCES target_group (group_code),
    age_band     VARCHAR NOT NULL REFERENCES age_band (age_band),
    gender       VARCHAR NOT NULL REFERENCES gender (gender),
    origin       VARCHAR NOT NULL REFERENCES origin (origin),
    value        DOUBLE NOT NULL CHECK (isfinite(value)),
    persons      INTEGER CHECK (persons >= 0),
    source_id    VARCHAR NOT NULL REFERENCES source (source_id),
    quality      VARCHAR NOT NULL CHECK (quality IN ('official', 'document', 'demo')),
    -- True where the privacy rule hides the cell at the threshold in `privacy_stamp`.
    hidden       BOOLEAN NOT NULL DEFAULT false,
    CHECK (period_end >= period_start)
);

-- Which threshold of persons `observation.hidden` was computed for, and `stamp`, a checksum
-- of what it was computed from (`db.privacy_stamp`). Every writer (build, import) recomputes
-- both after its last change to `observation`; the app trusts the column only while the stamp
-- still matches, so a stale one is never read (docs/privacy.md).
CREATE TABLE privacy_stamp (
    min_persons INTEGER PRIMARY KEY,
    stamp       VARCHAR NOT NULL
);

-- Every figure stated in a plan, minutes or article, exactly as stated.
CREATE TABLE document_fact (
    fact_id      VARCHAR PRIMARY KEY,
    topic        VARCHAR NOT NULL,
    measure      VARCHAR NOT NULL,
    geography    VARCHAR NOT NULL,
    period       VARCHAR NOT NULL,
    target_group VARCHAR NOT NULL,
    value        DOUBLE NOT NULL,
    unit         VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL REFERENCES source (source_id),
    locator      VARCHAR NOT NULL,
    note         VARCHAR,
    indicator_id VARCHAR REFERENCES indicator (indicator_id)
);

CREATE TABLE target (
    target_id      VARCHAR PRIMARY KEY,
    plan           VARCHAR NOT NULL,
    focus_area     VARCHAR NOT NULL,
    indicator_text VARCHAR NOT NULL,
    comparator     VARCHAR NOT NULL CHECK (comparator IN ('>=', '<=', '=', 'between', 'rank<=', 'level_with', 'increase')),
    value_text     VARCHAR NOT NULL,
    value_low      DOUBLE,
    value_high     DOUBLE,
    unit           VARCHAR NOT NULL,
    applies_from   INTEGER NOT NULL,
    applies_to     INTEGER NOT NULL,
    source_id      VARCHAR NOT NULL REFERENCES source (source_id),
    locator        VARCHAR NOT NULL,
    indicator_id   VARCHAR REFERENCES indicator (indicator_id),
    group_code     VARCHAR REFERENCES target_group (group_code),
    CHECK (applies_to >= applies_from)
);

-- The Ministry's benchmark: actual vs expected full-time persons on public support.
-- Ranks are not stored: they are computed in SQL from the shares.
CREATE TABLE benchmark (
    period             VARCHAR NOT NULL CHECK (regexp_full_match(period, '[0-9]{4}h[12]-[0-9]{4}h[12]')),
    period_start       DATE NOT NULL,
    benefit_group      VARCHAR NOT NULL CHECK (benefit_group IN ('i-alt', 'dagpenge', 'sygedagpenge-jobafklaring', 'kontanthjaelpsomraadet')),
    geo_code           VARCHAR NOT NULL REFERENCES geography (geo_code),
    expected_persons   DOUBLE NOT NULL,
    actual_persons     DOUBLE NOT NULL,
    population         INTEGER NOT NULL CHECK (population > 0),
    source_id          VARCHAR NOT NULL REFERENCES source (source_id),
    quality            VARCHAR NOT NULL CHECK (quality IN ('official', 'document', 'demo')),
    PRIMARY KEY (period, benefit_group, geo_code)
);

CREATE TABLE event (
    event_date DATE NOT NULL,
    end_date   DATE,
    label_da   VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL CHECK (kind IN ('nedlukning', 'genaabning', 'andet')),
    source_id  VARCHAR NOT NULL REFERENCES source (source_id),
    PRIMARY KEY (event_date, label_da)
);

-- What the Ministry publishes beside the counts (Jobindsats Y30R21): the forskel in
-- pct.-point, rounded to 2 decimals, and the placement. Only official rows have one.
CREATE TABLE benchmark_published (
    period               VARCHAR NOT NULL,
    benefit_group        VARCHAR NOT NULL,
    geo_code             VARCHAR NOT NULL,
    difference_pct_point DOUBLE NOT NULL,
    rank                 INTEGER NOT NULL CHECK (rank > 0),
    PRIMARY KEY (period, benefit_group, geo_code)
);

-- THE benchmark ranking rule, used by every benchmark query (queries/benchmark_*.sql).
-- Rank 1 = furthest below expected relative to the population: the lowest forskel in
-- pct.-point of the 16–64-year-olds. For a published row that is the Ministry's own
-- figure (2 decimals); otherwise it is computed from the counts (4 decimals). The
-- Ministry ranks on unrounded figures it does not publish, so municipalities with the
-- same published forskel keep the Ministry's order (its placement); then the lower
-- forskel in persons, then the lower municipality code: ranks run 1..N without ties.
-- The rank is among all municipalities of the period and benefit group.
CREATE VIEW benchmark_ranked AS
WITH scored AS (
    SELECT b.*, round(b.actual_persons - b.expected_persons, 1) AS difference_fte,
           coalesce(p.difference_pct_point,
                    round((b.actual_persons - b.expected_persons) / b.population * 100, 4)) AS difference_pct_point,
           p.rank AS published_rank
    FROM benchmark b
    LEFT JOIN benchmark_published p USING (period, benefit_group, geo_code)
)
SELECT *,
       row_number() OVER (PARTITION BY period, benefit_group
                          ORDER BY difference_pct_point, published_rank NULLS LAST, difference_fte, geo_code) AS rank,
       count(*) OVER (PARTITION BY period, benefit_group) AS municipalities
FROM scored;
-- The status rule for targets (nået / på vej / ikke nået / ingen data), written once:
-- macro status_by_rule (with its helpers target_shortfall and target_tolerance). Stored in
-- the database beside the tables so that every query that shows a status
-- (queries/target_status.sql, queries/activation_plan_2018.sql) uses the same rule;
-- documented for users in docs/status.md. Inputs are plain numbers, so the
-- rule is tested on a hand-made table (tests/queries/test_status_rule.py).
--
-- comparator  one of '>=', '<=', '=', 'between', 'rank<=', 'level_with'
-- low, high   the target's bounds (for '>=' only low, for '<=' and 'rank<=' only high,
--             for '=' low = high; for 'level_with' the reference value in `low`)
-- value       the measured value (for 'rank<=' the rank, 1 = best)
-- *_before    the same, twelve months earlier (a year earlier for annual series)
-- decimals    the precision the value is shown with: the rule compares shown values

-- The first day a document counts as published: its stated date, or the first day of the
-- month or year it states (`2017` -> 2017-01-01, `2020-12` -> 2020-12-01). NULL when unknown.
CREATE OR REPLACE MACRO published_from(published) AS (
    left(published || '-01-01', 10)::DATE
);

-- How far the value is from the target, in the indicator's unit: 0 when reached,
-- NULL when something needed is missing.
CREATE OR REPLACE MACRO target_shortfall(comparator, higher_is_better, decimals, value, low, high) AS (
    CASE
        WHEN value IS NULL THEN NULL
        WHEN comparator = '>=' AND low IS NOT NULL
            THEN round(greatest(low::DOUBLE - round(value::DOUBLE, decimals), 0), decimals)
        WHEN comparator IN ('<=', 'rank<=') AND high IS NOT NULL
            THEN round(greatest(round(value::DOUBLE, decimals) - high::DOUBLE, 0), decimals)
        WHEN comparator IN ('=', 'between') AND low IS NOT NULL AND high IS NOT NULL
            THEN round(greatest(low::DOUBLE - round(value::DOUBLE, decimals),
                                round(value::DOUBLE, decimals) - high::DOUBLE, 0), decimals)
        WHEN comparator = 'level_with' AND low IS NOT NULL AND higher_is_better
            THEN round(greatest(round(low::DOUBLE, decimals) - round(value::DOUBLE, decimals), 0), decimals)
        WHEN comparator = 'level_with' AND low IS NOT NULL AND NOT higher_is_better
            THEN round(greatest(round(value::DOUBLE, decimals) - round(low::DOUBLE, decimals), 0), decimals)
        WHEN comparator = 'level_with' AND low IS NOT NULL
            THEN round(abs(round(value::DOUBLE, decimals) - round(low::DOUBLE, decimals)), decimals)
    END
);

-- How far from the target a value may be and still count as "på vej" (if it is moving
-- the right way): 10 % of the bound it misses, three places for a rank, and no limit
-- for 'level_with' (the plans ask for steady progress towards a moving reference).
CREATE OR REPLACE MACRO target_tolerance(comparator, value, low, high) AS (
    CASE
        WHEN comparator = '>=' THEN round(0.1 * abs(low::DOUBLE), 6)
        WHEN comparator = '<=' THEN round(0.1 * abs(high::DOUBLE), 6)
        WHEN comparator IN ('=', 'between') AND value::DOUBLE < low::DOUBLE THEN round(0.1 * abs(low::DOUBLE), 6)
        WHEN comparator IN ('=', 'between') THEN round(0.1 * abs(high::DOUBLE), 6)
        WHEN comparator = 'rank<=' THEN 3.0
        WHEN comparator = 'level_with' THEN 'Infinity'::DOUBLE
    END
);

CREATE OR REPLACE MACRO status_by_rule(comparator, higher_is_better, decimals,
                                      value, low, high,
                                      value_before, low_before, high_before) AS (
    CASE
        WHEN target_shortfall(comparator, higher_is_better, decimals, value, low, high) IS NULL
            THEN 'ingen data'
        WHEN target_shortfall(comparator, higher_is_better, decimals, value, low, high) = 0
            THEN 'nået'
        WHEN target_shortfall(comparator, higher_is_better, decimals, value_before, low_before, high_before) IS NOT NULL
         AND target_shortfall(comparator, higher_is_better, decimals, value, low, high)
             < target_shortfall(comparator, higher_is_better, decimals, value_before, low_before, high_before)
         AND target_shortfall(comparator, higher_is_better, decimals, value, low, high)
             <= target_tolerance(comparator, value, low, high)
            THEN 'på vej'
        ELSE 'ikke nået'
    END
);

-- A planned activity volume (a number of forløb the plan sets as `=` or `between`, e.g.
-- "Løntilskud i alt: 100") is judged as "at least the planned figure": more forløb than
-- planned is no shortfall. Every other target is judged by its own comparator.
CREATE OR REPLACE MACRO is_planned_volume(comparator, unit) AS (
    unit = 'forløb' AND comparator IN ('=', 'between')
);

CREATE OR REPLACE MACRO judged_comparator(comparator, unit) AS (
    CASE WHEN is_planned_volume(comparator, unit) THEN '>=' ELSE comparator END
);

-- The target's direction as the cards and tables say it.
CREATE OR REPLACE MACRO target_direction(comparator, unit) AS (
    CASE
        WHEN is_planned_volume(comparator, unit) THEN 'planlagt omfang'
        WHEN comparator = '>=' THEN 'mindst'
        WHEN comparator = '<=' THEN 'højst'
        WHEN comparator = 'rank<=' THEN 'placering'
        WHEN comparator = 'level_with' THEN 'på niveau med'
        WHEN comparator = 'between' THEN 'interval'
        WHEN comparator = 'increase' THEN 'flere'
        ELSE 'præcis'
    END
);

-- The rows the indicator pages show of one catalogue indicator for a list of areas
-- (queries/indicator_by_geography.sql, queries/indicator_latest_by_geography.sql): the
-- totals over age and gender, in the indicator's own grain, in the target group and origin
-- asked for; a breakdown the indicator does not have falls back to 'alle' (the rows'
-- group_code and origin say which was used).
--
-- It reads `observation` as the query calling it does: DuckDB binds a table macro's
-- tables where it is called, so on the app's connection it reads the privacy view
-- (docs/privacy.md). A view would not do: DuckDB binds a view's tables in the view's own
-- schema, which is the raw table (tests/test_privacy_rule.py pins both).
CREATE OR REPLACE MACRO indicator_rows(wanted_indicator, wanted_group, wanted_origin, geo_codes) AS TABLE
WITH chosen AS (
    SELECT CASE WHEN EXISTS (SELECT 1 FROM observation
                             WHERE indicator_id = wanted_indicator AND group_code = wanted_group)
                THEN wanted_group ELSE 'alle' END AS group_code,
           CASE WHEN EXISTS (SELECT 1 FROM observation
                             WHERE indicator_id = wanted_indicator AND origin = wanted_origin)
                THEN wanted_origin ELSE 'alle' END AS origin
)
SELECT o.*
FROM observation o
JOIN indicator i ON o.indicator_id = i.indicator_id AND o.grain = i.grain
JOIN chosen c ON o.group_code = c.group_code AND o.origin = c.origin
WHERE o.indicator_id = wanted_indicator
  AND o.age_band = 'alle' AND o.gender = 'alle'
  AND o.geo_code IN (SELECT unnest(geo_codes::VARCHAR[]));
