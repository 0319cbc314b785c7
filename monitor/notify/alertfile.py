"""The alerts file validated (``loading.load_alerts`` reads it when there is one): its
schema, its secrets refused, its routes built. Imports pydantic, which a run without the
file never loads."""

from __future__ import annotations

import os
import re
import stat
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from monitor.errors import ConfigError
from monitor.models import Category
from monitor.notify.modes import parse_mode
from monitor.notify.routing import (
    CHANNEL_NAME,
    AlertConfig,
    ChannelConfig,
    Route,
    default_routes,
)

MAX_BYTES = 256 * 1024
_SECRET_KEYS = {"webhook", "webhook_url", "url", "password", "token", "secret", "smtp_password"}
_SECRET_VALUE = re.compile(r"hooks\.slack(?:-gov)?\.com|xox[abp]-", re.IGNORECASE)
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Channel(_Strict):
    to: list[str] = []
    min_interval: float = Field(default=1.0, ge=0, le=60)


class _Route(_Strict):
    channels: list[str] = Field(min_length=1)
    mode: str = "immediate"
    categories: list[str] | None = None
    companies: list[str] | None = None

    @field_validator("channels", "categories", "companies", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class _Storm(_Strict):
    threshold: int = Field(default=20, ge=1)
    window: str = "10m"


class _File(_Strict):
    channels: dict[str, _Channel | None] = {}
    routes: list[_Route] | None = None
    operator: str | None = None
    timezone: str = "UTC"
    storm: _Storm = _Storm()
    stale_after: str = "24h"
    max_attempts: int = Field(default=8, ge=1, le=20)


def read_alerts(path: Path) -> AlertConfig:
    """Validate the alerts file at ``path`` (which exists) into its routing."""
    raw = _read(path)
    _refuse_secrets(path, raw, "")
    try:
        parsed = _File.model_validate(raw or {})
    except ValidationError as exc:
        raise ConfigError("\n".join(_problem(path, e) for e in exc.errors()[:20])) from None
    return _build(path, parsed)


def _read(path: Path) -> Any:
    from ruamel.yaml import YAML  # only when there is a file: a run without one never loads it
    from ruamel.yaml.error import YAMLError

    info = path.stat()
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and os.name == "posix":
        raise ConfigError(f"{path}: writable by other users; run: chmod go-w {path}")
    if info.st_size > MAX_BYTES:
        raise ConfigError(f"{path}: larger than {MAX_BYTES // 1024} KiB; is this the right file?")
    try:
        return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None


def _refuse_secrets(path: Path, node: Any, where: str) -> None:
    """A webhook URL or password in this file would end up in git: refuse it (R39)."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}.{key}" if where else str(key)
            if str(key).lower() in _SECRET_KEYS:
                raise ConfigError(f"{path}: {here}: secrets are not read from this file; set them"
                                  " in the environment (e.g. MONITOR_SLACK_WEBHOOK_<NAME>)")
            _refuse_secrets(path, value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _refuse_secrets(path, value, f"{where}[{i}]")
    elif isinstance(node, str) and _SECRET_VALUE.search(node):
        raise ConfigError(f"{path}: {where}: looks like a secret (webhook or token); put it in"
                          " the environment, never in this file")


def _problem(path: Path, error: Any) -> str:
    loc = tuple(error["loc"])
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    if error["type"] == "extra_forbidden":
        return f"{path}: {where}: unknown option; known: {', '.join(_known(loc))}"
    return f"{path}: {where}: {error['msg']}"


def _known(loc: tuple[Any, ...]) -> list[str]:
    model: type[BaseModel] = _File
    if loc[0] == "channels" and len(loc) >= 3:
        model = _Channel
    elif loc[0] == "routes" and len(loc) >= 3:
        model = _Route
    elif loc[0] == "storm" and len(loc) >= 2:
        model = _Storm
    return sorted(model.model_fields)


def _build(path: Path, f: _File) -> AlertConfig:
    channels = {name: _channel(path, name, c or _Channel()) for name, c in f.channels.items()}
    if f.operator is not None and f.operator not in channels:
        raise ConfigError(f"{path}: operator: {f.operator!r} is not a channel; known: "
                          f"{', '.join(channels) or '(none)'}")
    if f.routes is None:
        routes = default_routes(channels, f.operator)
    else:
        routes = tuple(_route(path, f"routes[{i}]", r, channels) for i, r in enumerate(f.routes))
    try:
        tz = ZoneInfo(f.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{path}: timezone: unknown time zone {f.timezone!r}") from None
    return AlertConfig(
        channels=MappingProxyType(channels), routes=routes, operator=f.operator, timezone=tz,
        storm_threshold=f.storm.threshold,
        storm_window=_interval(path, "storm.window", f.storm.window),
        stale_after=_interval(path, "stale_after", f.stale_after), max_attempts=f.max_attempts)


def _channel(path: Path, name: str, c: _Channel) -> ChannelConfig:
    if not CHANNEL_NAME.match(name):
        raise ConfigError(f"{path}: channels.{name}: a channel is named type:name with type one"
                          " of slack, email, apprise (e.g. slack:bizdev)")
    if name.startswith("email:"):
        if not c.to:
            raise ConfigError(f"{path}: channels.{name}.to: an email channel needs recipients")
        for address in c.to:
            if "@" not in parseaddr(address)[1] or re.search(r"[\r\n\x00,;]", address):
                raise ConfigError(f"{path}: channels.{name}.to: not one email address: {address!r}")
    elif c.to:
        raise ConfigError(f"{path}: channels.{name}.to: only email channels have recipients")
    return ChannelConfig(name, tuple(c.to), c.min_interval)


def _route(path: Path, where: str, r: _Route, channels: dict[str, ChannelConfig]) -> Route:
    for name in r.channels:
        if name not in channels:
            raise ConfigError(f"{path}: {where}.channels: {name!r} is not declared under channels;"
                              f" known: {', '.join(channels) or '(none)'}")
    try:
        mode = parse_mode(r.mode).canonical
    except ValueError as exc:
        raise ConfigError(f"{path}: {where}.mode: {exc}") from None
    categories = None
    if r.categories is not None:
        valid = [c.value for c in Category]
        for name in r.categories:
            if name not in valid:
                raise ConfigError(f"{path}: {where}.categories: unknown category {name!r}; "
                                  f"known: {', '.join(valid)}")
        categories = frozenset(Category(c) for c in r.categories)
    companies = frozenset(r.companies) if r.companies is not None else None
    return Route(tuple(r.channels), mode, categories, companies)


def _interval(path: Path, where: str, text: str) -> timedelta:
    match = _INTERVAL.match(str(text))
    if not match:
        raise ConfigError(f"{path}: {where}: {text!r} is not a duration like 30s, 10m, 24h, 7d")
    unit = {"s": 1, "m": 60, "h": 3600, "d": 86400}[match[2]]
    return timedelta(seconds=float(match[1]) * unit)
