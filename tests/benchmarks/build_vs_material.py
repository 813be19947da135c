"""Build a synthetic portfolio (a) with plain MkDocs + Material + navigation.prune, documents under
docs/, and (b) with spec-portfolio; print time, peak memory and site size of each and the ratios.

    python tests/benchmarks/build_vs_material.py [--features 100 400] [--layouts speckit epics]
        [--serve 400] [--memory 1000] [--repeat 2]
    python tests/benchmarks/build_vs_material.py --features --serve 400 --repeat 2   # serve alone

Everything runs in one invocation, on the same generated documents, so the ratios compare like with
like on this machine. Peak memory is the largest sum, over the build and every process it forked, of
their proportional set size (shared pages counted once), sampled four times a second. Nothing here is
a test: no timing is asserted anywhere.
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
import threading
import time
from itertools import chain
from pathlib import Path

from synthetic import LAYOUTS, generate

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# Both with the search plugin: plain MkDocs has it by default, and a portfolio site wants it too.
THEME = "theme:\n  name: material\n  font: false\n  features: [navigation.prune]\n"
MATERIAL = f"site_name: Plain\n{THEME}plugins:\n  - search\n"
OURS = f"site_name: Ours\n{THEME}plugins:\n  - search\n  - spec-portfolio\n"


def _tree_pss_mb(root: int) -> float:
    """Proportional set size of `root` and its descendants, in MB (0 for a process already gone)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    total = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return total / 1024


def _quiet_disk() -> None:
    """Let the kernel finish writing what earlier steps wrote (a site is hundreds of MB), so that its
    writeback does not take CPU from the next measurement."""
    os.sync()
    time.sleep(1)


def build(project: Path) -> tuple[float, float]:
    """(seconds, peak MB of the process tree) of `mkdocs build` in `project`, as a child process."""
    _quiet_disk()
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=ENV,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.25):
            peak = max(peak, _tree_pss_mb(process.pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed in {project}: {stderr.decode()}")
    return seconds, peak


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


def prepare(root: Path, features: int, layout: str) -> tuple[Path, Path, int, int]:
    """The same documents for both sites: (plain project, our project, documents, source bytes)."""
    ours = root / "ours"
    files = generate(ours, features, layout=layout)
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


def rebuild_after_edit(project: Path, edits: int = 1) -> tuple[float, list[float]]:
    """(first build, each rebuild after editing one plan) seconds under `mkdocs serve`, `edits` times."""
    _quiet_disk()
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
        plan = next(chain(project.glob("specs/*/plan.md"), project.glob("plans/**/impl-plan.md")))
        rebuilds: list[float] = []
        for edit in range(edits):
            time.sleep(3)  # the file watcher takes its first look after the server starts
            plan.write_text(plan.read_text() + f"\nEdited under serve ({edit + 1}).\n")
            for line in process.stderr:
                match = built.search(line)
                if match:
                    rebuilds.append(float(match.group(1)))
                    break
            else:
                raise SystemExit("serve never rebuilt")
        return first or 0.0, rebuilds
    finally:
        process.terminate()
        process.wait(timeout=60)


def fastest(project: Path, repeat: int) -> tuple[float, float]:
    """The fastest of `repeat` builds, and the highest peak memory among them."""
    runs = [build(project) for _ in range(repeat)]
    return min(t for t, _ in runs), max(m for _, m in runs)


def compare(features: int, layout: str, repeat: int) -> float:
    """Print one comparison; return our seconds per document."""
    with tempfile.TemporaryDirectory() as tmp:
        plain, ours, documents, source = prepare(Path(tmp), features, layout)
        t_plain, m_plain = fastest(plain, repeat)
        t_ours, m_ours = fastest(ours, repeat)
        p_plain, s_plain, o_plain = site_stats(plain / "site")
        p_ours, s_ours, o_ours = site_stats(ours / "site")
    print(
        f"== {layout} layout, {features} features, {documents} documents, {source / 1e6:.1f} MB of Markdown"
    )
    print(f"plain Material+prune: {t_plain:7.1f} s {m_plain:6.0f} MB peak {p_plain:5d} pages "
          f"{s_plain / 1e6:7.1f} MB site ({s_plain / p_plain / 1e3:.0f} KB/page)")  # fmt: skip
    print(f"spec-portfolio:       {t_ours:7.1f} s {m_ours:6.0f} MB peak {p_ours:5d} pages "
          f"{s_ours / 1e6:7.1f} MB site ({s_ours / p_ours / 1e3:.0f} KB/page)")  # fmt: skip
    print(
        f"ratio ours/plain: time {t_ours / t_plain:.2f}x, memory {m_ours / m_plain:.2f}x, "
        f"site size {s_ours / s_plain:.2f}x; site bytes per source byte {s_ours / source:.2f}"
    )
    print(f"page size / the page's own content (its <article>): plain {o_plain:.2f}x, ours {o_ours:.2f}x")
    return t_ours / documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", type=int, nargs="*", default=[100, 400], help="none: no builds")
    parser.add_argument("--layouts", nargs="+", choices=LAYOUTS, default=list(LAYOUTS))
    parser.add_argument("--serve", type=int, default=400, help="features for the serve rebuild (0: skip)")
    parser.add_argument("--memory", type=int, default=0, help="features for a memory-only run of ours")
    parser.add_argument(
        "--repeat", type=int, default=1, help="builds of each site, and serve rebuilds; the fastest counts"
    )
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}", flush=True)
    for layout in args.layouts:
        per_doc = {features: compare(features, layout, args.repeat) for features in args.features}
        if len(per_doc) > 1:
            small, large = min(per_doc), max(per_doc)
            ratio = per_doc[large] / per_doc[small]
            print(f"time per document at {large} / at {small}: {ratio:.2f}x (1.0 = linear)", flush=True)
    if args.serve:
        with tempfile.TemporaryDirectory() as tmp:
            _, ours, _, _ = prepare(Path(tmp), args.serve, args.layouts[0])
            full, rebuilds = rebuild_after_edit(ours, args.repeat)
            times = ", ".join(f"{t:.1f}" for t in rebuilds)
            print(
                f"serve at {args.serve} features: first build {full:.1f} s, rebuild after editing one plan "
                f"{times} s, ratio (fastest) {min(rebuilds) / full:.2f}x"
            )
    if args.memory:
        with tempfile.TemporaryDirectory() as tmp:
            _, ours, documents, _ = prepare(Path(tmp), args.memory, args.layouts[0])
            seconds, peak = build(ours)
            print(
                f"memory at {args.memory} features ({documents} documents): {peak:.0f} MB peak, {seconds:.1f} s"
            )


if __name__ == "__main__":
    main()
