"""Settings: one object, read from TRACKER_* environment variables."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

APP_NAME = "arms-deal-tracker"


def data_dir() -> Path:
    """The per-user data folder (e.g. ~/.local/share/arms-deal-tracker)."""
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    """An SQLite file in the per-user data folder."""
    return f"sqlite:///{data_dir() / 'tracker.db'}"


class Settings(BaseSettings):
    """Everything configurable, with sensible defaults; see README "Configuration"."""

    model_config = SettingsConfigDict(env_prefix="TRACKER_", extra="ignore")

    database_url: str = ""
    echo_sql: bool = False
    # Migrate and seed an empty database the first time it is opened.
    auto_setup: bool = True

    def resolved_database_url(self) -> str:
        return self.database_url or default_database_url()

    def absolute_database_url(self) -> str:
        """The URL with a relative SQLite path made absolute (safe across a chdir)."""
        url = make_url(self.resolved_database_url())
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            url = url.set(database=str(Path(url.database).expanduser().resolve()))
        return url.render_as_string(hide_password=False)


def get_settings() -> Settings:
    return Settings()
