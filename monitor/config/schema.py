"""Validating a parsed sources.yaml into companies and sources, every error naming file:line: path.

The tree comes from the fast C loader first; only a file with a problem is parsed again by the
round-trip loader, whose line numbers the messages need (``monitor.config.include`` decides,
``monitor.config.reader`` parses). The checks read both trees alike: ruamel's
CommentedMap/CommentedSeq are dicts and lists. A file's problems are recorded, not raised, so
that those of every included file are reported together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from monitor.config.reader import (
    Problems,
    closest,
    did_you_mean,
    item_line,
    key_line,
    node_line,
)
from monitor.config.sources import Context, build_source, check_confirm, check_every, check_settle
from monitor.config.values import (
    SECRET_ADVICE,
    SECRET_VALUES,
    any_secret_value,
    secret_key,
    secret_value,
    validate_slug,
)
from monitor.errors import ConfigError
from monitor.models import Company, Source
from monitor.sources import KINDS

TOP_KEYS = ("companies", "defaults", "include")
DEFAULT_KEYS = ("confirm", "every", "settle")
COMPANY_KEYS = ("aliases", "name", "slug", "sources", "tags")


@dataclass
class Shared:
    """What the files of one config share: slugs are unique across all of them."""

    slugs: dict[str, tuple[str, int]] = field(default_factory=dict)  # slug → (file, line)
    involved: set[str] = field(default_factory=set)  # files a problem elsewhere points into


@dataclass(frozen=True)
class Include:
    """One ``include:`` entry: a path or glob, relative to the file that names it."""

    pattern: str
    line: int
    key: str  # ``include`` or ``include[2]``, for messages


@dataclass
class FileCheck:
    """One validated file: its own defaults, companies, includes and problems."""

    defaults: dict[str, object]
    companies: tuple[Company, ...]
    includes: list[Include]
    problems: Problems


def check_tree(
    tree: object, text: str, name: str, allow_private: bool, env: Mapping[str, str],
    shared: Shared, inherited: Mapping[str, object],
) -> FileCheck:
    """Validate one parsed file; its problems are recorded, not raised (the caller decides).
    ``inherited``: the defaults of the files that include this one, which its own override."""
    problems = Problems(name)
    if _may_hold_secrets(tree):
        _scan_secrets(tree, "", 1, problems)
    _scan_secret_comments(text, problems)
    if tree is None:  # an empty file, or only comments: valid, nothing to watch (A10)
        return FileCheck({}, (), [], problems)
    if not isinstance(tree, dict):
        problems.add(node_line(tree), "(top level)", "expected a mapping with 'companies:'")
        return FileCheck({}, (), [], problems)
    for key in tree:
        if key not in TOP_KEYS:
            line = key_line(tree, key, 1)
            problems.add(line, str(key), _unknown("key", key, TOP_KEYS))
    own = _defaults(tree, problems)
    ctx = Context(problems, {**inherited, **own}, allow_private, env)
    companies = _companies(tree, ctx, shared)
    return FileCheck(own, companies, _includes(tree, problems), problems)


def _includes(tree: dict[str, Any], problems: Problems) -> list[Include]:
    node = tree.get("include")
    line = key_line(tree, "include", 1)
    if node is None:
        return []
    if isinstance(node, str):
        node, single = [node], True
    elif isinstance(node, list):
        single = False
    else:
        problems.add(line, "include", "expected a list of paths or globs, e.g. [companies/*.yaml]")
        return []
    out = []
    for index, item in enumerate(node):
        key = "include" if single else f"include[{index}]"
        at = line if single else item_line(node, index, line)
        if isinstance(item, str) and item.strip():
            out.append(Include(item.strip(), at, key))
        else:
            problems.add(at, key, f"expected a path or glob, got {item!r}")
    return out


def _unknown(what: str, key: object, known: tuple[str, ...] | list[str]) -> str:
    return f"unknown {what}; known: {', '.join(sorted(known))}{did_you_mean(key, known)}"


def _defaults(tree: dict[str, Any], problems: Problems) -> dict[str, object]:
    node = tree.get("defaults")
    line = key_line(tree, "defaults", 1)
    if node is None:
        return {}
    if not isinstance(node, dict):
        problems.add(line, "defaults", "expected a mapping of every, confirm and settle")
        return {}
    out: dict[str, object] = {}
    for key, value in node.items():
        at = key_line(node, key, line)
        if key in DEFAULT_KEYS and value is None:  # left empty: the built-in default
            continue
        if key == "every":
            if check_every(value, f"defaults.{key}", at, problems):
                out["every"] = str(value)
        elif key == "confirm":
            if check_confirm(value, f"defaults.{key}", at, problems):
                out["confirm"] = int(value)
        elif key == "settle":
            if check_settle(value, f"defaults.{key}", at, problems):
                out["settle"] = value
        else:
            problems.add(at, f"defaults.{key}", _unknown("key", key, DEFAULT_KEYS))
    return out


def _companies(tree: dict[str, Any], ctx: Context, shared: Shared) -> tuple[Company, ...]:
    node = tree.get("companies")
    line = key_line(tree, "companies", 1)
    if node is None:
        return ()
    if not isinstance(node, list):
        ctx.problems.add(
            line, "companies", "expected a list of companies (lines starting '- slug:')"
        )
        return ()
    companies = []
    for index, entry in enumerate(node):
        at = item_line(node, index, line)
        company = _company(entry, f"companies[{index}]", at, ctx, shared)
        if company is not None:
            companies.append(company)
    return tuple(companies)


def _company(
    node: object, path: str, line: int, ctx: Context, shared: Shared
) -> Company | None:
    if not isinstance(node, dict):
        ctx.problems.add(line, path, "expected a mapping with slug, name and sources")
        return None
    for key in node:
        if key not in COMPANY_KEYS:
            message = _unknown("key", key, COMPANY_KEYS)
            kind = closest(key, KINDS)
            if kind and not closest(key, COMPANY_KEYS):  # `website: URL` where a source belongs
                message += f" (did you mean a '{kind}' source under sources?)"
            ctx.problems.add(key_line(node, key, line), f"{path}.{key}", message)
    slug = _slug(node, path, line, ctx.problems, shared)
    name = node.get("name", slug or "-")  # the slug is a fine display name until someone sets one
    if not isinstance(name, str) or not name.strip():
        message = f"expected a non-empty text, got {name!r}"
        ctx.problems.add(key_line(node, "name", line), f"{path}.name", message)
        name = slug
    aliases = _texts(node, "aliases", path, line, ctx.problems)
    tags = _texts(node, "tags", path, line, ctx.problems)
    sources = _sources(node, path, line, slug, ctx)
    if not slug:
        return None
    return Company(slug=slug, name=str(name), aliases=aliases, tags=tags, sources=sources)


def _slug(
    node: dict[str, Any], path: str, line: int, problems: Problems, shared: Shared
) -> str:
    if "slug" not in node:
        problems.add(line, f"{path}.slug", "missing; every company needs a slug such as 'ispace'")
        return ""
    at = key_line(node, "slug", line)
    try:
        slug = validate_slug(node["slug"])
    except ConfigError as exc:
        problems.add(at, f"{path}.slug", str(exc))
        return ""
    if slug in shared.slugs:
        file, first = shared.slugs[slug]
        where = f"line {first}" if file == problems.file else f"{file}:{first}"
        problems.add(at, f"{path}.slug", f"duplicate slug '{slug}'; first used at {where}")
        shared.involved.add(file)
        return ""
    shared.slugs[slug] = (problems.file, at)
    return slug


def _texts(
    node: dict[str, Any], key: str, path: str, line: int, problems: Problems
) -> tuple[str, ...]:
    value = node.get(key)
    at = key_line(node, key, line)
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(at, f"{path}.{key}", f"expected a list of texts, e.g. {key}: [one, two]")
        return ()
    out = []
    for index, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            out.append(str(item))
        else:
            where = item_line(value, index, at)
            problems.add(
                where, f"{path}.{key}[{index}]", f"expected a non-empty text, got {item!r}"
            )
    return tuple(out)


def _sources(
    node: dict[str, Any], path: str, line: int, slug: str, ctx: Context
) -> tuple[Source, ...]:
    value = node.get("sources")
    at = key_line(node, "sources", line)
    if value is None:
        return ()
    if not isinstance(value, list):
        ctx.problems.add(at, f"{path}.sources", "expected a list of sources ('- kind: website')")
        return ()
    out = []
    for index, item in enumerate(value):
        where = item_line(value, index, at)
        source = build_source(item, f"{path}.sources[{index}]", where, slug, ctx)
        if source is not None:
            out.append(source)
    return tuple(out)


def _may_hold_secrets(tree: object) -> bool:
    """False when no key names a credential and no value looks like one: one search over every
    value at once (a value's matches are matches of the whole, joined by line breaks, which
    every pattern's word boundaries and ``\\S`` runs stop at), so ``_scan_secrets`` walks the
    tree with its paths and lines only for a file that may hold one."""
    texts: list[str] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if secret_key(key):
                    return True
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str):
            texts.append(node)
    return any_secret_value("\n".join(texts))


def _scan_secrets(node: object, path: str, line: int, problems: Problems) -> None:
    """Refuse credentials anywhere in the tree: by key name or by what the value looks like."""
    if isinstance(node, dict):
        for key, value in node.items():
            at = key_line(node, key, line)
            here = f"{path}.{key}" if path else str(key)
            if secret_key(key):
                problems.add(at, here, f"looks like a credential; {SECRET_ADVICE}")
            else:
                _scan_secrets(value, here, at, problems)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _scan_secrets(value, f"{path}[{index}]", item_line(node, index, line), problems)
    elif isinstance(node, str) and (found := secret_value(node)):
        problems.add(line, path or "(top level)", f"holds {found[0]}; {SECRET_ADVICE}")


def _scan_secret_comments(text: str, problems: Problems) -> None:
    """Comments are in the file (and in git) too: a credential there is refused as well."""
    for number, line in enumerate(text.splitlines(), start=1):
        if "#" not in line or problems.has_line(number):
            continue
        comment = line[line.index("#") :]
        for what, pattern in SECRET_VALUES:
            if pattern.search(comment):
                problems.add(number, "comment", f"holds {what}; {SECRET_ADVICE}")
                break
