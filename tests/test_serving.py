"""`samverkan serve` as an operator runs it: waitress by default, settings from a file, clean stops, clear errors.

Each server here is the installed command in a process of its own, on a
free loopback port, over the session's built project, asked over real
HTTP; its standard error is kept to read the JSON log lines it writes.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from conftest import free_port, samverkan

from graph.errors import SamverkanError
from graph.settings import Settings
from webapp.security import HEADERS

COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
STARTUP = 90.0
"""Seconds a server may take to answer its first request (it opens the store first); not a measurement."""


@dataclass
class Server:
    """A running ``samverkan serve``: its URL, its process and the file its standard error goes to."""

    url: str
    process: subprocess.Popen[bytes]
    stderr: Path

    def log(self) -> list[dict[str, object]]:
        """Every line written to standard error, each of which must be a JSON object."""
        lines = self.stderr.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def logged(self, **fields: object) -> dict[str, object]:
        """The record having ``fields``, waited for: an access record is written once the answer has gone
        out, which may be just after the client has read it. Nothing is measured."""
        deadline = time.monotonic() + 30
        while True:
            found = [r for r in self.log() if all(r.get(key) == value for key, value in fields.items())]
            if found or time.monotonic() > deadline:
                assert len(found) == 1, (fields, found)
                return found[0]
            time.sleep(0.02)


@contextmanager
def running(root: Path, *options: str, stderr: Path, port: int | None = None) -> Iterator[Server]:
    """``samverkan --root ROOT serve --port P OPTIONS`` in a clean SAMVERKAN_* environment, stopped by SIGTERM.

    Given ``port``, the options (a config file) must name it; else a free one is given with ``--port``.
    """
    command = shutil.which("samverkan", path=str(Path(sys.executable).parent))
    assert command is not None, "the samverkan command is not installed: pip install -e '.[test]'"
    env = {name: value for name, value in os.environ.items() if not name.startswith("SAMVERKAN_")}
    for _ in range(1 if port else 3):  # a free port may be taken before the server binds it: then it exits at once
        chosen = port or free_port()
        port_options = () if port else ("--port", str(chosen))
        with stderr.open("wb") as errors:
            process = subprocess.Popen(
                [command, "--root", str(root), "serve", *port_options, *options],
                stdout=subprocess.DEVNULL,
                stderr=errors,
                env=env,
                start_new_session=True,  # its own process group: the dev server's reloader child goes with it
            )
        server = Server(f"http://127.0.0.1:{chosen}", process, stderr)
        try:
            if _answers(server):
                yield server
                return
        finally:
            stop(process)
    pytest.fail(f"samverkan serve did not start: {stderr.read_text(errors='replace')}")


def _answers(server: Server) -> bool:
    """Wait until ``server`` answers a request; False if its process ends first."""
    deadline = time.monotonic() + STARTUP
    while server.process.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(server.url + "/", timeout=5):
                return True
        except urllib.error.HTTPError:
            return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    return False


def stop(process: subprocess.Popen[bytes]) -> int:
    """SIGTERM to the server's process group, as a service manager stops it; its exit status."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None) -> Reply:
    """One request with the standard library, redirects not followed; an error status is a reply too."""

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.build_opener(NoRedirects).open(request, timeout=60) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Reply(error.code, dict(error.headers), error.read())


@pytest.fixture(scope="module")
def server(built: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The production server with its default settings, over the session's built project."""
    with running(built.root, "--threads", "4", "--query-workers", "1", stderr=tmp_path_factory.mktemp("serve") / "stderr") as started:
        yield started


# --- the server -----------------------------------------------------------------------------------


def test_serve_runs_waitress_on_loopback(server: Server) -> None:
    home = fetch(server.url + "/")
    assert home.status == 200 and home.headers["Server"] == "waitress"
    assert b"Samverkan" in home.body
    answer = fetch(server.url + "/sparql?" + urlencode({"query": COUNT}), headers={"Accept": "application/sparql-results+json"})
    assert answer.status == 200 and answer.headers["Server"] == "waitress"
    assert int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"]) > 0
    started = [record for record in server.log() if record["logger"] == "waitress"]
    assert started and started[0]["message"] == f"Serving on {server.url}"  # 127.0.0.1: the default address
    assert b"development server" not in server.stderr.read_bytes()


def test_dev_is_asked_for_and_runs_flask_s_server(built: Settings, tmp_path: Path) -> None:
    with running(built.root, "--dev", stderr=tmp_path / "stderr") as dev:
        reply = fetch(dev.url + "/")
        assert reply.status == 200 and reply.headers["Server"].startswith("Werkzeug/")
        assert reply.headers["Content-Security-Policy"] == HEADERS["Content-Security-Policy"]
    assert "development server" in (tmp_path / "stderr").read_text()


def test_sigterm_stops_the_server_cleanly(built: Settings, tmp_path: Path) -> None:
    with running(built.root, "--query-workers", "1", stderr=tmp_path / "stderr") as served:
        assert fetch(served.url + "/sparql?" + urlencode({"query": "ASK {}"}), headers={"Accept": "application/json"}).status == 200
        assert stop(served.process) == 0
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", int(served.url.rsplit(":", 1)[1])), timeout=5):
            pass


def test_a_port_in_use_is_a_clear_error(built: Settings) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = samverkan("--root", str(built.root), "serve", "--port", str(port))
    assert result.returncode == 2
    assert f"Error: Cannot listen on 127.0.0.1:{port}: Address already in use." in result.stderr
    assert "Traceback" not in result.stderr


# --- what every answer carries ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/static/style.css", "/api/search?q=KI", "/no/such/page", "/sparql?query=ASK%7B%7D", "/id/org/huddinge-kommun.ttl"],
)
def test_security_headers_through_waitress(server: Server, path: str) -> None:
    reply = fetch(server.url + path, headers={"Accept": "application/json"})
    assert reply.status in (200, 404), reply.body[:200]
    for name, value in HEADERS.items():
        assert reply.headers[name] == value, name


def test_the_access_and_query_logs_are_json_lines(server: Server) -> None:
    secret = "cookie-secret-4711"
    query = "SELECT ?s { ?s a sv:Municipality } LIMIT 3"
    headers = {"Accept": "text/csv", "Cookie": f"session={secret}", "Authorization": f"Bearer {secret}"}
    reply = fetch(server.url + "/sparql?" + urlencode({"query": query}), headers=headers)
    assert reply.status == 200
    logged = server.logged(event="query", query=query)  # each line is parsed as JSON, or the test fails here
    access = server.logged(event="access", request_id=logged["request_id"])
    assert (access["method"], access["path"], access["status"]) == ("GET", "/sparql", 200)
    assert access["client"] == "127.0.0.1" and access["bytes"] == len(reply.body)
    assert isinstance(access["duration_ms"], float) and access["query_string"] == urlencode({"query": query})
    assert logged["outcome"] == "ok" and logged["rows"] == 3 and logged["bytes"] == len(reply.body)
    assert logged["query_length"] == len(query) and len(str(logged["query_sha256"])) == 64
    assert secret not in server.stderr.read_text()


# --- limits ---------------------------------------------------------------------------------------


def test_limits_through_waitress(server: Server) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    cases = [
        (fetch(server.url + "/query", data=b"query=" + b"a" * 600_000, headers=form), 413),
        (fetch(server.url + "/sparql", data=b"query=" + b"a" * 600_000, headers={**form, "Accept": "text/plain"}), 413),
        (fetch(server.url + "/?q=" + "a" * 40_000), 414),
        (fetch(server.url + "/sparql?query=" + quote("ASK { ?s ?p '" + "a" * 40_000 + "' }"), headers={"Accept": "text/plain"}), 414),
        (fetch(server.url + "/api/search?q=K%00I"), 400),
        (fetch(server.url + "/api/search?q=100%"), 400),
        (fetch(server.url + "/network?view=%ff"), 400),
        (fetch(server.url + "/query", data=b"query=ASK%00%7B%7D", headers=form), 400),
    ]
    for reply, status in cases:
        assert reply.status == status, reply.body[:300]
    assert b"POST" in cases[3][0].body  # the endpoint tells how to send a long query


def test_a_huge_body_is_refused_before_it_is_sent(server: Server) -> None:
    """waitress answers 413 from the headers alone, so that the server never buffers the body."""
    connection = http.client.HTTPConnection("127.0.0.1", int(server.url.rsplit(":", 1)[1]), timeout=60)
    try:
        connection.putrequest("POST", "/query")
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Content-Length", "50000000")
        connection.endheaders()
        assert connection.getresponse().status == 413
    finally:
        connection.close()


def test_the_rate_limit_through_waitress(built: Settings, tmp_path: Path) -> None:
    options = ("--query-workers", "1", "--sparql-rate", "2/minute", "--sparql-rate-exempt", "none")
    with running(built.root, *options, stderr=tmp_path / "stderr") as limited:
        url = limited.url + "/sparql?" + urlencode({"query": "ASK {}"})
        replies = [fetch(url, headers={"Accept": "application/json"}) for _ in range(3)]
        assert [reply.status for reply in replies] == [200, 200, 429]
        assert int(replies[2].headers["Retry-After"]) > 0
        assert "at most 2 per 1 minute" in json.loads(replies[2].body)["error"]
        assert fetch(limited.url + "/").status == 200  # pages are not counted
        assert limited.logged(event="access", status=429)["path"] == "/sparql"


# --- settings from a file -------------------------------------------------------------------------


def test_a_config_file_sets_the_server_up(built: Settings, tmp_path: Path) -> None:
    port = free_port()
    config = tmp_path / "etc" / "samverkan.toml"
    config.parent.mkdir()
    config.write_text(f'port = {port}\nthreads = 2\nquery_workers = 1\nlog_file = "logs/serve.jsonl"\n')
    (config.parent / "logs").mkdir()
    with running(built.root, "--config", str(config), stderr=tmp_path / "stderr", port=port) as served:
        assert fetch(served.url + "/").status == 200
    logged = (config.parent / "logs" / "serve.jsonl").read_text().splitlines()  # relative to the file's folder
    assert any(json.loads(line).get("path") == "/" for line in logged)


def test_precedence_option_then_environment_then_file(tmp_path: Path) -> None:
    config = tmp_path / "samverkan.toml"
    config.write_text('port = 7000\nhost = "0.0.0.0"\nthreads = 3\nsparql_rate = "off"\n')
    environ = {"SAMVERKAN_CONFIG": str(config), "SAMVERKAN_PORT": "7001", "SAMVERKAN_HOST": "10.0.0.1"}
    settings = Settings.load({"port": "7002"}, environ=environ)
    assert (settings.port, settings.host, settings.threads, settings.sparql_rate) == (7002, "10.0.0.1", 3, None)
    assert settings.config == config and Settings.load({"config": str(config)}, environ={}).port == 7000
    defaults = Settings.load(environ={})
    assert (defaults.host, defaults.threads, defaults.sparql_rate, defaults.config) == ("127.0.0.1", 8, "60/minute", None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('port = 8080\nprot = 8081\n', ":2: 'prot' is not a setting; the settings are root, store"),
        ('port = "eighty"\n', ":1: port = 'eighty': --port / SAMVERKAN_PORT must be a positive number"),
        ('threads = 0\n', ":1: threads = 0: --threads / SAMVERKAN_THREADS must be a positive number"),
        ('sparql_rate = "lots"\n', ":1: sparql_rate = 'lots': --sparql-rate / SAMVERKAN_SPARQL_RATE must be a rate"),
        ('sparql_rate_exempt = "localhost"\n', ":1: sparql_rate_exempt = 'localhost': --sparql-rate-exempt"),
        ('store_kind = "cloud"\n', ":1: store_kind = 'cloud': The store kind must be one of disk, memory, endpoint"),
        ('debug = true\n', ":1: 'debug' is not a setting"),
        ('[server]\nport = 8080\n', ": 'server' is not a setting"),
        ('port = [8080]\n', ":1: port must be a string or a number, not [8080]."),
        ('port = 80 80\n', ": not valid TOML: Expected newline or end of document after a statement (at line 1, column 11)."),
    ],
)
def test_a_bad_config_file_names_the_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "samverkan.toml"
    config.write_text(text)
    with pytest.raises(SamverkanError) as raised:
        Settings.load({"config": str(config)}, environ={})
    assert str(raised.value).startswith(str(config)) and message in str(raised.value)
    result = samverkan("serve", "--config", str(config))
    assert result.returncode == 2 and result.stderr == f"Error: {raised.value}\n"


def test_a_missing_config_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(SamverkanError, match=f"Cannot read the config file {missing}: No such file or directory."):
        Settings.load(environ={"SAMVERKAN_CONFIG": str(missing)})
    result = samverkan("serve", "--config", str(missing))
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr
