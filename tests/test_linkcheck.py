"""Link check of our own example portfolio: a strict build, served on loopback, checked by linkchecker.

Every link and every `#anchor` between our pages must resolve. Nothing outside 127.0.0.1 is fetched.

CI checks the very site `scripts/site.sh build` made by setting LINKCHECK_SITE=site; without it the
test builds the site itself.
"""

from __future__ import annotations

import csv
import functools
import http.server
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

LINKCHECKER = Path(sys.executable).parent / "linkchecker"

# linkchecker waits 0.1-0.6 s between two requests to one host unless the host answers with a
# `LinkChecker` header; then maxrequestspersecond holds. Our server sends that header.
CONFIG = """\
[checking]
threads=4
maxrequestspersecond=1000
timeout=20
maxrunseconds=240

[filtering]
checkextern=0

[AnchorCheck]
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def public_dir() -> Iterator[Path]:
    """A directory under /tmp that others may traverse: linkchecker run as root becomes `nobody`."""
    path = Path(tempfile.mkdtemp(prefix="spec-portfolio-linkcheck-", dir="/tmp"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _make_world_readable(root: Path) -> None:
    for dirpath, _dirnames, filenames in os.walk(root):
        Path(dirpath).chmod(0o755)
        for name in filenames:
            (Path(dirpath) / name).chmod(0o644)


def _site(into: Path) -> Path:
    """The site to check: LINKCHECK_SITE copied, or a fresh strict build of our own portfolio."""
    site = into / "site"
    given = os.environ.get("LINKCHECK_SITE")
    if given:
        source = Path(given) if Path(given).is_absolute() else REPO / given
        assert (source / "index.html").is_file(), f"LINKCHECK_SITE={given}: no index.html in {source}"
        shutil.copytree(source, site)
    else:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
        result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    _make_world_readable(into)
    return site


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _readable_by_others(path: Path) -> bool:
    """Whether user `nobody` could read `path`: every folder above it searchable, itself readable."""
    for folder in [path, *path.parents]:
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            return False
    return bool(os.stat(path).st_mode & stat.S_IROTH)


def _linkchecker_command() -> list[str]:
    """linkchecker as root drops to user `nobody` and only then loads its plugins (AnchorCheck among
    them) from its package folder. Where that folder is not readable by others (a checkout under a
    0700 temporary folder), it would silently check no anchor, so it keeps root there instead. The
    site itself is served over HTTP, so its own world-readability is tested in test_own_site.py."""
    import linkcheck

    if os.geteuid() != 0 or _readable_by_others(Path(linkcheck.__file__).parent):
        return [str(LINKCHECKER)]
    keep_root = (
        "import sys, linkcheck.command.linkchecker as c; c.drop_privileges = lambda: None; "
        "sys.argv[0] = 'linkchecker'; c.linkchecker()"
    )
    return [sys.executable, "-c", keep_root]


def linkcheck(site: Path, workdir: Path) -> tuple[list[dict[str, str]], subprocess.CompletedProcess[str]]:
    """Serve `site` on a free loopback port and run linkchecker over it; the problems it reports."""
    config = workdir / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    config.chmod(0o644)
    server, url = _serve(site)
    try:
        command = [
            *_linkchecker_command(),
            "--config",
            str(config),
            "--no-status",
            "--output",
            "csv/utf-8",
            # Belt and braces beside checkextern=0: any URL not on our server is only syntax-checked.
            "--ignore-url",
            rf"^(?!{re.escape(url)})[a-z][a-z0-9+.-]*:",
            url,
        ]
        env = {**os.environ, "HOME": str(workdir), "XDG_CONFIG_HOME": str(workdir), "LANG": "C.UTF-8"}
        result = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=300)
    finally:
        server.shutdown()
        server.server_close()
    # Comments ("# ...") come before the header and after the rows; a row's urlname may start with
    # "#" too (a same-page anchor), but a comment has a single field.
    lines = result.stdout.splitlines()
    header = next((i for i, line in enumerate(lines) if line.startswith("urlname;")), len(lines))
    rows = csv.DictReader(lines[header:], delimiter=";")
    problems = [row for row in rows if row.get("parentname") is not None]
    return problems, result


def _describe(problems: list[dict[str, str]], result: subprocess.CompletedProcess[str]) -> str:
    rows = [
        f"- {p['url'] or p['urlname']} (linked from {p['parentname']}, line {p['line']}): "
        f"{p['result']} {p['warningstring']}".rstrip()
        for p in problems
    ]
    return "\n".join(
        [
            f"linkchecker exited {result.returncode}; {len(problems)} problem(s):",
            *rows,
            "--- linkchecker stdout ---",
            result.stdout,
            "--- linkchecker stderr ---",
            result.stderr,
        ]
    )


def test_our_site_has_no_broken_links_or_anchors(public_dir):
    site = _site(public_dir)
    problems, result = linkcheck(site, public_dir)
    assert not problems and result.returncode == 0, _describe(problems, result)
    # It really walked the site, not just the home page.
    assert "Stopped checking" in result.stdout


def test_the_check_catches_a_broken_link_and_a_broken_anchor(public_dir):
    """The same harness on a two-page site with one of each fault: a green run above means something."""
    site = public_dir / "site"
    (site / "other").mkdir(parents=True)
    (site / "index.html").write_text(
        textwrap.dedent(
            """\
            <!doctype html><html><head><title>home</title></head><body>
            <h1 id="top">Home</h1>
            <a href="other/#present">fine</a>
            <a href="other/#absent">broken anchor</a>
            <a href="#top">fine on the same page</a>
            <a href="#nowhere">broken anchor on the same page</a>
            <a href="missing/">broken link</a>
            <a href="https://example.invalid/never-fetched">external, only syntax-checked</a>
            </body></html>
            """
        ),
        encoding="utf-8",
    )
    (site / "other" / "index.html").write_text(
        '<!doctype html><html><head><title>other</title></head><body><h2 id="present">Here</h2>'
        '<a href="../#top">back</a></body></html>',
        encoding="utf-8",
    )
    _make_world_readable(public_dir)
    problems, result = linkcheck(site, public_dir)
    reported = {(p["urlname"], p["valid"]): p for p in problems}
    assert set(reported) == {("other/#absent", "True"), ("#nowhere", "True"), ("missing/", "False")}, (
        _describe(problems, result)
    )
    assert (
        "Anchor `absent' (decoded: `absent') not found" in reported["other/#absent", "True"]["warningstring"]
    )
    assert "404" in reported["missing/", "False"]["result"]
    assert result.returncode != 0
