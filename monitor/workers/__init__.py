"""Parser isolation: extraction in worker processes with size, depth, CPU, memory and time limits.

``ParserPool(PoolSettings(...)).extract`` plugs into ``monitor.pipeline.Context(extractor=...)``.
"""

from __future__ import annotations

from monitor.workers.pool import ParserPool, PoolSettings, PoolStats
from monitor.workers.precheck import MAX_BYTES, MAX_DEPTH, nesting_depth, precheck

__all__ = ["MAX_BYTES", "MAX_DEPTH", "ParserPool", "PoolSettings", "PoolStats", "nesting_depth",
           "precheck"]
