"""Settings: one object, read from TRACKER_* environment variables."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "arms-deal-tracker"


def default_database_url() -> str:
    """An SQLite file in the per-user data folder (e.g. ~/.local/share/arms-deal-tracker)."""
    folder = Path(user_data_dir(APP_NAME, appauthor=False))
    return f"sqlite:///{folder / 'tracker.db'}"


class Settings(BaseSettings):
    """Everything configurable, with sensible defaults; see README "Configuration"."""

    model_config = SettingsConfigDict(env_prefix="TRACKER_", extra="ignore")

    database_url: str = ""
    echo_sql: bool = False
    # Migrate and seed an empty database the first time it is opened.
    auto_setup: bool = True

    def resolved_database_url(self) -> str:
        return self.database_url or default_database_url()


def get_settings() -> Settings:
    return Settings()
