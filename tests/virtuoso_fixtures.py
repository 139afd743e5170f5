"""A real Virtuoso (Debian's virtuoso-opensource) started on loopback in a temporary directory."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .server_fixtures import free_port

TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
DB_DIR = "/var/lib/virtuoso-opensource-7/db"


@dataclass
class Virtuoso:
    """A running Virtuoso: its SPARQL endpoint and its SQL port."""

    process: subprocess.Popen
    sparql_url: str
    sql_port: int

    def sql(self, statements: str) -> str:
        """Run SQL through isql (as dba, the Debian default password)."""
        out = subprocess.run(["isql-vt", str(self.sql_port), "dba", "dba", f"exec={statements}"],
                             capture_output=True, text=True, timeout=60)
        if out.returncode != 0 or "*** Error" in out.stdout:
            raise RuntimeError(f"isql failed: {out.stdout}\n{out.stderr}")
        return out.stdout

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def available() -> bool:
    """Whether virtuoso-t and isql-vt are installed."""
    return bool(shutil.which("virtuoso-t") and shutil.which("isql-vt") and TEMPLATE.exists())


def start_virtuoso(workdir: Path, wait: float = 90) -> Virtuoso:
    """Start Virtuoso with its database in `workdir`, open SPARQL Update to the anonymous endpoint user."""
    http_port, sql_port = free_port(), free_port()
    ini = TEMPLATE.read_text().replace(DB_DIR, str(workdir))
    ini = ini.replace("ServerPort               = 1111", f"ServerPort               = {sql_port}")
    ini = ini.replace("ServerPort                  = 8890", f"ServerPort                  = 127.0.0.1:{http_port}")
    (workdir / "virtuoso.ini").write_text(ini)
    log = (workdir / "virtuoso.out").open("wb")
    process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", "virtuoso.ini"], cwd=workdir,
                               stdout=log, stderr=subprocess.STDOUT)
    server = Virtuoso(process, f"http://127.0.0.1:{http_port}/sparql", sql_port)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso exited: {(workdir / 'virtuoso.out').read_text()}")
        try:
            with urllib.request.urlopen(server.sparql_url + "?query=ASK%7B%7D", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        server.stop()
        raise RuntimeError("virtuoso did not answer in time")
    # The /sparql endpoint runs as the SQL user SPARQL; let it update, and let anonymous users write graphs.
    server.sql('GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);')
    return server
