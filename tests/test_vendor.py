"""vis-network is served by the app itself, from the installed pyvis package."""

from __future__ import annotations

import urllib.request

from webapp.vendor import VIS_NETWORK_VERSION


def test_vis_network_is_served_from_the_app(live_server: str) -> None:
    base = f"{live_server}/vendor/vis-network-{VIS_NETWORK_VERSION}"
    with urllib.request.urlopen(f"{base}/vis-network.min.js") as reply:
        script = reply.read()
        assert reply.headers.get_content_type() in {"text/javascript", "application/javascript"}
    assert b"vis-network" in script[:2000] and len(script) > 100_000
    with urllib.request.urlopen(f"{base}/vis-network.css") as reply:
        assert reply.headers.get_content_type() == "text/css" and b".vis-network" in reply.read()


def test_other_files_of_the_package_are_not_served(client) -> None:  # type: ignore[no-untyped-def]
    reply = client.get(f"/vendor/vis-network-{VIS_NETWORK_VERSION}/../../network.py")
    assert reply.status_code == 404
