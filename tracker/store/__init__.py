"""Storage: the ORM models, engines and sessions, bulk writes and migrations."""
