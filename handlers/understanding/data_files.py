"""Reading the understanding's data files (examples, inventory, vocabulary) with libyaml when present.

They are read on every start of `govbot ask`: PyYAML's pure-Python parser took about 0.6 s for the
examples alone, its C parser about 20 ms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
