"""Large portfolios are parsed, analysed and rendered in forked processes: with the same result, the same
log and the same strictness as in one process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from benchmarks.synthetic import generate
from conftest import write_tree
from spec_portfolio.load import load_portfolio
from spec_portfolio.parallel import AUTO_LIMIT, MIN_ITEMS_PER_WORKER, forked_map, worker_count
from spec_portfolio.report import portfolio_json

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _pid(_: int) -> int:
    return os.getpid()


def _fail(item: int) -> int:
    if item == 77:
        raise ValueError("item 77 is bad")
    return item


def test_forked_map_returns_in_order_from_child_processes():
    items = list(range(4 * MIN_ITEMS_PER_WORKER))
    assert forked_map(lambda i: i * i, items, workers=2) == [i * i for i in items]
    pids = set(forked_map(_pid, items, workers=2))
    assert pids and os.getpid() not in pids


def test_forked_map_raises_what_a_child_raised():
    with pytest.raises(ValueError, match="item 77 is bad"):
        forked_map(_fail, list(range(200)), workers=2)


PARENT = os.getpid()


def _die_in_a_child(item: int) -> int:
    if item == 150 and os.getpid() != PARENT:
        os._exit(1)  # as the kernel kills a process when memory runs out
    return item + 1


def test_a_child_that_dies_has_its_work_done_in_the_parent(caplog):
    assert forked_map(_die_in_a_child, list(range(200)), workers=2) == list(range(1, 201))
    assert "a worker process stopped" in caplog.text


def test_worker_count_follows_cpus_and_work_and_threaded_processes_stay_in_one():
    assert worker_count(MIN_ITEMS_PER_WORKER, 8) == 1
    assert worker_count(10 * MIN_ITEMS_PER_WORKER, 3) == 3
    assert worker_count(10 * MIN_ITEMS_PER_WORKER, 1) == 1
    cpus = len(os.sched_getaffinity(0))
    assert worker_count(100 * MIN_ITEMS_PER_WORKER) == min(cpus, AUTO_LIMIT)  # 0: one per CPU, up to four
    assert worker_count(100 * MIN_ITEMS_PER_WORKER, 6) == 6  # asked for: more than four
    assert forked_map(_pid, list(range(10)), workers=2) == [os.getpid()] * 10
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:  # as in the rebuilds of `mkdocs serve`, whose server thread runs beside them
        assert worker_count(10 * MIN_ITEMS_PER_WORKER, 2) == 1
    finally:
        stop.set()
        thread.join()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """30 features (186 documents) with a broken link, a missing anchor and a script in one of them."""
    root = tmp_path_factory.mktemp("synthetic")
    generate(root, 30, layout="epics")
    research = root / "specs/001-feature-1/research.md"
    research.write_text(
        research.read_text() + "\nSee [gone](gone.md) and [there](spec.md#no-such-part).\n\n"
        '<p>Hello <script>alert("pwned")</script><img src="x.png" onerror="alert(2)"></p>\n'
    )
    # What one Python-Markdown keeps between documents unless it is reset: references, footnotes.
    for doc in sorted(root.glob("specs/00[2-4]-*/*.md")):
        doc.write_text(doc.read_text() + "\nSee [label] and a note[^n].\n\n[^n]: The note.\n")
    definition = root / "specs/002-feature-2/research.md"
    definition.write_text(definition.read_text() + "\n[label]: https://example.com/label\n")
    write_tree(root, {"docs/index.md": "# Home\n"})
    return root


def test_loading_in_processes_gives_the_same_portfolio(synthetic):
    assert worker_count(186, 2) == 2  # so the load below does fork
    one = load_portfolio(synthetic, workers=1)
    two = load_portfolio(synthetic, workers=2)
    assert portfolio_json(two) == portfolio_json(one)
    assert [str(p) for p in two.problems] == [str(p) for p in one.problems]
    assert sum(len(d.findings) for d in one.documents.values()) > 30


def _build(project: Path, workers: int, strict: bool = False, **extra) -> subprocess.CompletedProcess[str]:
    settings = {
        "site_name": "Synthetic",
        "theme": {"name": "material"},
        "validation": {"anchors": "warn"},
        "plugins": ["search", {"spec-portfolio": {"workers": workers}}],
        **extra,
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings))
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-d",
        f"site{workers}",
        *(["--strict"] if strict else []),
    ]
    return subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, timeout=300)


def _log(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The log without the lines that differ between any two builds (folder, time, our summary)."""
    return [
        line
        for line in result.stderr.splitlines()
        if not any(s in line for s in ("Building documentation to", "Documentation built", "published"))
    ]


def test_pages_rendered_ahead_are_those_one_process_renders(synthetic):
    one, two = _build(synthetic, 1), _build(synthetic, 2)
    assert one.returncode == two.returncode == 0, two.stderr
    ahead = re.search(r"(\d+) of (\d+) pages rendered ahead in 2 processes", two.stderr)
    assert ahead and ahead[1] == ahead[2] and int(ahead[1]) > 186  # the documents and generated pages
    assert "rendered ahead" not in one.stderr
    # Warnings logged while a child rendered come out once, in MkDocs' order.
    assert _log(two) == _log(one)
    rendering = [line for line in _log(two) if line.startswith("WARNING -  Doc file")]  # MkDocs' own
    assert len(rendering) == 2
    assert "'gone.md'" in rendering[0] and "#no-such-part" in rendering[1]
    sites = synthetic / "site1", synthetic / "site2"
    files = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(sites[1]) for p in sites[1].rglob("*") if p.is_file())
    assert len(files) > 186
    different = [f for f in files if (sites[0] / f).read_bytes() != (sites[1] / f).read_bytes()]
    assert different == []
    research = (sites[1] / "specs/001-feature-1/research/index.html").read_text()
    assert "Hello" in research and "pwned" not in research and "onerror" not in research  # sanitised
    # Each page is rendered on its own: a reference defined in one document links there alone, and
    # every page numbers its footnotes from one.
    linked = [f for f in files if b'href="https://example.com/label"' in (sites[1] / f).read_bytes()]
    assert linked == [Path("specs/002-feature-2/research/index.html")]
    plan = (sites[1] / "specs/003-feature-3/plan/index.html").read_text()
    assert ">[label]</mark>" in plan and 'id="fn:n"' in plan and 'id="fn:n_1"' not in plan


def test_warnings_from_children_count_under_strict(synthetic):
    result = _build(synthetic, 2, strict=True)
    assert result.returncode == 1
    assert "Aborted with 3 warnings in strict mode!" in result.stdout + result.stderr  # ours, MkDocs' two


def test_a_page_another_plugin_changes_is_rendered_by_mkdocs(synthetic):
    hook = synthetic / "hook.py"
    hook.write_text(
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    if page.file.src_uri == 'specs/002-feature-2/plan.md':\n"
        "        return markdown + '\\n\\nAdded by a hook.\\n'\n"
    )
    result = _build(synthetic, 2, hooks=["hook.py"])
    assert result.returncode == 0, result.stderr
    ahead = re.search(r"(\d+) of (\d+) pages rendered ahead in 2 processes", result.stderr)
    assert ahead and int(ahead[1]) == int(ahead[2]) - 1
    html = (synthetic / "site2/specs/002-feature-2/plan/index.html").read_text()
    assert "Added by a hook." in html


@pytest.mark.parametrize(("value", "message"), [(-1, "0 or more"), (True, "0 or more"), ("two", "int")])
def test_workers_option_is_validated(make_site, value, message):
    site = make_site({}, plugin={"workers": value})
    assert site.aborted
    assert any("workers" in m and message in m for m in site.messages(40)), site.records


def test_check_command_reports_the_same_with_workers(synthetic):
    def check(*options: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "spec_portfolio", "check", "--format", "json", *options]
        return subprocess.run(command, cwd=synthetic, capture_output=True, text=True, timeout=120)

    one, two = check("--workers", "1"), check("--workers", "2")
    assert one.returncode == two.returncode == 1  # the synthetic portfolio has unfilled placeholders
    assert two.stdout == one.stdout and '"findings"' in one.stdout
    bad = check("--workers", "-1")
    assert bad.returncode == 2 and "--workers" in bad.stderr
