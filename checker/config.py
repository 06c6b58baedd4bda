"""Config: ``checker.toml`` or ``[tool.checker]`` in ``pyproject.toml`` -> option defaults.

Found by walking up from the current directory (the first folder with either file wins).
Command-line flags win over it. Unknown keys are reported as warnings; a malformed file
is an input error.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .ingest import InputError

# key in the file -> (option name of the commands, type, commands that take it)
KEYS: dict[str, tuple[str, type, tuple[str, ...]]] = {
    "corpus": ("corpus", str, ("check", "baseline write")),
    "fail_on": ("fail_on", str, ("scan", "check")),
    "baseline": ("baseline", str, ("scan", "check")),
    "format": ("output_format", str, ("scan", "check")),
    "max_bytes": ("max_bytes", int, ("scan", "check", "baseline write")),
    "jobs": ("jobs", int, ("scan", "check", "baseline write")),
    "cache_dir": ("cache_dir", str, ("scan", "check", "baseline write")),
    "engine": ("engine", str, ("scan",)),
    "scheduler": ("scheduler", str, ("scan",)),
}


@dataclass(frozen=True)
class Config:
    values: dict
    path: Path | None = None
    warnings: tuple[str, ...] = ()

    def defaults_for(self, command: str) -> dict:
        """click default_map entries for one command ("scan", "check", "baseline write")."""
        found = {}
        for key, value in self.values.items():
            option, _, commands = KEYS[key]
            if command in commands:
                found[option] = str(self.resolve(value)) if key in ("corpus", "baseline", "cache_dir") else value
        return found

    def resolve(self, value: str) -> Path:
        """Paths in a config file are relative to the file's folder."""
        path = Path(value)
        return path if path.is_absolute() or self.path is None else self.path.parent / path

    def default_map(self) -> dict:
        return {
            "scan": self.defaults_for("scan"),
            "check": self.defaults_for("check"),
            "baseline": {"write": self.defaults_for("baseline write")},
        }


def read_config(path: Path) -> Config:
    """The config of --config PATH: a checker.toml, or a pyproject.toml with [tool.checker]."""
    if not path.is_file():
        raise InputError(path, "config file not found")
    table = _load(path)
    if path.name == "pyproject.toml":
        table = table.get("tool", {}).get("checker", {})
    return _parse(path, table)


def find_config(start: Path | None = None) -> Config:
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "checker.toml"
        if own.is_file():
            return _parse(own, _load(own))
        project = candidate / "pyproject.toml"
        if project.is_file():
            table = _load(project).get("tool", {}).get("checker")
            if table is not None:
                return _parse(project, table)
    return Config({})


def _load(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read config: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(path, f"config is not valid TOML ({error})") from None


def _parse(path: Path, table: dict) -> Config:
    values, warnings = {}, []
    if not isinstance(table, dict):
        raise InputError(path, "the checker config must be a table of settings")
    for key, value in table.items():
        if key not in KEYS:
            warnings.append(f"{path}: unknown config key '{key}' ignored (known: {', '.join(sorted(KEYS))})")
            continue
        expected = KEYS[key][1]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise InputError(path, f"config key '{key}' must be a {expected.__name__}, not {value!r}")
        values[key] = value
    return Config(values, path, tuple(warnings))
