import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "examples" / "movies"))


def require_env(*names):
    """Integration tests fail (never skip) when the services they need are not described."""
    missing = [n for n in names if not os.environ.get(n)]
    if missing:
        raise RuntimeError(
            "missing service variables " + ", ".join(missing)
            + ": run through scripts/test, or source the file `scripts/services env-file` prints")
