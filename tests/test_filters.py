"""URL parsing: valid slugs pass, anything else falls back to the default with a notice."""

from dashboard.filters import Choice, canonical_params, parse_params

GRUPPE = Choice(
    "gruppe",
    "Målgruppe",
    ("alle", "dagpenge", "kontanthjaelp-aktivitetsparat"),
    {"alle": "Alle målgrupper", "dagpenge": "Dagpenge"},
    "alle",
)
FRA = Choice("fra", "Fra", ("2019-01", "2019-02", "2020-09"), {}, "2019-01")
TIL = Choice("til", "Til og med", ("2019-01", "2019-02", "2020-09"), {}, "2020-09")
CHOICES = [GRUPPE, FRA, TIL]


def test_valid_values_are_used_without_notice():
    state = parse_params({"gruppe": ["kontanthjaelp-aktivitetsparat"], "til": ["2019-02"]}, CHOICES)
    assert state.values == {"gruppe": "kontanthjaelp-aktivitetsparat", "fra": "2019-01", "til": "2019-02"}
    assert state.notices == []


def test_unknown_value_falls_back_to_default_with_a_notice_that_does_not_echo_it():
    state = parse_params({"gruppe": ["<script>alert(1)</script>"]}, CHOICES)
    assert state["gruppe"] == "alle"
    assert len(state.notices) == 1 and "script" not in state.notices[0]


def test_non_ascii_label_is_not_accepted_as_a_value():
    assert parse_params({"gruppe": ["Kontanthjælp"]}, CHOICES)["gruppe"] == "alle"


def test_unknown_keys_are_counted_not_repeated():
    state = parse_params({"x' OR 1=1 --": ["1"], "foo": ["bar"]}, CHOICES)
    assert state.notices == ["2 ukendt(e) parameter(e) i linket blev ignoreret."]


def test_parameters_of_other_pages_are_not_unknown():
    assert parse_params({"periode": ["2019h2-2020h1"], "visning": ["moede"]}, CHOICES).notices == []


def test_repeated_key_uses_the_last_value_with_a_notice():
    state = parse_params({"gruppe": ["alle", "dagpenge"]}, CHOICES)
    assert state["gruppe"] == "dagpenge" and len(state.notices) == 1


def test_period_out_of_range_or_reversed_falls_back():
    assert parse_params({"fra": ["1899-01"]}, CHOICES)["fra"] == "2019-01"
    reversed_state = parse_params({"fra": ["2020-09"], "til": ["2019-01"]}, CHOICES)
    assert (reversed_state["fra"], reversed_state["til"]) == ("2019-01", "2020-09")
    assert reversed_state.notices


def test_canonical_url_keeps_only_non_defaults_and_carried_values():
    state = parse_params({"gruppe": ["dagpenge"], "fra": ["2019-01"]}, CHOICES)
    assert canonical_params(state, CHOICES, {"periode": "2019h2-2020h1"}) == {
        "periode": "2019h2-2020h1",
        "gruppe": "dagpenge",
    }
