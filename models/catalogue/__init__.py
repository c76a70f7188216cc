"""The system catalogue: reading catalogue files, validating rows, importing them, and name lookup."""
