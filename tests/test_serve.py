"""`python -m dashboard serve`: streamlit run app.py, after a warm-up in the server's process."""

import logging

import pytest
import streamlit as st

from dashboard import cli, data, serve, ui
from dashboard.settings import PROJECT_ROOT, get_settings


def _empty_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


def test_warm_up_opens_the_database_and_works_out_the_shared_filters(app_db, monkeypatch):
    _empty_caches()
    try:
        assert serve.warm_up() is True
        opened = []
        monkeypatch.setattr(data, "connect", lambda path: opened.append(path))
        monkeypatch.setattr(data, "run_query", lambda *args, **kwargs: opened.append(args[1]))
        ui.shared_choices()  # answered from the caches the warm-up filled
        for question in ui.shared_questions():
            question.answer()
        assert opened == []
    finally:
        _empty_caches()


def test_warm_up_without_a_database_says_so_in_the_log_and_lets_the_server_start(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("DASHBOARD_DB_PATH", str(tmp_path / "mangler.duckdb"))
    get_settings.cache_clear()
    _empty_caches()
    try:
        with caplog.at_level(logging.WARNING, logger="dashboard"):
            assert serve.warm_up() is False
        assert "Opvarmning uden database" in caplog.text and "mangler.duckdb" in caplog.text
    finally:
        get_settings.cache_clear()
        _empty_caches()


def test_serve_warms_up_then_hands_its_options_to_streamlit_run(monkeypatch):
    from streamlit.web import cli as streamlit_cli

    calls = []
    monkeypatch.setattr(serve, "warm_up", lambda: calls.append("warm_up") or True)

    def streamlit_main(**kwargs):
        calls.append(kwargs["args"])
        return 0

    monkeypatch.setattr(streamlit_cli, "main", streamlit_main)
    assert cli.main(["serve", "--server.port", "8502", "--server.headless", "true"]) == 0
    assert calls == ["warm_up", ["run", str(PROJECT_ROOT / "app.py"), "--server.port", "8502", "--server.headless", "true"]]


def test_other_commands_still_refuse_options_they_do_not_know(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["build", "--server.port", "8502"])
    assert stop.value.code == 2
    assert "unrecognized arguments: --server.port 8502" in capsys.readouterr().err
