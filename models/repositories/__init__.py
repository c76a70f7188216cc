"""Read-side queries handlers use; they return plain dataclasses, never live ORM objects."""
