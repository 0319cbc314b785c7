"""The SQLite history: schema and migrations, opening, recording a check, reading it back.

    db        opening (pragmas, migrations under a lock), write transactions, integrity
    scripts   the writer's database: migration scripts split at their semicolons
    schema    the migrations, tables, views and full-text indexes
    record    one finished check in one transaction
    state     what the differ needs of a source's past
    sync      companies and sources mirrored from sources.yaml
    queries   the reads behind the CLI
    rebases   extraction versions, stored pages re-read, the rebases recorded

Nothing is imported at import time; the modules are the package's public faces.
"""

__all__ = ["db", "queries", "rebases", "record", "schema", "scripts", "state", "sync"]
