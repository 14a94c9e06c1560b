"""`python -m dashboard [--port N] [--address A] [--headless]`: what `tracker dashboard` runs."""

from __future__ import annotations

import argparse

from dashboard.launch import run

parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
parser.add_argument("--port", type=int, default=None)
parser.add_argument("--address", default=None)
parser.add_argument("--headless", action="store_true")
options = parser.parse_args()
raise SystemExit(run(port=options.port, address=options.address, headless=options.headless))
