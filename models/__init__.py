"""Persistence and the governance model: SQLAlchemy tables, repositories, the unit of work, and the
loading of governance model files and system catalogues."""
