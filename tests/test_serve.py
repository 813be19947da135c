"""`mkdocs serve` rebuilds when a file under the roots changes (a real server on a loopback port)."""

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
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


_BUILT = "spec_portfolio: published"


@dataclass
class Served:
    base: str
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)  # the server's log so far
    start: int = 0  # where the log of the test's own edits begins

    @property
    def log(self) -> str:
        return "".join(self.lines[self.start :])

    def logged(self, text: str, count: int = 1, seconds: float = 60) -> bool:
        """Wait until `count` lines of the log (since `start`) hold `text`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if sum(text in line for line in self.lines[self.start :]) >= count:
                return True
            time.sleep(0.1)
        return False

    def builds(self, count: int) -> bool:
        """Wait until `count` rebuilds after the test's edits have finished (our summary is their last
        line: MkDocs' own "Documentation built" is not logged twice with the same time)."""
        return self.logged(_BUILT, count)

    def watching(self, probe: Path) -> None:
        """Wait until the file watcher sees edits: it starts in threads of its own after the server does.
        The log starts afresh after the rebuild this causes."""
        assert self.logged("Serving on"), self.log
        for _ in range(30):
            probe.write_text(probe.read_text())
            if self.logged(_BUILT, 2, seconds=2):
                while not self._settled():  # an earlier write, seen late, may start another rebuild
                    pass
                self.start = len(self.lines)
                return
        raise AssertionError(f"the server never rebuilt:\n{self.log}")

    def _settled(self) -> bool:
        """Every build started has finished, and the log has been quiet for half a second."""
        seen = len(self.lines)
        time.sleep(0.5)
        started = sum("Building documentation..." in line for line in self.lines)
        finished = sum(_BUILT in line for line in self.lines)
        return len(self.lines) == seen and started == finished


@contextmanager
def serving(project: Path, **settings) -> Iterator[Served]:
    """`mkdocs serve` of SPECS in `project` on a free loopback port; stopped on exit."""
    write_tree(project, {"docs/index.md": "# Home\n", **SPECS})
    config = {"site_name": "Serve", "theme": {"name": "material"}, "plugins": ["spec-portfolio"], **settings}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-strict"]
    process = subprocess.Popen(
        command,
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        encoding="utf-8",
        errors="replace",
    )
    served = Served(f"http://127.0.0.1:{port}", process)
    assert process.stderr is not None
    reader = threading.Thread(target=lambda: served.lines.extend(process.stderr), daemon=True)
    reader.start()
    try:
        served.watching(project / "docs/index.md")
        yield served
    finally:
        process.terminate()
        process.wait(timeout=30)
        reader.join(timeout=30)


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
        assert served.builds(1)
    summaries = re.findall(r"reused (\d+) of (\d+) pages unchanged", served.log)
    assert summaries, served.log
    reused, total = map(int, summaries[-1])
    assert 0 < reused < total  # most pages come from the previous render, the changed feature's do not


def _page(body: str) -> str:
    """A served page without the live-reload script the server adds to it."""
    end = body.rindex("</body>")
    return body[: body.rindex("<script>", 0, end)] + body[end:]


def _same_as_a_fresh_build(project: Path, base: str) -> list[str]:
    """The served pages that differ from those of `mkdocs build` of the same files at the same address."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    fresh = project / "fresh"
    (project / "fresh.yml").write_text(
        yaml.safe_dump({**config, "site_url": f"{base}/", "site_dir": str(fresh)})
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "fresh.yml"]
    subprocess.run(command, cwd=project, env=env, check=True, timeout=120)
    pages = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*.html"))
    assert len(pages) > 20
    different = [
        page
        for page in pages
        if _page(fetch(f"{base}/{page}") or "</body>") != (fresh / page).read_text(encoding="utf-8")
    ]
    index = "search/search_index.json"
    if fetch(f"{base}/{index}") != (fresh / index).read_text(encoding="utf-8"):
        different.append(index)
    return different


def test_serve_rebuild_reuses_whole_pages_that_are_those_of_a_fresh_build(tmp_path):
    with serving(tmp_path, plugins=["search", "spec-portfolio"]) as served:
        base = served.base
        assert wait_for(f"{base}/portfolio/", "Approved")
        plan = tmp_path / "specs/001-kite-rental/plan.md"
        plan.write_text(plan.read_text().replace("by the hour", "by the fortnight"))
        assert served.builds(1) and "fortnight" in (fetch(f"{base}/specs/001-kite-rental/plan/") or "")
        assert _same_as_a_fresh_build(tmp_path, base) == []
        # A page's new title changes the navigation of every page: none may keep its old output.
        (tmp_path / "docs/index.md").write_text("# Kite Co handbook\n")
        assert served.builds(2)
        assert "Kite Co handbook" in (fetch(f"{base}/specs/002-wind-alerts/spec/") or "")
        assert _same_as_a_fresh_build(tmp_path, base) == []
    summaries = re.findall(
        r"unchanged since the last build(, (\d+) of them with the theme's output)?"
        r"(, (\d+) with their search entries)?",
        served.log,
    )
    assert len(summaries) == 2, served.log  # one for each edit
    # After the plan's edit, the other pages kept their output and search entries; after the title's,
    # none did.
    assert int(summaries[0][1]) > 20 and summaries[0][3] == summaries[0][1]
    assert summaries[1][0] == summaries[1][2] == ""


@pytest.mark.parametrize(
    "hook, reused",
    [
        ("def on_page_context(context, page, config, nav):\n    context['edited'] = True\n", False),
        ("def on_post_build(config):\n    pass\n", True),
    ],
    ids=["changes-page-contexts", "leaves-them"],
)
def test_serve_rebuild_reuses_whole_pages_only_when_no_hook_changes_page_contexts(tmp_path, hook, reused):
    write_tree(tmp_path, {"hook.py": hook})
    with serving(tmp_path, hooks=["hook.py"], plugins=["search", "spec-portfolio"]) as served:
        assert wait_for(f"{served.base}/specs/001-kite-rental/plan/", "by the hour")
        plan = tmp_path / "specs/001-kite-rental/plan.md"
        plan.write_text(plan.read_text().replace("by the hour", "by the fortnight"))
        assert served.builds(1)
    assert "Traceback" not in served.log
    assert len(re.findall(r"reused \d+ of \d+ pages unchanged since the last build", served.log)) == 1
    assert ("with the theme's output" in served.log) == reused, served.log


def test_serve_rebuild_never_reuses_a_page_a_hook_changed_once_the_hook_is_gone(tmp_path):
    hook = "def on_page_context(context, page, config, nav):\n    page.meta['description'] = 'Hooked'\n"
    write_tree(tmp_path, {"hook.py": hook})
    with serving(tmp_path) as served:
        page = f"{served.base}/specs/002-wind-alerts/spec/"
        assert wait_for(page, "Wind alerts")
        settings = tmp_path / "mkdocs.yml"
        plain = settings.read_text()
        settings.write_text(plain + "hooks: [hook.py]\n")
        assert served.builds(1) and "Hooked" in (fetch(page) or "")
        settings.write_text(plain)  # the settings of the first build again
        assert served.builds(2)
        assert "Hooked" not in (fetch(page) or "Hooked")
