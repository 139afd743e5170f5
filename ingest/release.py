"""Versioned, checksummed dumps: what another store needs to load this graph in one step and trust it.

Each build's dumps keep their stable names (`diplograph.nq`: the latest, for scripts) and get a second,
versioned name (`diplograph-20260102-ee0dd668.nq`: build date and the first digits of the N-Quads
dump's SHA-256), a hard link to the same bytes, so a downloaded file says which build it came from.
`SHA256SUMS` lists the versioned files in the format `sha256sum -c` checks.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

from .formats import by_name

SUMS = "SHA256SUMS"


def sha256(path: Path) -> str:
    """The file's SHA-256, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def version(built_at: datetime, nquads: Path) -> str:
    """The build's version: its UTC date and the start of the N-Quads dump's checksum."""
    return f"{built_at:%Y%m%d}-{sha256(nquads)[:8]}"


def publish(dumps: dict[str, Path], built_at: datetime) -> tuple[str, dict[str, dict]]:
    """Give each dump its versioned name and write SHA256SUMS; the version and each dump's manifest entry."""
    tag = version(built_at, dumps["nquads"])
    entries, sums = {}, []
    for name, path in dumps.items():
        versioned = path.with_name(f"{path.stem}-{tag}{path.suffix}")
        if versioned.exists():
            versioned.unlink()
        os.link(path, versioned)
        checksum = sha256(path)
        sums.append(f"{checksum}  {versioned.name}\n")
        entries[name] = {
            "file": f"dumps/{versioned.name}",
            "latest": f"dumps/{path.name}",
            "bytes": path.stat().st_size,
            "sha256": checksum,
            "media_type": by_name(name).media_type,
        }
    (path.parent / SUMS).write_text("".join(sums))
    return tag, entries
