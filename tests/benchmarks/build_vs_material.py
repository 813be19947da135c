"""Build a synthetic portfolio (a) with plain MkDocs + Material + navigation.prune, documents under
docs/, and (b) with spec-portfolio; print time, peak memory and site size of each and the ratios.

    python tests/benchmarks/build_vs_material.py [--features 100 400] [--serve 400] [--memory 1000]

Everything runs in one invocation, on the same generated documents, so the ratios compare like with
like on this machine. Nothing here is a test: no timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import generate

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MATERIAL = "site_name: Plain\ntheme:\n  name: material\n  font: false\n  features: [navigation.prune]\n"
OURS = (
    "site_name: Ours\ntheme:\n  name: material\n  font: false\n  features: [navigation.prune]\n"
    "plugins:\n  - spec-portfolio\n"
)


def build(project: Path) -> tuple[float, float]:
    """(seconds, peak resident MB) of `mkdocs build` in `project`, as a child process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=ENV,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"build failed in {project}: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return seconds, usage.ru_maxrss / 1024


def site_stats(site: Path) -> tuple[int, int, float]:
    """(pages, bytes, page bytes per byte of the pages' own content) of a built site.

    A page's own content is its <article>: what it shows besides the theme's frame and navigation.
    """
    pages = list(site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    page_bytes = own = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.rfind("</article>")
        if start != -1 and end != -1:
            page_bytes += len(html)
            own += end - start
    return len(pages), size, page_bytes / own if own else 0.0


def prepare(root: Path, features: int) -> tuple[Path, Path, int, int]:
    """The same documents for both sites: (plain project, our project, documents, source bytes)."""
    ours = root / "ours"
    files = generate(ours, features)
    (ours / "docs").mkdir()
    (ours / "docs/index.md").write_text("# Home\n")
    (ours / "mkdocs.yml").write_text(OURS)
    plain = root / "plain"
    for folder in ("specs", "plans"):
        shutil.copytree(ours / folder, plain / "docs" / folder)
    (plain / "docs/index.md").write_text("# Home\n")
    (plain / "mkdocs.yml").write_text(MATERIAL)
    return plain, ours, len(files), sum(f.stat().st_size for f in files)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rebuild_after_edit(project: Path) -> tuple[float, float]:
    """(first build, rebuild after editing one plan) seconds under `mkdocs serve`."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{_free_port()}"],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    built = re.compile(r"Documentation built in ([\d.]+) seconds")
    assert process.stderr is not None
    try:
        first = None
        for line in process.stderr:
            match = built.search(line)
            if match:
                first = float(match.group(1))
            if "Serving on" in line:
                break
        time.sleep(3)  # the file watcher takes its first look after the server starts
        plan = next(project.glob("plans/**/impl-plan.md"))
        plan.write_text(plan.read_text() + "\nEdited under serve.\n")
        for line in process.stderr:
            match = built.search(line)
            if match:
                return first or 0.0, float(match.group(1))
    finally:
        process.terminate()
        process.wait(timeout=60)
    raise SystemExit("serve never rebuilt")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", type=int, nargs="+", default=[100, 400])
    parser.add_argument("--serve", type=int, default=400, help="features for the serve rebuild (0: skip)")
    parser.add_argument("--memory", type=int, default=0, help="features for a memory-only run of ours")
    args = parser.parse_args()
    per_doc: dict[int, float] = {}
    for features in args.features:
        with tempfile.TemporaryDirectory() as tmp:
            plain, ours, documents, source = prepare(Path(tmp), features)
            t_plain, m_plain = build(plain)
            t_ours, m_ours = build(ours)
            p_plain, s_plain, o_plain = site_stats(plain / "site")
            p_ours, s_ours, o_ours = site_stats(ours / "site")
            per_doc[features] = t_ours / documents
            print(f"== {features} features, {documents} documents, {source / 1e6:.1f} MB of Markdown")
            print(f"plain Material+prune: {t_plain:7.1f} s {m_plain:6.0f} MB peak {p_plain:5d} pages "
                  f"{s_plain / 1e6:7.1f} MB site ({s_plain / p_plain / 1e3:.0f} KB/page)")  # fmt: skip
            print(f"spec-portfolio:       {t_ours:7.1f} s {m_ours:6.0f} MB peak {p_ours:5d} pages "
                  f"{s_ours / 1e6:7.1f} MB site ({s_ours / p_ours / 1e3:.0f} KB/page)")  # fmt: skip
            print(
                f"ratio ours/plain: time {t_ours / t_plain:.2f}x, memory {m_ours / m_plain:.2f}x, "
                f"site size {s_ours / s_plain:.2f}x; site bytes per source byte {s_ours / source:.2f}"
            )
            print(
                f"page size / the page's own content (its <article>): plain {o_plain:.2f}x, ours {o_ours:.2f}x"
            )
    if len(per_doc) > 1:
        small, large = min(per_doc), max(per_doc)
        print(
            f"time per document at {large} / at {small}: {per_doc[large] / per_doc[small]:.2f}x (1.0 = linear)"
        )
    if args.serve:
        with tempfile.TemporaryDirectory() as tmp:
            _, ours, _, _ = prepare(Path(tmp), args.serve)
            full, rebuild = rebuild_after_edit(ours)
            print(
                f"serve at {args.serve} features: first build {full:.1f} s, rebuild after editing one plan "
                f"{rebuild:.1f} s, ratio {rebuild / full:.2f}x"
            )
    if args.memory:
        with tempfile.TemporaryDirectory() as tmp:
            _, ours, documents, _ = prepare(Path(tmp), args.memory)
            seconds, peak = build(ours)
            print(
                f"memory at {args.memory} features ({documents} documents): {peak:.0f} MB peak, {seconds:.1f} s"
            )


if __name__ == "__main__":
    main()
