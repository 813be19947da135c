"""Large portfolios are parsed, analysed and rendered in forked processes: with the same result, the same
log and the same strictness as in one process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
import yaml
from benchmarks.synthetic import generate
from conftest import write_tree
from spec_portfolio.load import load_portfolio
from spec_portfolio.parallel import AUTO_LIMIT, MIN_ITEMS_PER_WORKER, forked_imap, forked_map, worker_count
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


_state = {"value": "at the fork"}


def _state_in(item: int) -> tuple[int, str, int]:
    return item, _state["value"], os.getpid()


def test_forked_imap_forks_before_it_returns_and_hands_results_in_order():
    results = forked_imap(_state_in, list(range(300)), children=1)
    _state["value"] = "changed after the fork"
    try:
        got = list(results)
    finally:
        _state["value"] = "at the fork"
    assert [item for item, _, _ in got] == list(range(300))
    assert {value for _, value, _ in got} == {"at the fork"}
    assert len({pid for _, _, pid in got}) == 1 and got[0][2] != os.getpid()
    stopped = forked_imap(_state_in, list(range(300)), children=1)
    assert next(stopped)[0] == 0
    stopped.close()  # stops the child; nothing is left running
    assert threading.active_count() == 1


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
    # Material's search strips `data-search-*` attributes from a page's content as it indexes the page.
    write_tree(
        root,
        {
            "docs/index.md": "# Home\n",
            "docs/quiet.md": '# Quiet\n\n## Unlisted { data-search-exclude="1" }\n',
        },
    )
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


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_pages_rendered_ahead_are_those_one_process_renders(synthetic):
    one, two = _build(synthetic, 1), _build(synthetic, 2)
    assert one.returncode == two.returncode == 0, two.stderr
    ahead = re.search(r"(\d+) of (\d+) pages rendered ahead in 2 processes", two.stderr)
    assert ahead and ahead[1] == ahead[2] and int(ahead[1]) > 186  # the documents and generated pages
    assert "rendered ahead" not in one.stderr
    themed = re.search(r"(\d+) of (\d+) pages through the theme ahead in 1 process\b", two.stderr)
    assert themed and themed[1] == themed[2] and int(themed[1]) > 186
    assert "through the theme ahead" not in one.stderr
    # Warnings logged while a child rendered come out once, in MkDocs' order.
    assert _log(two) == _log(one)
    rendering = [line for line in _log(two) if line.startswith("WARNING -  Doc file")]  # MkDocs' own
    assert len(rendering) == 1 and "#no-such-part" in rendering[0]
    # The broken link is ours alone, with its line: MkDocs' warning about it, made in a child, is dropped.
    assert [line for line in _log(two) if "gone.md" in line] == [
        "WARNING -  spec_portfolio: specs/001-feature-1/research.md:"
        f"{_line_of(synthetic / 'specs/001-feature-1/research.md', 'gone.md')}: "
        "links to 'gone.md', which does not exist"
    ]
    sites = synthetic / "site1", synthetic / "site2"
    files = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(sites[1]) for p in sites[1].rglob("*") if p.is_file())
    assert len(files) > 186
    different = [f for f in files if (sites[0] / f).read_bytes() != (sites[1] / f).read_bytes()]
    assert different == []
    quiet = (sites[1] / "quiet/index.html").read_text()
    assert "Unlisted" in quiet and "data-search-" not in quiet
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
    # The broken link's (ours, MkDocs' own about it dropped) and the missing anchor's (MkDocs').
    assert "Aborted with 2 warnings in strict mode!" in result.stdout + result.stderr


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


def test_a_page_context_another_plugin_changes_goes_through_the_theme_here(synthetic):
    (synthetic / "context_hook.py").write_text(
        "def on_page_context(context, page, **kwargs):\n"
        "    page.content = (page.content or '') + '<p>Seen by a hook.</p>'\n"
    )
    result = _build(synthetic, 2, hooks=["context_hook.py"])
    assert result.returncode == 0, result.stderr
    assert "through the theme ahead" not in result.stderr
    assert "Seen by a hook." in (synthetic / "site2/specs/002-feature-2/plan/index.html").read_text()


def _build_with_filter(project: Path, name: str, body: str) -> list[subprocess.CompletedProcess[str]]:
    """Builds with 1 and 2 workers whose `main.html` runs every page through a template filter `name`
    (`body`, of `page`, from a hook), which may log, raise or exit."""
    (project / f"{name}_hook.py").write_text(
        "import logging, os\n"
        f"log, parent = logging.getLogger('mkdocs.hooks.{name}'), os.getpid()\n"
        "def on_env(env, **kwargs):\n"
        f"    def {name}(page):\n" + textwrap.indent(textwrap.dedent(body), " " * 8) + "        return ''\n"
        f"    env.filters['{name}'] = {name}\n"
    )
    main = (
        '{% extends "base.html" %}{% block content %}{{ page | ' + name + " }}{{ super() }}{% endblock %}\n"
    )
    write_tree(project, {f"overrides/{name}/main.html": main})
    theme = {"name": "material", "custom_dir": f"overrides/{name}"}
    return [_build(project, n, hooks=[f"{name}_hook.py"], theme=theme) for n in (1, 2)]


def test_what_the_theme_logs_or_raises_comes_from_this_process_in_order(synthetic):
    """A page whose templates log in a child goes through the theme again here; so does one that fails."""
    failing = "plans/scope2/service2/EP-3/features/EP-3-F7/spec.md"
    one, two = _build_with_filter(
        synthetic,
        "shout",
        f"""
        if page.file.src_uri.endswith('plan.md'):
            log.warning(f'shouted {{page.file.src_uri}}')
        if page.file.src_uri == '{failing}':
            raise ValueError('a template that fails on EP-3-F7')
        """,
    )
    assert one.returncode == two.returncode == 1
    assert f"Error building page '{failing}'" in two.stderr
    assert "ValueError: a template that fails on EP-3-F7" in two.stderr

    def messages(result: subprocess.CompletedProcess[str]) -> list[str]:  # the traceback's frames differ
        return [line for line in _log(result) if not line.startswith((" ", "Traceback"))]

    assert messages(two) == messages(one)
    shouted = [line for line in messages(two) if "shouted" in line]
    assert len(shouted) > 20  # the plans before the page that failed, in MkDocs' order


def test_a_child_that_dies_putting_pages_through_the_theme_leaves_them_to_this_process(synthetic):
    one, two = _build_with_filter(
        synthetic,
        "die",
        """
        if os.getpid() != parent and page.file.src_uri == 'specs/003-feature-3/plan.md':
            os._exit(1)  # as the kernel kills a process when memory runs out
        """,
    )
    assert one.returncode == two.returncode == 0, two.stderr
    # Shown as MkDocs shows a plugin's warning, and so counted under `--strict`.
    assert "WARNING -  spec_portfolio: a worker process stopped" in two.stderr
    sites = synthetic / "site1", synthetic / "site2"
    pages = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*.html"))
    assert len(pages) > 186
    assert [p for p in pages if (sites[0] / p).read_bytes() != (sites[1] / p).read_bytes()] == []


def test_a_site_of_many_pages_and_few_documents_puts_its_pages_through_the_theme_ahead(tmp_path):
    pages = {f"docs/page-{n:02}.md": f"# Page {n}\n\nText.\n" for n in range(60)}
    write_tree(tmp_path, {**pages, "specs/001-one/spec.md": "# Spec: One\n"})
    one, two = _build(tmp_path, 1), _build(tmp_path, 2)
    assert one.returncode == two.returncode == 0, two.stderr
    assert "rendered ahead" not in two.stderr  # too few documents to render them in processes
    assert re.search(r"published .*; 6\d of 6\d pages through the theme ahead in 1 process", two.stderr)
    page = "page-07/index.html"
    assert (tmp_path / "site2" / page).read_bytes() == (tmp_path / "site1" / page).read_bytes()


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
