"""Time `spec-portfolio check` against `grep` over the same synthetic portfolio, in one run.

    python tests/benchmarks/check_vs_grep.py [--features 400] [--repeat 3]

Prints each time (best of --repeat) and the ratio check / grep. Goal: at 400 features, at most 10x.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import generate


def best(command: list[str], cwd: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", type=int, nargs="+", default=[100, 400])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for features in args.features:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            files = generate(root, features)
            size = sum(f.stat().st_size for f in files) / 1e6
            # grep for what the check looks for most: bracketed template text and clarification markers.
            grep = ["grep", "-rnE", r"\[[^]]+\]|NEEDS CLARIFICATION", "specs", "plans"]
            check = [
                sys.executable,
                "-m",
                "spec_portfolio",
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
            ]
            t_grep = best(grep, root, args.repeat)
            t_check = best(check, root, args.repeat)
            print(
                f"{features} features, {len(files)} documents, {size:.1f} MB: grep {t_grep:.2f} s, "
                f"check {t_check:.2f} s, ratio {t_check / t_grep:.1f}x"
            )


if __name__ == "__main__":
    main()
