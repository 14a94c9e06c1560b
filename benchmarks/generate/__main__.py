"""python -m benchmarks.generate (the options are in cli.py)."""

from benchmarks.generate.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
