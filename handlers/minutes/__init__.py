"""Minutes (*referat*) of a meeting: drafted from its agenda and decisions, commented, approved, published."""
