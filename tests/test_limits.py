"""Request limits: bodies, addresses, malformed parameters and the query rate, each a clear 4xx, never a 500.

Clients are told apart by address: the test client sends each request
from the address a test names (documentation addresses, 203.0.113.0/24),
so that no traffic leaves the machine.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import quote, urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import TestResponse

from graph.errors import SamverkanError
from graph.settings import Settings
from webapp import create_app
from webapp.i18n import MESSAGES
from webapp.limits import EXTENSION as LIMITER, MAX_BODY_BYTES, MAX_URL_BYTES
from webapp.sparql import EXTENSION

ASK = "ASK {}"
FORM = "application/x-www-form-urlencoded"
ONE, OTHER = "203.0.113.5", "203.0.113.6"


def app_with(built: Settings, **changes: object) -> Flask:
    return create_app({"TESTING": True, "SAMVERKAN_SETTINGS": replace(built, query_workers=1, **changes)})


@pytest.fixture
def limited(built: Settings) -> Iterator[Flask]:
    """Two queries a minute for every client: no address is exempt."""
    app = app_with(built, sparql_rate="2/minute", sparql_rate_exempt=())
    yield app
    app.extensions[EXTENSION].close()


def ask(client: FlaskClient, address: str, accept: str = "application/json") -> TestResponse:
    return client.get("/sparql", query_string={"query": ASK}, headers={"Accept": accept}, environ_base={"REMOTE_ADDR": address})


# --- the query rate -------------------------------------------------------------------------------


def test_a_client_over_the_rate_is_told_to_wait(limited: Flask) -> None:
    client = limited.test_client()
    assert [ask(client, ONE).status_code for _ in range(2)] == [200, 200]
    refused = ask(client, ONE)
    assert refused.status_code == 429 and refused.mimetype == "application/json"
    wait = int(refused.headers["Retry-After"])
    assert 0 < wait <= 60
    assert refused.json == {
        "ok": False,
        "status": 429,
        "error": f"Too many queries from your address: at most 2 per 1 minute. Try again in {wait} s.",
    }
    plain = ask(client, ONE, "text/csv")
    assert plain.status_code == 429 and plain.mimetype == "text/plain" and b"Too many queries" in plain.data
    assert plain.headers["Access-Control-Allow-Origin"] == "*"  # a page elsewhere can read why
    assert ask(client, OTHER).status_code == 200  # counted per client
    assert client.get("/", environ_base={"REMOTE_ADDR": ONE}).status_code == 200  # pages are not counted
    preflight = client.options("/sparql", environ_base={"REMOTE_ADDR": ONE}, headers={"Origin": "https://example.org"})
    assert preflight.status_code == 200


def test_a_browser_over_the_rate_gets_both_languages(limited: Flask) -> None:
    client = limited.test_client()
    for _ in range(2):  # the query page and the endpoint share one budget
        page = client.get("/query", query_string={"query": ASK}, environ_base={"REMOTE_ADDR": ONE})
        assert page.status_code == 200
    assert client.get("/query", environ_base={"REMOTE_ADDR": ONE}).status_code == 200  # the editor alone runs nothing
    refused = client.get("/query", query_string={"query": ASK}, environ_base={"REMOTE_ADDR": ONE})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    text = refused.get_data(as_text=True)
    for lang in ("sv", "en"):
        assert MESSAGES[lang]["error_429"] in text and MESSAGES[lang]["error_429_hint"] in text
    posted = client.post("/sparql", data={"query": ASK}, headers={"Accept": "text/html"}, environ_base={"REMOTE_ADDR": ONE})
    assert posted.status_code == 429 and posted.mimetype == "text/html"
    text = posted.get_data(as_text=True)
    assert MESSAGES["sv"]["error_sparql"] in text and MESSAGES["en"]["error_sparql"] in text and "Too many queries" in text


def test_loopback_is_exempt_by_default(built: Settings) -> None:
    app = app_with(built, sparql_rate="2/minute")
    client = app.test_client()
    assert [ask(client, "127.0.0.1").status_code for _ in range(4)] == [200] * 4
    assert [ask(client, "::1").status_code for _ in range(4)] == [200] * 4
    assert [ask(client, ONE).status_code for _ in range(3)] == [200, 200, 429]
    app.extensions[EXTENSION].close()


def test_off_means_no_limit(built: Settings) -> None:
    app = app_with(built, sparql_rate=None, sparql_rate_exempt=())
    client = app.test_client()
    assert [ask(client, ONE).status_code for _ in range(4)] == [200] * 4
    assert LIMITER not in app.extensions
    app.extensions[EXTENSION].close()


@pytest.mark.parametrize(
    ("given", "resolved"),
    [("off", None), ("OFF", None), ("60/minute", "60/minute"), ("10 per second; 1000/day", "10 per second; 1000/day")],
)
def test_rates_as_written(given: str, resolved: str | None) -> None:
    assert Settings.load({"sparql_rate": given}, environ={}).sparql_rate == resolved


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("sparql_rate", "60 a minute", "--sparql-rate / SAMVERKAN_SPARQL_RATE must be a rate such as 60/minute"),
        ("sparql_rate", "0/minute", "not '0/minute'"),
        ("sparql_rate_exempt", "localhost", "--sparql-rate-exempt / SAMVERKAN_SPARQL_RATE_EXEMPT must be IP addresses"),
        ("trusted_proxy", "proxy.local", "--trusted-proxy / SAMVERKAN_TRUSTED_PROXY must be an IP address"),
    ],
)
def test_bad_limit_settings_are_named(name: str, value: str, message: str) -> None:
    with pytest.raises(SamverkanError, match=message):
        Settings.load(environ={f"SAMVERKAN_{name.upper()}": value})


def test_exempt_addresses_as_written() -> None:
    assert Settings.load({"sparql_rate_exempt": "none"}, environ={}).sparql_rate_exempt == ()
    exempt = Settings.load({"sparql_rate_exempt": "10.1.0.0/16, 192.0.2.7"}, environ={}).sparql_rate_exempt
    assert [str(network) for network in exempt] == ["10.1.0.0/16", "192.0.2.7/32"]


# --- bodies and addresses -------------------------------------------------------------------------


def test_a_body_over_the_limit_gets_413_as_the_client_reads(client: FlaskClient) -> None:
    big = b"query=" + b"a" * MAX_BODY_BYTES
    page = client.post("/query", data=big, content_type=FORM)
    assert page.status_code == 413 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    for lang in ("sv", "en"):
        assert MESSAGES[lang]["error_413"] in text and MESSAGES[lang]["error_413_hint"] in text
    as_json = client.post("/query", data=big, content_type=FORM, headers={"Accept": "application/json"})
    assert as_json.status_code == 413 and as_json.json["status"] == 413 and as_json.json["title"] == MESSAGES["sv"]["error_413"]
    endpoint = client.post("/sparql", data=big, content_type=FORM, headers={"Accept": "text/plain"})
    assert endpoint.status_code == 413 and endpoint.mimetype == "text/plain"
    assert f"at most {MAX_BODY_BYTES:,}" in endpoint.get_data(as_text=True)
    assert client.post("/query", data=b"query=ASK%7B%7D", content_type=FORM).status_code == 200


def test_an_address_over_the_limit_gets_414(client: FlaskClient) -> None:
    fits = "/?q=" + "a" * (MAX_URL_BYTES - len("/q="))  # PATH_INFO and QUERY_STRING, the "?" not counted
    assert client.get(fits).status_code == 200
    page = client.get(fits + "a")
    assert page.status_code == 414
    text = page.get_data(as_text=True)
    for lang in ("sv", "en"):
        assert MESSAGES[lang]["error_414"] in text and MESSAGES[lang]["error_414_hint"] in text
    long_query = "ASK { ?s ?p '" + "å" * MAX_URL_BYTES + "' }"
    endpoint = client.get("/sparql?query=" + quote(long_query), headers={"Accept": "text/plain"})
    assert endpoint.status_code == 414 and "Send a long SPARQL query by POST" in endpoint.get_data(as_text=True)
    assert client.post("/sparql", data={"query": long_query}, headers={"Accept": "application/json"}).status_code == 200


def test_the_messages_name_the_limits() -> None:
    assert f"{MAX_BODY_BYTES:,}" in MESSAGES["en"]["error_413_hint"]
    assert f"{MAX_BODY_BYTES:,}".replace(",", " ") in MESSAGES["sv"]["error_413_hint"]
    assert f"{MAX_URL_BYTES:,}" in MESSAGES["en"]["error_414_hint"]
    assert f"{MAX_URL_BYTES:,}".replace(",", " ") in MESSAGES["sv"]["error_414_hint"]


# --- malformed parameters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/sparql?query=ASK%00%7B%7D", "parameter 'query': a NUL character (%00)"),
        ("/sparql?query=ASK%7B%7D&%00=1", "parameter '\\x00': a NUL character"),
        ("/sparql?query=100%", "parameter 'query': a % that is not followed by two hexadecimal digits ('%')"),
        ("/sparql?query=ASK%zz", "parameter 'query': a % that is not followed by two hexadecimal digits ('%zz')"),
        ("/sparql?query=ASK%7B%C3%28%7D", "parameter 'query': its value is not UTF-8 (byte 5)"),
        ("/sparql?query=ASK%7B%7D&na%E5me=1", "parameter 'na\ufffdme': its name is not UTF-8 (byte 3)"),
    ],
)
def test_a_malformed_parameter_at_the_endpoint_is_named(client: FlaskClient, path: str, said: str) -> None:
    reply = client.get(path, headers={"Accept": "text/plain"})
    assert reply.status_code == 400 and reply.mimetype == "text/plain"
    assert reply.get_data(as_text=True).startswith(f"The query string, {said}")


@pytest.mark.parametrize(
    "path",
    [
        "/?lang=%00",
        "/network?from=20%2",
        "/id/org/huddinge-kommun?format=%C0%AF",
        "/static/style.css?v=%00",
        "/no/such/page?x=%00",
        "/timeline?org=%E2%82",
    ],
)
def test_malformed_parameters_on_pages_get_400(client: FlaskClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 400 and page.mimetype == "text/html"
    as_json = client.get(path, headers={"Accept": "application/json"})
    assert as_json.status_code == 400 and as_json.json["status"] == 400


@pytest.mark.parametrize(
    ("path", "said"),
    [("/api/search?q=K%00I", "parameter 'q': a NUL character"), ("/api/network?view=%ff", "parameter 'view': its value")],
)
def test_malformed_parameters_of_the_api_are_named(client: FlaskClient, path: str, said: str) -> None:
    reply = client.get(path)
    assert reply.status_code == 400 and reply.mimetype == "application/json" and said in reply.json["message"]


def test_a_malformed_form_gets_400(client: FlaskClient) -> None:
    for body in (b"query=ASK%00%7B%7D", b"query=%ff", b"query=ASK%7"):
        assert client.post("/query", data=body, content_type=FORM).status_code == 400
        reply = client.post("/sparql", data=body, content_type=FORM, headers={"Accept": "application/json"})
        assert reply.status_code == 400 and reply.json["error"].startswith("The form, parameter 'query': ")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=40))
def test_no_query_string_makes_a_500(app: Flask, raw: bytes) -> None:
    """Any bytes, percent-encoded, in a parameter: a page or an error, never a crash."""
    client = app.test_client()
    encoded = quote(raw, safe="")
    for path in (f"/api/search?q={encoded}", f"/network?view={encoded}", f"/?lang={encoded}", f"/sparql?query={encoded}"):
        status = client.get(path, headers={"Accept": "application/json"}).status_code
        assert status < 500, (path, status)


def test_the_limited_answers_are_json_when_asked(limited: Flask) -> None:
    client = limited.test_client()
    for _ in range(2):
        client.post("/sparql", data=urlencode({"query": ASK}), content_type=FORM, environ_base={"REMOTE_ADDR": ONE})
    refused = client.post(
        "/sparql",
        data=urlencode({"query": ASK}),
        content_type=FORM,
        environ_base={"REMOTE_ADDR": ONE},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert refused.status_code == 429 and json.loads(refused.data)["status"] == 429
