"""`diplograph serve --config FILE`: the command's options from a TOML or JSON file.

The keys are the long option names (`service-allow`, `timeout`, `port` …; `_` may stand for `-`), the values
what the option takes; a repeatable option takes a list. Options given on the command line win. Paths
(`store`, `data`, `corpus`, `update-token-file`) are relative to the file's folder.
"""

from __future__ import annotations

import argparse
import json
import tomllib
from pathlib import Path
from typing import Any

PATHS = {"store", "data", "corpus", "update_token_file"}


def read(path: Path) -> dict[str, Any]:
    """The file's table: JSON if it ends in .json, TOML otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SystemExit(f"cannot read the configuration file {path}: {exc.strerror}") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SystemExit(f"{path}: not valid {'JSON' if path.suffix == '.json' else 'TOML'}: {exc}") from None
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: the configuration must be a table of option names")
    return data


def options(path: Path, actions: list[argparse.Action]) -> dict[str, Any]:
    """The file's values by argparse destination, checked against the options' types."""
    by_name = {a.option_strings[-1].lstrip("-"): a for a in actions if a.option_strings}
    values: dict[str, Any] = {}
    for key, value in read(path).items():
        action = by_name.get(key.replace("_", "-"))
        if action is None or action.dest in ("help", "config"):
            known = ", ".join(sorted(n for n, a in by_name.items() if a.dest not in ("help", "config")))
            raise SystemExit(f"{path}: unknown option {key!r}; known: {known}")
        values[action.dest] = _convert(path, key, value, action)
    return values


def _convert(path: Path, key: str, value: Any, action: argparse.Action) -> Any:
    if isinstance(action, argparse._AppendAction):
        items = value if isinstance(value, list) else [value]
        return [_scalar(path, key, item, action) for item in items]
    return _scalar(path, key, value, action)


def _scalar(path: Path, key: str, value: Any, action: argparse.Action) -> Any:
    kind = action.type or str
    if isinstance(value, bool | dict | list) or (kind is str and not isinstance(value, str)):
        raise SystemExit(f"{path}: {key} takes {'a string' if kind is str else kind.__name__}, not {value!r}")
    try:
        converted = kind(value)
    except (TypeError, ValueError):
        raise SystemExit(f"{path}: {key} takes {kind.__name__}, not {value!r}") from None
    if action.dest in PATHS:
        converted = str((path.parent / converted).resolve())
    return converted
