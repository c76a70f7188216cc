"""The governance model as data: its file schema, the shipped presets, and loading it into the store."""
