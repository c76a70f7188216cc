"""«Hvor står det at …?»: the passages of the region's own governance documents that say it."""
