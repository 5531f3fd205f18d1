"""The requests the importers send, built offline: address, query, headers and body, checked
against STAR's "API Eksempler" (../shared/reference/real/api-eksempler.pdf) and the request
recorded with the real Y30R21 answer (data/real/SOURCES.md)."""

from __future__ import annotations

import json
import urllib.parse

from dashboard.importers import jobindsats, statbank

KEY = "nøgle-123"
# STAR, API Eksempler (2022), UC4: data for Y01A02, the last 12 months, split by sex.
STAR_EXAMPLE = "https://api.jobindsats.dk/v2/data/Y01A02/json/?period=l(m:12)&area=Hele%20landet&_kon=*"


def test_a_benefit_table_is_asked_for_like_stars_example_with_every_breakdown_the_mapping_reads():
    request = jobindsats.data_request("Y01A02", ["Hele landet"], "l(m:12)", KEY)
    url, example = urllib.parse.urlsplit(request.url), urllib.parse.urlsplit(STAR_EXAMPLE)
    assert (request.method, url.scheme, url.netloc, url.path) == ("GET", "https", example.netloc, example.path)
    query = urllib.parse.parse_qs(url.query)
    assert urllib.parse.parse_qs(example.query).items() <= query.items()
    assert query == {"area": ["Hele landet"], "period": ["l(m:12)"], "_kon": ["*"], "_aldera": ["*"], "_oprinda": ["*"]}
    assert "Hele%20landet" in request.url
    assert request.headers == {"Authorization": KEY, "Accept": "application/json"} and request.body is None


def test_kontanthjaelp_is_asked_for_by_match_group_too():
    request = jobindsats.data_request("Y36A02", ["Ballerup"], "l(M:60)", KEY)
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(request.url).query)["_matchgr"] == ["*"]


def test_y30r21_is_posted_with_its_four_ydelsesgrupper_as_in_the_recorded_request():
    request = jobindsats.data_request("Y30R21", ["*"], "*", KEY)
    assert (request.method, request.url) == ("POST", "https://api.jobindsats.dk/v2/data/Y30R21/json/")
    assert request.headers == {"Authorization": KEY, "Accept": "application/json", "Content-Type": "application/json"}
    assert json.loads(request.body) == {
        "area": "*",
        "period": "*",
        "_ygrp_y30r21": ["Ydelsesgrupper i alt", "A-dagpenge mv.", "Sygedagpenge mv.", "Kontanthjælp mv."],
    }


def test_statbank_auk01_is_asked_for_every_benefit_type_with_codes_and_labels():
    body = statbank.request_body(statbank.TABLES["AUK01"], ["151", "084", "000"])
    assert body["valuePresentation"] == "CodeAndValue" and body["format"] == "CSV"
    variables = {v["code"]: v["values"] for v in body["variables"]}
    assert variables == {
        "OMRÅDE": ["151", "084", "000"],
        "YDELSESTYPE": ["*"],
        "KØN": ["*"],
        "ALDER": ["*"],
        "Tid": ["*"],
    }
    assert statbank.request_body(statbank.TABLES["AUF02"], ["151"])["valuePresentation"] == "Code"
