"""The samverkan command given what it cannot use: files that are not there, options it does not have,
a store it may not write or that another process holds, and queries it must not run.

Each case runs the installed command as a user does and expects one clear
line on standard error, no traceback and a nonzero exit status, or, where
the command can do its work anyway (a store held open elsewhere), the work
done. Nothing published may change when a command fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, copy_project, samverkan, settings_for, snapshot

from graph.cli import main
from graph.settings import Settings


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(REPO, tmp_path_factory.mktemp("hostile-cli") / "project")
    result = samverkan("--root", str(root), "build")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def project(built_once: Path, tmp_path: Path) -> Settings:
    """A copy of the built project of the test's own, links and all."""
    root = tmp_path / "project"
    shutil.copytree(built_once, root, symlinks=True)
    return settings_for(root)


def refused(result: subprocess.CompletedProcess[str], *said: str, status: int = 2) -> None:
    """The command stopped with ``status`` and a message saying ``said`` on standard error, and nothing else."""
    assert result.returncode == status, result
    assert "Traceback" not in result.stderr and result.stdout == "", result
    for words in said:
        assert words in result.stderr, result.stderr


def invoked(runner: CliRunner, *args: str) -> subprocess.CompletedProcess[str]:
    """The command run in this process (quicker, for the cases that need no process of their own), as a
    finished process would be seen; an exception that escaped it counts as a traceback."""
    result = runner.invoke(main, list(args))
    escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
    stderr = result.stderr + ("Traceback: " + repr(result.exception) if escaped else "")
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, stderr)


# --- what is not there, and what is not an option -----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["query", "{tmp}/missing.rq"], ["No such query file: {tmp}/missing.rq"]),
        (["query", "{tmp}"], ["No such query file"]),
        (["validate", "{tmp}/missing.ttl"], ["'{tmp}/missing.ttl' does not exist"]),
        (["validate", "{tmp}"], ["is a directory"]),
        (["--config", "{tmp}/missing.toml", "stats"], ["'{tmp}/missing.toml' does not exist"]),
        (["ingest", "--out", "{tmp}/drafts", "{tmp}/missing.pdf"], ["{tmp}/missing.pdf: no such file"]),
        (["export", "--to", "/proc/samverkan-dumps"], ["/proc/", "No such file or directory"]),
        (["serve", "--log-file", "{tmp}/no/such/folder/log.jsonl"], ["{tmp}/no/such/folder/log.jsonl", "No such file"]),
    ],
)
def test_a_missing_file_is_named(
    runner: CliRunner, built: Settings, tmp_path: Path, args: list[str], said: list[str]
) -> None:
    result = invoked(runner, "--root", str(built.root), *(arg.format(tmp=tmp_path) for arg in args))
    refused(result, *(words.format(tmp=tmp_path) for words in said))


def test_a_missing_project_or_store_is_named(runner: CliRunner, tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere"
    refused(invoked(runner, "--root", str(nowhere), "build"), f"{nowhere}: the project root is not a directory")
    refused(invoked(runner, "--root", str(tmp_path), "query", "ASK {}"), "run `samverkan build` first")
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--bogus", "stats"], "No such option '--bogus'"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (["query", "--format", "xml", "ASK {}"], "'xml' is not one of 'table', 'csv', 'tsv', 'json'"),
        (["query"], "Missing argument 'QUERY'"),
        (["serve", "--port", "abc"], "'abc' is not a valid integer"),
        (["--store-kind", "weird", "stats"], "'weird' is not one of 'disk', 'memory', 'endpoint'"),
        (["validate", "--format", "yaml"], "'yaml' is not one of 'text', 'json'"),
        (["--store-kind", "endpoint", "stats"], "endpoint"),
    ],
)
def test_a_bad_option_gets_one_clear_message(runner: CliRunner, built: Settings, args: list[str], said: str) -> None:
    refused(invoked(runner, "--root", str(built.root), *args), said)


# --- a store that may not be written, or that another process holds ----------------------------------


@contextmanager
def read_only(directory: Path) -> Iterator[None]:
    """``directory`` made unwritable for this user: by its mode, or for root (whom modes do not stop) by
    the immutable attribute where the file system has one; else the test is skipped, saying why."""
    if os.geteuid() != 0:
        mode = directory.stat().st_mode
        directory.chmod(0o555)
        try:
            yield
        finally:
            directory.chmod(mode)
        return
    chattr = shutil.which("chattr")
    made = chattr and subprocess.run([chattr, "+i", str(directory)], capture_output=True, check=False).returncode == 0
    if not made:
        pytest.skip(
            f"running as root (euid 0), whom chmod does not stop, and `chattr +i` is not available on {directory}:"
            " there is no way to make a directory read-only for this user here"
        )
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(directory)], check=True)


def test_a_read_only_store_directory_stops_the_build_with_a_message(project: Settings) -> None:
    before = snapshot(project.store, project.dist)
    var = project.store.parent
    names = sorted(path.name for path in var.iterdir())
    with read_only(var):
        result = samverkan("--root", str(project.root), "build")
        refused(result, f"cannot use {var}", "ermi")  # "Permission denied" / "Operation not permitted"
        answered = samverkan("--root", str(project.root), "query", "ASK { ?s ?p ?o }")
    assert answered.returncode == 0 and answered.stdout == "true\n", answered  # reading needs no writing
    assert snapshot(project.store, project.dist) == before
    assert sorted(path.name for path in var.iterdir()) == names


@contextmanager
def holding(store: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process with ``store`` open for writing (Oxigraph's lock taken) until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import pyoxigraph, sys\nstore = pyoxigraph.Store(sys.argv[1])\nprint('open', flush=True)\nsys.stdin.read()\n", str(store.resolve())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        yield holder
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()


def test_a_store_another_process_holds_is_still_read_and_rebuilt(project: Settings) -> None:
    first = project.store.resolve()
    with holding(project.store) as holder:
        answered = samverkan("--root", str(project.root), "query", "ASK { ?s ?p ?o }")
        assert answered.returncode == 0 and answered.stdout == "true\n", answered
        counted = samverkan("--root", str(project.root), "stats")
        assert counted.returncode == 0 and "triples (distinct, all graphs)" in counted.stdout, counted
        rebuilt = samverkan("--root", str(project.root), "build")
        assert rebuilt.returncode == 0 and "Traceback" not in rebuilt.stderr, rebuilt  # written beside, switched
        assert project.store.resolve() != first
        again = samverkan("--root", str(project.root), "query", "ASK { ?s ?p ?o }")
        assert again.returncode == 0 and again.stdout == "true\n", again
        assert holder.poll() is None  # the other process was not disturbed


# --- queries the command must not run ----------------------------------------------------------------


def test_no_query_from_the_command_line_reaches_the_network(runner: CliRunner, built: Settings, tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        sock.setblocking(False)
        address = f"http://127.0.0.1:{sock.getsockname()[1]}/"
        refused(
            invoked(runner, "--root", str(built.root), "query", f"SELECT * {{ SERVICE <{address}> {{ ?s ?p ?o }} }}"),
            "SERVICE is not allowed (line 1, column 12)",
        )
        for update in (f"LOAD <{address}data.ttl>", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "CLEAR ALL"):
            refused(invoked(runner, "--root", str(built.root), "query", update), "read-only", "(line 1, column 1)")
        file = tmp_path / "service.rq"
        file.write_text(f"PREFIX ex: <{address}>\nASK {{ service ex:x {{ ?s ?p ?o }} }}\n", encoding="utf-8")
        refused(invoked(runner, "--root", str(built.root), "query", str(file)), "SERVICE is not allowed (line 2, column 7)")
        time.sleep(0.2)
        with pytest.raises(BlockingIOError):
            sock.accept()


def test_a_deeply_nested_query_is_refused_not_a_crash(built: Settings, tmp_path: Path) -> None:
    file = tmp_path / "deep.rq"
    file.write_text("SELECT * " + "{" * 20_000 + "}" * 20_000, encoding="utf-8")
    refused(samverkan("--root", str(built.root), "query", str(file)), "Brackets nest more than 200 deep")


def test_bad_query_text_and_files_get_a_clear_message(runner: CliRunner, built: Settings, tmp_path: Path) -> None:
    refused(invoked(runner, "--root", str(built.root), "query", "SELECT * {\n  ?s ?p }"), "line 2")
    latin1 = tmp_path / "latin1.rq"
    latin1.write_bytes("ASK { ?s ?p 'å' }".encode("latin-1"))
    refused(invoked(runner, "--root", str(built.root), "query", str(latin1)), f"Cannot read the query file {latin1}")
    nul = tmp_path / "nul.rq"
    nul.write_bytes(b"ASK {\x00}")
    refused(invoked(runner, "--root", str(built.root), "query", str(nul)), "not valid SPARQL")


def test_a_long_query_written_out_is_run(built: Settings) -> None:
    long = "ASK { ?s ?p ?o } # " + "padding " * 600
    result = samverkan("--root", str(built.root), "query", long)
    assert result.returncode == 0 and result.stdout == "true\n", result
