"""The benchmark's printed table, its targets, and the row appended to bench/RESULTS.md."""

from __future__ import annotations

import platform
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.ours import Ours, Round
from bench.peers import PeerRun

TARGET_CHECKS_PER_S = 300.0
TARGET_MEMORY_MB = 300.0


@dataclass(frozen=True)
class Result:
    """Everything one benchmark run measured."""

    args: dict[str, object]
    ours: Ours
    peers: list[tuple[str, PeerRun]]
    truth: set[tuple[str, str]]  # changed in content between the two epochs
    invisible: set[tuple[str, str]]  # listed by simweb, but the bytes did not change
    memory: list[dict[str, Any]]  # the daemon with sources.yaml, then with the sources built directly
    process: dict[str, Any] = field(default_factory=dict)  # bench/process.py's figures

    def round(self, name: str) -> Round:
        """Our round of that name."""
        return next(r for r in self.ours.rounds if r.name == name)

    def peer(self, name: str, label: str = "urlwatch") -> PeerRun | None:
        """The peer's run of that name, if it ran."""
        return next((p for lab, p in self.peers if lab == label and p.name == name), None)

    @property
    def found(self) -> tuple[int, int, int]:
        """(true positives, missed, false changes) of our changed round against ground truth."""
        got = self.round("changed").changed - self.invisible
        return len(got & self.truth), len(self.truth - got), len(got - self.truth)


def _commit() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return sha + ("+dirty" if dirty else "")


def _round_line(r: Round) -> str:
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted(r.outcomes.items()))
    statuses = ", ".join(f"{k or 'none'}: {v}" for k, v in sorted(r.statuses.items()))
    return (f"  {r.name:<10} {r.per_second:8.0f} {r.cpu_ms:9.2f} {r.cpu_own * 1000 / r.checks:9.2f}"
            f" {r.cpu_workers * 1000 / r.checks:9.2f} {r.parsed:7d}   {outcomes} | HTTP {statuses}")


def table(res: Result) -> str:
    """The human-readable report."""
    a, o = res.args, res.ours
    lines = [f"monitor benchmark: N={a['companies']} sources, validators={a['validators']}, "
             f"parser workers={a['workers']}, concurrency={a['concurrency']}, "
             f"synchronous={a['synchronous']}, connections={a['connections'] or 'default'}, "
             f"{platform.python_version()}, commit {_commit()}",
             "  round       checks/s  cpu ms/ck   main ms  workers ms  parsed   outcomes",
             *(_round_line(r) for r in o.rounds)]
    tp, missed, false = res.found
    lines.append(f"  changed round vs simweb ground truth: {tp} of {len(res.truth)} found, "
                 f"{missed} missed, {false} false changes")
    if res.invisible:
        seen = res.round("changed").changed & res.invisible
        lines.append(f"  (simweb also lists {len(res.invisible)} page(s) whose bytes did not change,"
                     f" noise off: {sorted(res.invisible)[:5]}; we recorded {len(seen)} of them)")
    lines.append(f"  peak RSS: main {o.peak_own_mb:.0f} MiB (holds every CheckResult of a round),"
                 f" parser workers {o.peak_workers_mb:.0f} MiB; DB {o.db_mb:.1f} MiB")
    for label, p in res.peers:
        extra = ""
        if p.name == "changed":
            invisible = {slug for slug, _ in res.invisible}
            got = {(slug, "") for slug in p.changed if slug not in invisible}
            truth = {(slug, "") for slug, _ in res.truth}
            extra = f", {len(got & truth)} of {len(truth)} found, {len(got - truth)} false"
        lines.append(f"  {label:<22} {p.name:<10} {p.per_second:6.0f} checks/s {p.cpu_ms:7.2f}"
                     f" cpu ms/check, {p.errors} errors{extra}")
    for m in res.memory:
        how = (f"sources.yaml {m['yaml_kib']:.0f} KiB loaded in {m['config_load_s']} s"
               if m["config"] == "yaml" else f"sources built in Python in {m['config_load_s']} s")
        if m.get("round_s"):
            how += f"; drained {m['checks']} checks in {m['round_s']} s"
        lines.append(f"  daemon holding {m['sources']} sources ({m['checks']} checked): "
                     f"peak main {m['peak_main_mb']} MiB + workers {m['peak_workers_mb']} MiB "
                     f"= {m['peak_total_mb']} MiB summed RSS; peak PSS {m['peak_pss_mb']} MiB; {how}")
    lines += _process_lines(res)
    lines += ["  targets:", *(f"    [{'ok' if ok else 'MISSED'}] {text}" for ok, text in targets(res))]
    return "\n".join(lines)


def _process_lines(res: Result) -> list[str]:
    """Whole ``monitor`` processes (bench/process.py), urlwatch's whole process beside them."""
    p, lines = res.process, []
    for name in ("cold", "unchanged", "changed"):
        if name not in p:
            continue
        peer = res.peer(name)
        versus = (f"; urlwatch {peer.cpu_ms:.2f} ms, ratio {peer.cpu_ms / p[name]['cpu_ms_per_check']:.2f}x"
                  if peer else "")
        shots = (f"; {p[name]['pictures']} pictures of changes (chromium)"
                 if p[name].get("pictures") else "")
        lines.append(f"  whole `monitor check` process, {name:<9} {p[name]['cpu_ms_per_check']:6.2f}"
                     f" cpu ms/check, {p[name]['wall_s']:6.1f} s wall{versus}{shots}")
    if "one_source" in p:
        lines.append(f"  `monitor check SLUG` (one source): {p['one_source']['cpu_s']:.2f} s CPU, "
                     f"{p['one_source']['wall_s']:.2f} s wall")
    for key, what in (("daemon_outage", f"{res.args['companies']} known sources, all due"
                                         " (after an outage)"),
                      ("daemon_cold", f"{res.args['memory_sources']} new sources")):
        if key in p:
            d = p[key]
            lines.append(f"  `monitor run` with {what}: first check {d['start_to_first_check_s']} s"
                         f" after launch, then {d['drain_checks_per_s']} checks/s; summed RSS "
                         f"{d['summed_peak_rss_mb']} MiB")
    return lines


def targets(res: Result) -> list[tuple[bool, str]]:
    """Each target of issue 7 with whether this run met it."""
    out = []
    unchanged = res.round("unchanged")
    peer = res.peer("unchanged")
    if peer is not None:
        out.append((unchanged.cpu_ms <= peer.cpu_ms / 2,
                    f"unchanged round ≤ half urlwatch's CPU/check: {unchanged.cpu_ms:.2f} ms vs "
                    f"{peer.cpu_ms:.2f} ms (ratio {peer.cpu_ms / unchanged.cpu_ms:.1f}x)"))
    out.append((unchanged.per_second >= TARGET_CHECKS_PER_S,
                f"unchanged round ≥ {TARGET_CHECKS_PER_S:.0f} checks/s: {unchanged.per_second:.0f}"))
    tp, missed, false = res.found
    out.append((missed == 0 and false == 0,
                f"changed round: every ground-truth change and no other: {tp}/{len(res.truth)}, "
                f"{false} false"))
    for m in res.memory[:1]:
        out.append((m["peak_pss_mb"] < TARGET_MEMORY_MB,
                    f"daemon with {m['sources']} sources < {TARGET_MEMORY_MB:.0f} MB: peak PSS "
                    f"{m['peak_pss_mb']} MiB (summed peak RSS {m['peak_total_mb']} MiB)"))
    return out


def record(res: Result, path: Path) -> None:
    """Append one row to RESULTS.md (the header is written when the file is new)."""
    if not path.exists():
        path.write_text(HEADER)
    cold, unchanged, changed = (res.round(n) for n in ("cold", "unchanged", "changed"))
    peer = res.peer("unchanged")
    tp, _, false = res.found
    mem = " / ".join(f"{m['peak_pss_mb']:.0f} ({m['peak_total_mb']:.0f})" for m in res.memory) or "-"
    uw = f"{peer.cpu_ms:.2f}" if peer else "-"
    ratio = f"{peer.cpu_ms / unchanged.cpu_ms:.1f}x" if peer else "-"
    setup = "" if res.args["synchronous"] == "FULL" and not res.args["connections"] else \
        f" (sync {res.args['synchronous']}, {res.args['connections'] or 100} conns)"
    row = (f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | {_commit()}{setup} | {res.args['companies']} | "
           f"{res.args['validators']} | {cold.per_second:.0f} / {cold.cpu_ms:.2f} | "
           f"{unchanged.per_second:.0f} / {unchanged.cpu_ms:.2f} | "
           f"{changed.per_second:.0f} / {changed.cpu_ms:.2f} | {tp}/{len(res.truth)}, {false} FP | "
           f"{res.ours.peak_own_mb:.0f} + {res.ours.peak_workers_mb:.0f} | {mem} | {uw} | {ratio} |\n")
    p = res.process
    whole = " / ".join(f"{p[n]['cpu_ms_per_check']:.2f}" for n in ("cold", "unchanged", "changed")
                       if n in p) or "-"
    if p.get("changed", {}).get("pictures"):  # chromium's pictures: most of that round's CPU
        whole += f" ({p['changed']['pictures']} pictures)"
    one = f"{p['one_source']['cpu_s']:.2f}" if "one_source" in p else "-"
    d = p.get("daemon_cold")
    daemon = (f"{d['start_to_first_check_s']} / {d['drain_checks_per_s']} / "
              f"{d['summed_peak_rss_mb']:.0f}" if d else "-")
    if "daemon_outage" in p:
        daemon += f" (backlog of {res.args['companies']}: {p['daemon_outage']['drain_checks_per_s']}/s)"
    load = " / ".join(f"{m['config_load_s']}" for m in res.memory if m["config"] == "yaml") or "-"
    row = row.rstrip("\n") + f" {whole} | {one} | {daemon} | {load} |\n"
    path.write_text(insert_row(path.read_text(), row))


def insert_row(text: str, row: str) -> str:
    """``text`` with ``row`` after the last row of the main table (other benches' tables follow)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("| date (UTC) | commit | N |"))
    end = start
    while end + 1 < len(lines) and lines[end + 1].startswith("|"):
        end += 1
    return "".join([*lines[:end + 1], row, *lines[end + 1:]])


HEADER = """# Benchmark results

One row per `make bench` run (`bench/run.py`; see bench/README.md for what is measured and how).
- cold / unchanged / changed: checks per second (wall) / CPU ms per check (our process plus the
  parser workers; simweb excluded).
- changes: ground-truth (slug, page) pairs found in the changed round, and false changes.
- peak MiB: peak RSS of the benchmark process + its parser workers (a forkserver too before the workers became fresh interpreters).
- 10k daemon MiB: peak PSS (summed peak RSS in brackets) of a daemon holding 10,000 sources,
  loaded from sources.yaml / built in Python (which leaves the config loader out). Rows
  before 02:40 show summed peak RSS only, the main process inflated by ru_maxrss surviving exec.
- urlwatch ms: its CPU per unchanged check on the same pages; ratio = urlwatch / ours.
- process ms/ck: CPU per check of whole `monitor check` processes (imports, config, workers,
  robots.txt included; bench/process.py), cold / unchanged / changed.
- 1-source s: CPU seconds of `monitor check SLUG` for one source.
- 10k run: `monitor run` with 10,000 sources all due: seconds from launch to the first check /
  checks per second after it / summed RSS MiB. yaml load s: the 10k sources.yaml, in bench/memory.py.

| date (UTC) | commit | N | validators | cold | unchanged | changed | changes | peak MiB | 10k daemon MiB | urlwatch ms | ratio | process ms/ck | 1-source s | 10k run | yaml load s |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
"""
