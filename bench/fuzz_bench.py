"""The fuzz test of every file Packline reads, run long (issue 17): damaged recipient lists, catalogs, templates,
events files, campaign packs, batch files and receipts through `main.py`; none may end in an internal error.

    uv run python bench/fuzz_bench.py [--examples 5000]

CI runs the same test with 100 examples of each kind (tests/app/cli/test_fuzz_inputs.py); this prints how long
the long run took and how many files it tried.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

KINDS = 8


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="damaged copies of each kind of file")
    args = parser.parse_args()
    started = time.perf_counter()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "tests/app/cli/test_fuzz_inputs.py"]
    result = subprocess.run(command, env={**os.environ, "PACKLINE_FUZZ_EXAMPLES": str(args.examples)}, check=False)
    elapsed = time.perf_counter() - started
    tried = args.examples * KINDS
    print(f"{tried} damaged files in {elapsed:.0f} s ({tried / elapsed:.0f} a second): "
          f"{'no internal error' if result.returncode == 0 else 'FAILED, see above'}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
