"""axe-core, Deque's accessibility engine, for the web chat's browser test (installed from npm on demand)."""
