"""The arms-deal tracker library: every rule and query lives here; the CLI and the
dashboard are thin faces on it."""

__version__ = "0.1.0"
