"""The access and query logs: one JSON line per request and per query, with what an operator reads, nothing private.

The app is served over real HTTP; its records are written by the same
formatter ``samverkan serve`` uses and read back as JSON.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from conftest import serving, settings_for
from flask import Flask

from graph.settings import Settings
from webapp import create_app, logs
from webapp.sparql import EXTENSION

Records = Callable[[], list[dict[str, Any]]]
RESULT_LIMIT = 5
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MUNICIPALITIES = "SELECT ?m { ?m a sv:Municipality } ORDER BY ?m"


@pytest.fixture
def records() -> Iterator[Records]:
    """The records the app logs from now on, each written as a JSON line by :class:`webapp.logs.JsonLines`, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonLines())
    logger = logging.getLogger("samverkan")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.fixture(scope="module")
def base(built: Settings) -> Iterator[str]:
    """The app on the built project, with a short time limit and a small result limit, over real HTTP."""
    settings = replace(built, query_timeout=1.0, result_limit=RESULT_LIMIT, query_workers=1)
    app: Flask = create_app({"TESTING": True, "SAMVERKAN_SETTINGS": settings})
    with serving(app) as url:
        yield url
    app.extensions[EXTENSION].close()


def get(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read()


def query(base: str, sparql: str) -> tuple[int, bytes]:
    return get(f"{base}/sparql?{urlencode({'query': sparql})}", headers={"Accept": "application/json"})


def one(found: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    """The one record having ``fields``."""
    matching = [record for record in found if all(record.get(key) == value for key, value in fields.items())]
    assert len(matching) == 1, (fields, found)
    return matching[0]


def logged(records: Records, **fields: Any) -> dict[str, Any]:
    """The one record having ``fields``, waited for: an access record is written once the answer has gone out,
    which may be just after the client has read it. Nothing is measured."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = records()
        if any(all(record.get(key) == value for key, value in fields.items()) for record in found):
            return one(found, **fields)
        time.sleep(0.02)
    return one(records(), **fields)


# --- access ---------------------------------------------------------------------------------------


def test_each_request_gets_an_access_record(base: str, records: Records) -> None:
    page = get(f"{base}/?lang=en")
    style = get(f"{base}/static/style.css")
    missing = get(f"{base}/no/such/page")
    for path, query_string, (status, body) in (("/", "lang=en", page), ("/static/style.css", "", style), ("/no/such/page", "", missing)):
        record = logged(records, event="access", path=path, query_string=query_string)
        assert record["logger"] == "samverkan.access" and record["level"] == "INFO"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", record["time"])
        assert (record["method"], record["status"], record["bytes"]) == ("GET", status, len(body))
        assert record["query_string"] == query_string and record["client"] == "127.0.0.1"
        assert isinstance(record["duration_ms"], float) and record["duration_ms"] >= 0
        assert re.fullmatch(r"[0-9a-f]{16}", record["request_id"])
    assert page[0] == 200 and missing[0] == 404


def test_no_header_reaches_the_log(base: str, records: Records) -> None:
    secret = "s3cret-value-0815"
    headers = {
        "Cookie": f"session={secret}",
        "Authorization": f"Basic {secret}",
        "Referer": f"https://example.org/{secret}",
        "User-Agent": f"agent-{secret}",
        "X-Api-Key": secret,
    }
    assert get(f"{base}/sparql?{urlencode({'query': 'ASK {}'})}", headers=headers)[0] == 200
    logged(records, event="access", path="/sparql")
    written = json.dumps(records())
    assert "/sparql" in written and secret not in written


def test_a_long_address_is_cut_in_the_log(base: str, records: Records) -> None:
    long = "x" * 3000
    get(f"{base}/?q={long}")
    cut = f"q={long}"[: logs.TEXT_CAP] + f"… [{len(long) + 2 - logs.TEXT_CAP} more characters]"
    assert logged(records, event="access", path="/", query_string=cut)["status"] == 200


# --- queries --------------------------------------------------------------------------------------


def test_an_answered_query_is_logged_with_its_size(base: str, records: Records) -> None:
    status, body = query(base, MUNICIPALITIES)
    assert status == 200
    rows = len(json.loads(body)["results"]["bindings"])
    record = one(records(), event="query")
    assert (record["outcome"], record["rows"], record["bytes"]) == ("ok", rows, len(body))
    assert record["truncated"] is (rows == RESULT_LIMIT) and record["media_type"] == "application/sparql-results+json"
    assert record["query"] == MUNICIPALITIES and record["query_length"] == len(MUNICIPALITIES)
    assert record["query_sha256"] == hashlib.sha256(MUNICIPALITIES.encode()).hexdigest()
    assert record["endpoint"] == "sparql.endpoint" and "error" not in record
    assert logged(records, event="access", request_id=record["request_id"])["status"] == 200


@pytest.mark.parametrize(
    ("sparql", "status", "outcome", "error"),
    [
        ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 400, "rejected", "QueryRefused"),
        ("SELECT * { ?s ?p }", 400, "rejected", "QuerySyntaxError"),
        ("ASK { " + "{" * 300 + "}" * 300 + " }", 400, "rejected", "QueryRefused"),
        (RUNAWAY, 503, "timeout", "QueryTimeout"),
    ],
    ids=["SERVICE", "syntax", "nesting", "timeout"],
)
def test_a_query_that_fails_is_logged_with_its_outcome(
    base: str, records: Records, sparql: str, status: int, outcome: str, error: str
) -> None:
    assert query(base, sparql)[0] == status
    record = one(records(), event="query")
    assert (record["outcome"], record["error"], record["status"]) == (outcome, error, status)
    assert "rows" not in record and record["query_sha256"] == hashlib.sha256(sparql.encode()).hexdigest()
    assert logged(records, event="access", request_id=record["request_id"])["status"] == status


def test_a_server_fault_is_an_error_and_names_no_path(tmp_path: Path, records: Records) -> None:
    app = create_app({"TESTING": True, "SAMVERKAN_SETTINGS": settings_for(tmp_path)})  # nothing built
    with serving(app) as url:
        assert query(url, "ASK {}")[0] == 503
    app.extensions[EXTENSION].close()
    record = one(records(), event="query")
    assert (record["outcome"], record["error"]) == ("error", "StoreNotFound")
    assert str(tmp_path) not in json.dumps(records())


def test_a_long_query_is_told_by_its_hash_and_length(base: str, records: Records) -> None:
    sparql = "# " + "a comment that goes on " * 400 + "\nASK {}"
    assert query(base, sparql)[0] == 200
    record = one(records(), event="query")
    assert record["query_length"] == len(sparql) and record["query_sha256"] == hashlib.sha256(sparql.encode()).hexdigest()
    assert record["query"] == sparql[: logs.TEXT_CAP] + f"… [{len(sparql) - logs.TEXT_CAP} more characters]"


# --- set-up ---------------------------------------------------------------------------------------


def test_configure_writes_every_record_as_a_json_line(tmp_path: Path, base: str) -> None:
    log_file = tmp_path / "samverkan.log"
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in ("", "samverkan", "waitress")}
    handler = logs.configure(log_file)

    def lines() -> list[dict[str, Any]]:
        return [json.loads(line) for line in log_file.read_text(encoding="utf-8").splitlines()]

    try:
        get(f"{base}/downloads")
        logged(lines, event="access", path="/downloads")
        logging.getLogger("some.library").info("not kept: below WARNING")
        logging.getLogger("some.library").warning("kept: %s", "a warning")
        try:
            raise ValueError("the reason")
        except ValueError:
            logging.getLogger("webapp").exception("failed")
    finally:
        root.removeHandler(handler)
        handler.close()
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    assert one(lines(), event="access", path="/downloads")["status"] == 200
    assert one(lines(), logger="some.library")["message"] == "kept: a warning"
    failure = one(lines(), logger="webapp")
    assert failure["level"] == "ERROR" and "ValueError: the reason" in failure["exception"]
