-- The status rule for targets (nået / på vej / ikke nået / ingen data), written once.
-- Stored in the database as macros so that every query that shows a status uses the
-- same rule; documented for users in docs/status.md. Inputs are plain numbers, so the
-- rule is tested on a hand-made table (tests/queries/test_status_rule.py).
--
-- comparator  one of '>=', '<=', '=', 'between', 'rank<=', 'level_with'
-- low, high   the target's bounds (for '>=' only low, for '<=' and 'rank<=' only high,
--             for '=' low = high; for 'level_with' the reference value in `low`)
-- value       the measured value (for 'rank<=' the rank, 1 = best)
-- *_before    the same, twelve months earlier (a year earlier for annual series)
-- decimals    the precision the value is shown with: the rule compares shown values

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

CREATE OR REPLACE MACRO target_status(comparator, higher_is_better, decimals,
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
