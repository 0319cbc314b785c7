"""On a read-only disk, the commands that only read work; a writer says what is wrong.

The database directory is bind-mounted read-only inside a private mount namespace
(``unshare``), the way a read-only volume or a full-disk remount looks to the process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.clock import utcnow
from monitor.models import Category
from monitor.store.db import open_reader
from tests.test_notify_support import change, company_db, record_changes

SOURCES = """companies:
  - slug: acme
    name: ACME Corp
    sources:
      - kind: website
        url: https://www.acme-inc.com/en/company/
"""


def _can_mount_read_only() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount --bind / /mnt 2>/dev/null ||"
                            " mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp"],
                           capture_output=True)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _can_mount_read_only(),
                                reason="needs unshare and bind mounts (user namespaces)")


def read_only(data: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run ``monitor ARGV`` with ``data`` mounted read-only."""
    d = str(data)
    script = (f"mount --bind {d} {d} && mount -o remount,bind,ro {d} && exec "
              + " ".join(f"'{a}'" for a in (sys.executable, "-m", "monitor", "--sources",
                                             f"{d}/sources.yaml", "--db", f"{d}/monitor.db",
                                             *argv)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["COLUMNS"] = "200"
    return subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A database with ACME's history, then closed (no WAL files left)."""
    db = company_db(tmp_path, {"acme": "ACME Corp"})
    record_changes(db, [change("acme", "email", None, "info@acme.example", Category.CONTACT)],
                   utcnow(), lambda c: [])
    db.close()
    (tmp_path / "sources.yaml").write_text(SOURCES)
    return tmp_path


@pytest.mark.parametrize("argv", [["list"], ["status"], ["history", "acme"], ["show", "acme"]])
def test_readers_work_on_a_read_only_disk(data: Path, argv: list[str]) -> None:
    result = read_only(data, *argv)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    if argv[0] == "history":
        assert "info@acme.example" in result.stdout
    if argv[0] == "show":
        assert "ACME Corp (acme)" in result.stdout


def test_a_writer_on_a_read_only_disk_says_the_disk_is_read_only(data: Path) -> None:
    result = read_only(data, "check")
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "read-only" in line and "restore the latest backup" not in line


def test_a_reader_never_writes(data: Path) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in data.iterdir()}
    db = open_reader(data / "monitor.db")
    assert db.execute("SELECT count(*) FROM changes").fetchone()[0] == 1
    with pytest.raises(Exception, match=r"readonly|read-only|query_only"):
        db.execute("DELETE FROM changes")
    db.close()
    assert {p.name: p.stat().st_mtime_ns for p in data.iterdir()
            if not p.name.endswith(("-wal", "-shm"))} == \
        {k: v for k, v in before.items() if not k.endswith(("-wal", "-shm"))}
