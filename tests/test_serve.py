"""`mkdocs serve` rebuilds when a file under the roots changes (a real server on a loopback port)."""

import os
import re
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

import yaml
from conftest import write_tree
from fixtures import SPECS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and text in body:
            return True
        time.sleep(0.3)
    return False


@dataclass
class Served:
    base: str
    process: subprocess.Popen
    log: str = ""  # the server's log, once it has stopped


@contextmanager
def serving(project: Path) -> Iterator[Served]:
    """`mkdocs serve` of SPECS in `project` on a free loopback port; stopped (and its log read) on exit."""
    write_tree(project, {"docs/index.md": "# Home\n", **SPECS})
    config = {"site_name": "Serve", "theme": {"name": "material"}, "plugins": ["spec-portfolio"]}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-strict"]
    process = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    served = Served(f"http://127.0.0.1:{port}", process)
    try:
        yield served
    finally:
        process.terminate()
        served.log = process.communicate(timeout=30)[1].decode()


def test_serve_reloads_when_a_spec_changes_and_a_feature_is_added(tmp_path):
    with serving(tmp_path) as served:
        base = served.base
        assert wait_for(f"{base}/specs/001-kite-rental/plan/", "Rent kites by the hour.")
        plan = tmp_path / "specs/001-kite-rental/plan.md"
        plan.write_text(plan.read_text().replace("Rent kites by the hour.", "Rent kites by the day."))
        assert wait_for(f"{base}/specs/001-kite-rental/plan/", "Rent kites by the day.")
        write_tree(
            tmp_path,
            {"plans/ops/fleet/FLEET-1/features/FLEET-1-SAIL/spec.md": "# Feature Specification: Sails\n"},
        )
        assert wait_for(f"{base}/plans/ops/fleet/FLEET-1/exec-plan/", "FLEET-1-SAIL")


def test_serve_survives_files_deleted_or_broken_while_it_runs(tmp_path):
    with serving(tmp_path) as served:
        base = served.base
        assert wait_for(f"{base}/specs/001-kite-rental/research/", "Research")
        (tmp_path / "specs/001-kite-rental/research.md").unlink()
        (tmp_path / "specs/001-kite-rental/tasks.md").write_bytes(b"# Tasks\n\n- [x] T001 caf\xe9\n")
        assert wait_for(f"{base}/specs/001-kite-rental/tasks/", "caf\ufffd")
        assert fetch(f"{base}/specs/001-kite-rental/research/") is None  # gone, and nothing broke
        assert (
            "Research"
            not in (fetch(f"{base}/specs/001-kite-rental/spec/") or "").split('class="sp-bar"')[1][:2000]
        )
        assert served.process.poll() is None
    assert "specs/001-kite-rental/tasks.md:3: is not valid UTF-8" in served.log
    assert "Traceback" not in served.log


def test_serve_rebuild_reuses_unchanged_pages_and_keeps_aggregates_right(tmp_path):
    with serving(tmp_path) as served:
        base = served.base
        assert wait_for(f"{base}/portfolio/", "Approved")
        spec = tmp_path / "specs/001-kite-rental/spec.md"
        spec.write_text(spec.read_text().replace("**Status**: Approved", "**Status**: Implemented"))
        # The dashboard and the feature's other pages (whose badges roll the spec up) are rebuilt...
        assert wait_for(f"{base}/portfolio/", "Implemented")
        assert wait_for(f"{base}/specs/001-kite-rental/plan/", ">Implemented</span>")
        # ...and a page of another feature, unchanged, still shows what it showed.
        assert "Wind alerts" in (fetch(f"{base}/specs/002-wind-alerts/spec/") or "")
    summaries = re.findall(r"reused (\d+) of (\d+) pages unchanged", served.log)
    assert summaries, served.log
    reused, total = map(int, summaries[-1])
    assert 0 < reused < total  # most pages come from the previous render, the changed feature's do not
