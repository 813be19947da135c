"""The core never imports MkDocs (nor Python-Markdown): it must outlive the adapter."""

import subprocess
import sys

CORE = [
    "spec_portfolio.load", "spec_portfolio.cli", "spec_portfolio.report", "spec_portfolio.sanitize",
    "spec_portfolio.mermaid", "spec_portfolio.views.generated", "spec_portfolio.views.badges",
    "spec_portfolio.views.bars", "spec_portfolio.views.nav", "spec_portfolio.views.source",
    "spec_portfolio.export.sarif", "spec_portfolio.export.github", "spec_portfolio.export.text",
]  # fmt: skip


def test_the_core_and_the_command_line_import_no_mkdocs():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'markdown'))\n"
        "print(leaked)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# Reading and analysing come before presenting: none of these may pull in a view.
READING = [
    "spec_portfolio.discover", "spec_portfolio.parse", "spec_portfolio.paths", "spec_portfolio.read",
    "spec_portfolio.svg", "spec_portfolio.render_cost", "spec_portfolio.frontmatter",
    "spec_portfolio.findings", "spec_portfolio.links",
]  # fmt: skip


def test_reading_and_analysing_import_no_view():
    code = (
        "import importlib, sys\n"
        f"for name in {READING!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('spec_portfolio.views')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
