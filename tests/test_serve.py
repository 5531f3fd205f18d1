"""`python -m dashboard serve`: streamlit run app.py, after a warm-up in the server's process."""

import logging
import shutil
import socket
import subprocess
from pathlib import Path

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
    assert calls == [
        "warm_up",
        ["run", str(PROJECT_ROOT / "app.py"), "--server.port", "8502", "--server.headless", "true"],
    ]


def test_serve_script_runs_another_script_without_the_apps_warm_up(monkeypatch, tmp_path):
    from streamlit.web import cli as streamlit_cli

    calls = []
    monkeypatch.setattr(serve, "warm_up", lambda: calls.append("warm_up") or True)
    monkeypatch.setattr(serve, "when_listening", lambda then=None: calls.append(("when_listening", then)))
    monkeypatch.setattr(streamlit_cli, "main", lambda **kwargs: calls.append(kwargs["args"]) or 0)
    script = tmp_path / "gulv.py"
    assert cli.main(["serve", "--script", str(script), "--server.port", "8502"]) == 0
    assert calls == [("when_listening", None), ["run", str(script), "--server.port", "8502"]]


def _listener() -> socket.socket:
    listener = socket.socket()  # as Streamlit binds it: no protocol named
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    return listener


def _accepted_nodelay(listener: socket.socket) -> int:
    with socket.create_connection(listener.getsockname()) as _client:
        accepted, _ = listener.accept()
        with accepted:
            return accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_connections_to_a_socket_bound_like_streamlits_keep_nagles_algorithm_on():
    with _listener() as listener:
        assert _accepted_nodelay(listener) == 0


def test_nagle_off_turns_it_off_for_every_connection_the_listening_socket_accepts():
    with _listener() as listener, _listener() as other:
        assert serve.nagle_off(listener.getsockname()[1]) is True
        assert _accepted_nodelay(listener) == 1
        assert _accepted_nodelay(other) == 0  # another port's socket is left as it was


def test_nagle_off_says_so_when_nothing_listens_on_the_port():
    with _listener() as listener:
        port = listener.getsockname()[1]
    assert serve.nagle_off(port) is False


def test_nagle_off_without_dev_fd_leaves_the_server_as_it_is(monkeypatch):
    def no_dev_fd(path):
        raise FileNotFoundError(path)

    monkeypatch.setattr(serve.os, "listdir", no_dev_fd)
    with _listener() as listener:
        assert serve.nagle_off(listener.getsockname()[1]) is False
        assert _accepted_nodelay(listener) == 0


def test_once_the_server_answers_nagle_is_turned_off_before_the_first_run(monkeypatch):
    from streamlit import config

    calls = []
    monkeypatch.setattr(config, "get_option", lambda key: {"server.port": 8765}.get(key))
    monkeypatch.setattr(serve, "answers_health", lambda url: calls.append(("health", url)) or True)
    monkeypatch.setattr(serve, "nagle_off", lambda port: calls.append(("nagle_off", port)) or True)
    serve.when_listening(lambda url: calls.append(("then", url))).join(timeout=10)
    url = "http://127.0.0.1:8765"
    assert calls == [("health", url), ("nagle_off", 8765), ("then", url)]


def test_other_commands_still_refuse_options_they_do_not_know(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["build", "--server.port", "8502"])
    assert stop.value.code == 2
    assert "unrecognized arguments: --server.port 8502" in capsys.readouterr().err


# --- serve --workers N -------------------------------------------------------------------

HAPROXY = serve.haproxy_program()
needs_haproxy = pytest.mark.skipif(HAPROXY is None, reason="HAProxy findes ikke (apt-get install haproxy)")


def test_workers_auto_is_one_per_core_the_process_may_use(monkeypatch):
    monkeypatch.setattr(serve.os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert serve.worker_count("auto") == 3 and serve.worker_count("2") == 2


@pytest.mark.parametrize("value", ["0", "-1", "to", "1.5", ""])
def test_workers_must_be_a_whole_number_from_one_or_auto(value, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["serve", "--workers", value])
    assert stop.value.code == 2
    assert "--workers skal være et helt tal fra 1 eller 'auto'" in capsys.readouterr().err


def test_one_worker_is_todays_serve_without_a_proxy(monkeypatch):
    from streamlit.web import cli as streamlit_cli

    monkeypatch.setattr(serve, "warm_up", lambda: True)
    monkeypatch.setattr(serve, "serve_many", lambda *a, **k: pytest.fail("no proxy for one process"))
    monkeypatch.setattr(streamlit_cli, "main", lambda **kwargs: 0)
    assert cli.main(["serve", "--workers", "1", "--server.port", "8502"]) == 0


def test_many_workers_without_haproxy_say_so_in_one_danish_line_and_fail(monkeypatch, capsys):
    monkeypatch.setattr(serve, "haproxy_program", lambda: None)
    assert cli.main(["serve", "--workers", "2"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("Fejl: --workers 2 kræver HAProxy")
    assert "apt-get install haproxy" in err


@pytest.mark.parametrize(
    "options, port, rest",
    [
        (["--server.port", "9000", "--server.headless", "true"], "9000", ["--server.headless", "true"]),
        (["--server.port=9000"], "9000", []),
        (["--server.port", "1", "--server.port", "2"], "2", []),
        (["--server.headless", "true"], None, ["--server.headless", "true"]),
    ],
)
def test_the_public_port_is_taken_out_of_the_options_for_streamlit(options, port, rest):
    assert serve.take_option(options, "--server.port") == (port, rest)


def test_the_cookie_secret_is_made_once_kept_private_and_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.delenv(serve.COOKIE_SECRET_ENV, raising=False)
    first = serve.shared_cookie_secret(tmp_path)
    kept = tmp_path / serve.COOKIE_SECRET_FILE
    assert len(first) == 64 and kept.stat().st_mode & 0o777 == 0o600
    assert serve.shared_cookie_secret(tmp_path) == first
    monkeypatch.setenv(serve.COOKIE_SECRET_ENV, "fra-miljoeet")
    assert serve.shared_cookie_secret(tmp_path) == "fra-miljoeet"


def test_the_config_has_a_sticky_cookie_health_checks_and_one_server_per_process(tmp_path):
    config = serve.haproxy_config(":8501", [8502, 8503, 8504], global_settings=serve.runtime_global_settings(tmp_path))
    assert "balance roundrobin" in config and "cookie noegletal-proces insert" in config
    assert "http-check send meth GET uri /_stcore/health" in config and "timeout tunnel" in config
    assert [line.split()[1:3] for line in config.splitlines() if line.strip().startswith("server ")] == [
        ["app1", "127.0.0.1:8502"],
        ["app2", "127.0.0.1:8503"],
        ["app3", "127.0.0.1:8504"],
    ]
    assert "$" not in config


@needs_haproxy
def test_haproxy_accepts_the_config_serve_generates(tmp_path):
    config = tmp_path / "haproxy.cfg"
    config.write_text(
        serve.haproxy_config("127.0.0.1:8501", [8502, 8503], global_settings=serve.runtime_global_settings(tmp_path))
    )
    check = subprocess.run([HAPROXY, "-c", "-f", str(config)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@needs_haproxy
def test_deploy_haproxy_cfg_is_the_template_rendered_for_systemd_and_valid():
    """deploy/haproxy.cfg is what IT installs; it must not drift from what `serve` runs.
    Regenerate it with: python -c "from dashboard.serve import *; open('deploy/haproxy.cfg', 'w').write(
    haproxy_config(':8501', SYSTEMD_PORTS, global_settings=SYSTEMD_GLOBAL))" """
    shipped = PROJECT_ROOT / "deploy" / "haproxy.cfg"
    assert shipped.read_text() == serve.haproxy_config(
        ":8501", serve.SYSTEMD_PORTS, global_settings=serve.SYSTEMD_GLOBAL
    )
    check = subprocess.run([HAPROXY, "-c", "-f", str(shipped)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_systemd_units_start_the_app_processes_and_the_nightly_refresh():
    deploy = PROJECT_ROOT / "deploy"
    app = (deploy / "noegletal@.service").read_text()
    assert "-m dashboard serve --server.address 127.0.0.1 --server.port %i" in app
    assert "Restart=on-failure" in app and "EnvironmentFile=/etc/noegletal/noegletal.env" in app
    target = (deploy / "noegletal.target").read_text()
    assert all(f"noegletal@{port}.service" in target for port in serve.SYSTEMD_PORTS)
    assert "-m dashboard refresh" in (deploy / "noegletal-refresh.service").read_text()
    assert "OnCalendar=" in (deploy / "noegletal-refresh.timer").read_text()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze findes ikke")
def test_systemd_analyze_verify_finds_nothing_wrong_with_the_units_but_the_missing_installation():
    """Unknown keys, bad sections or timer syntax are reported; on this machine the app is not
    installed in /opt/noegletal, which is the one complaint allowed."""
    deploy = PROJECT_ROOT / "deploy"
    units = [
        deploy / name
        for name in (
            "noegletal@8502.service",
            "noegletal.target",
            "noegletal-refresh.service",
            "noegletal-refresh.timer",
        )
    ]
    verify = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *map(str, units)], capture_output=True, text=True, cwd=deploy
    )
    complaints = [
        line
        for line in (verify.stdout + verify.stderr).splitlines()
        if "Command /opt/noegletal/.venv/bin/python is not executable" not in line
    ]
    assert complaints == []


def test_a_child_of_serve_ends_when_serve_is_killed_outright(tmp_path):
    """SIGKILL gives `serve` no chance to stop its app processes and HAProxy; they get SIGTERM
    from the kernel instead (PR_SET_PDEATHSIG), so nothing is left listening."""
    import signal
    import sys
    import time

    supervisor = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from dashboard import serve; "
            "print(serve._start(['sleep', '60'], {}).pid, flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    child = int(supervisor.stdout.readline())
    assert Path(f"/proc/{child}").exists()
    supervisor.send_signal(signal.SIGKILL)
    supervisor.wait()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{child}").exists() and "Z" not in Path(f"/proc/{child}/stat").read_text().split()[2]:
        assert time.monotonic() < deadline, "barnet lever videre efter serve er dræbt"
        time.sleep(0.1)


def test_the_containerfile_copies_files_that_exist_and_the_build_context_keeps():
    """No container engine here to build it; what can be checked without one: every COPY source
    is in the repository and not left out of the build context by .dockerignore."""
    import fnmatch

    containerfile = (PROJECT_ROOT / "deploy" / "Containerfile").read_text()
    sources = [line.split()[1] for line in containerfile.splitlines() if line.startswith("COPY ")]
    ignored = [
        line for line in (PROJECT_ROOT / ".dockerignore").read_text().splitlines() if line and not line.startswith("#")
    ]
    assert {"src", "app.py", "pages", "queries", "data"} <= set(sources)
    for source in sources:
        assert (PROJECT_ROOT / source).exists(), source
        assert not any(fnmatch.fnmatch(source, pattern) for pattern in ignored), source
    compose = (PROJECT_ROOT / "deploy" / "compose.yaml").read_text()
    assert "dockerfile: deploy/Containerfile" in compose and "context: .." in compose
    assert 'serve", "--workers", "auto"' in containerfile and "haproxy" in containerfile


def test_serve_script_with_several_workers_is_refused_in_one_danish_line(capsys, tmp_path):
    assert cli.main(["serve", "--workers", "2", "--script", str(tmp_path / "gulv.py")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("Fejl: --script") and "--workers" in err
