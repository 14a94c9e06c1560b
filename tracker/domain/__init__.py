"""The domain: vocabularies, input schemas, money, names and the country table (no database)."""
