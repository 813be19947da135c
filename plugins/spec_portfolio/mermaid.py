"""The pinned mermaid library: fetched once by package name through npm into a cache outside the repo.

`spec-portfolio fetch-mermaid` fills the cache; the site then serves the file from its own assets, so
pages render diagrams with no network. Without the cache, pages load the same pinned version from a CDN.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

VERSION = "11.12.3"
INTEGRITY = "sha512-wN5ZSgJQIC+CHJut9xaKWsknLxaFBwCPwPkGTSUYrTiHORWvpT8RxGk849HPnpUAQ+/9BPRqYb80jTpearrHzQ=="
CDN_URL = f"https://unpkg.com/mermaid@{VERSION}/dist/mermaid.min.js"
_MEMBER = "package/dist/mermaid.min.js"


class FetchError(Exception):
    pass


def cache_dir() -> Path:
    """`$SPEC_PORTFOLIO_CACHE`, else `$XDG_CACHE_HOME/spec-portfolio`, else `~/.cache/spec-portfolio`."""
    if os.environ.get("SPEC_PORTFOLIO_CACHE"):
        return Path(os.environ["SPEC_PORTFOLIO_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "spec-portfolio"


def cached_mermaid() -> Path | None:
    path = cache_dir() / "mermaid" / VERSION / "mermaid.min.js"
    return path if path.is_file() else None


def fetch_mermaid() -> Path:
    """Put mermaid VERSION in the cache (npm pack, integrity checked); return its path."""
    existing = cached_mermaid()
    if existing:
        return existing
    target = cache_dir() / "mermaid" / VERSION / "mermaid.min.js"
    with tempfile.TemporaryDirectory() as tmp:
        command = ["npm", "pack", f"mermaid@{VERSION}", "--json", "--pack-destination", tmp]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise FetchError(f"could not run npm ({error}); install Node.js and npm") from error
        if result.returncode != 0:
            raise FetchError(f"npm pack mermaid@{VERSION} failed:\n{result.stderr.strip()}")
        name = json.loads(result.stdout)[0]["filename"]
        data = (Path(tmp) / name).read_bytes()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        raise FetchError(f"mermaid@{VERSION} from npm has integrity {digest}, expected {INTEGRITY}")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        member = archive.extractfile(_MEMBER)
        if member is None:
            raise FetchError(f"mermaid@{VERSION} has no {_MEMBER}")
        script = member.read()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_bytes(script)
    partial.replace(target)
    return target
