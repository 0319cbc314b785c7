"""monitor: a company-intelligence monitor with a field-level history in SQLite."""

__version__ = "0.1.0"

__all__ = ["__version__"]
