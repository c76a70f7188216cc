"""The region's own governance documents: read into passages, indexed, searched by the database."""
