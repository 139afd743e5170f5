"""Put the figures of bench/results.json into bench/README.md (between the FIGURES markers)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.run import report  # noqa: E402

readme = Path("bench/README.md")
results = json.loads(Path("bench/results.json").read_text())
block = f"<!-- FIGURES -->\nMeasured on {results['cpus']} CPUs shared by both servers and the client.\n" \
        f"{report(results)}\n<!-- /FIGURES -->"
text = readme.read_text()
text = re.sub(r"<!-- FIGURES -->.*<!-- /FIGURES -->", block, text, flags=re.S) if "<!-- /FIGURES -->" in text \
    else text.replace("FIGURES", block, 1)
readme.write_text(text)
