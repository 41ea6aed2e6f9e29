"""Running a script in a fresh Python without Django: how the engines' tests prove that an
engine imports nothing of Django (STYLE.md: engines are pure computation)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[2]


def run_without_django(script: str) -> Any:
    """Run ``script`` in a new interpreter with no Django settings in its environment and
    return what it printed, read as JSON."""
    environment = {key: value for key, value in os.environ.items() if "DJANGO" not in key}
    environment["PYTHONPATH"] = str(REPOSITORY)
    finished = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)
