"""Start a throwaway PostgreSQL server for the test session.

``start_postgres`` either reuses the server named by ``TRACKER_TEST_POSTGRES_URL`` or
runs ``initdb`` + ``pg_ctl`` from the locally installed PostgreSQL binaries (Debian's
``/usr/lib/postgresql/<version>/bin``, highest version first, else ``PATH``) and starts a
private cluster that listens only on 127.0.0.1 with trust authentication.

Running as root: ``initdb`` and ``pg_ctl`` refuse to run as root, so they are run as the
``postgres`` system user through ``runuser -u postgres --``. That user must be able to
reach the data directory, but pytest's temporary directories live under
``/tmp/pytest-of-root/`` (mode 700), which ``postgres`` cannot traverse. So when the
directory we were given is not traversable by the server's user, the cluster is created in
a fresh ``tempfile.mkdtemp(prefix="tracker-pg-")`` directory under the system temporary
directory instead, chmod 755, with its data and socket directories chowned to
``postgres``. ``PostgresServer.stop`` removes that directory.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL, make_url

__all__ = ["PostgresServer", "PostgresUnavailable", "start_postgres"]

ENV_URL = "TRACKER_TEST_POSTGRES_URL"
SERVER_USER = "postgres"  # the system user that runs the server when we are root
SUPERUSER = "postgres"  # the database superuser created by initdb (trust auth)
HOST = "127.0.0.1"
START_TIMEOUT_S = 60
INSTALL_HINT = "install it with `apt-get install -y postgresql` (Debian/Ubuntu)"
# Unix socket paths are limited to 107 bytes; ".s.PGSQL.NNNNN" needs 15 of them.
_MAX_SOCKET_DIR_LEN = 80


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server could be started or reached for the tests."""


@dataclass
class PostgresServer:
    """A running PostgreSQL server reachable over TCP with trust authentication.

    For a server given by ``TRACKER_TEST_POSTGRES_URL`` (``external``), ``data_dir`` is
    unknown and set to ``Path()``, and ``stop`` does nothing.
    """

    host: str
    port: int
    user: str
    data_dir: Path
    process_owner: str | None
    password: str | None = None
    admin_db: str = "postgres"
    external: bool = False
    _pg_ctl: Path | None = field(default=None, repr=False)
    _work_dir: Path | None = field(default=None, repr=False)
    _stopped: bool = field(default=False, repr=False)

    def url(self, dbname: str = "postgres") -> str:
        """SQLAlchemy URL (psycopg 3 driver) for ``dbname`` on this server."""
        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            password=self.password,
            host=self.host,
            port=self.port,
            database=dbname,
        ).render_as_string(hide_password=False)

    def _admin_connect(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
            dbname=self.admin_db,
            autocommit=True,
            connect_timeout=10,
        )

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create database ``name`` (a copy of ``template`` if given) and return its URL."""
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with self._admin_connect() as conn:
            conn.execute(statement)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database ``name`` (if it exists), disconnecting its other sessions first."""
        with self._admin_connect() as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))

    def stop(self) -> None:
        """Stop the server (``pg_ctl -m immediate``) and delete its files. Idempotent."""
        if self.external or self._stopped:
            return
        self._stopped = True
        try:
            if self._pg_ctl is not None and (self.data_dir / "postmaster.pid").exists():
                _run(
                    [str(self._pg_ctl), "-D", str(self.data_dir), "-m", "immediate", "stop"],
                    self.process_owner,
                    cwd=self._work_dir,
                    timeout=60,
                )
        finally:
            if self._work_dir is not None:
                shutil.rmtree(self._work_dir, ignore_errors=True)


def start_postgres(base_dir: Path) -> PostgresServer:
    """Return a running server: ``TRACKER_TEST_POSTGRES_URL`` if set, else a private one.

    ``base_dir`` is where the cluster is created when the server's user can traverse it;
    otherwise a fresh directory under the system temp dir is used (see module docstring).
    Raises ``PostgresUnavailable`` when no server can be started.
    """
    env_url = os.environ.get(ENV_URL, "").strip()
    if env_url:
        return _external_server(env_url)

    initdb, pg_ctl = _find_binaries()
    owner = _server_user()
    work_dir = _make_work_dir(Path(base_dir), owner)
    try:
        return _init_and_start(initdb, pg_ctl, owner, work_dir)
    except BaseException:
        shutil.rmtree(work_dir, ignore_errors=True)
        raise


# --------------------------------------------------------------------------- helpers


def _external_server(raw: str) -> PostgresServer:
    try:
        url = make_url(raw)
    except Exception as exc:
        raise PostgresUnavailable(f"{ENV_URL} is not a valid URL: {exc}") from exc
    server = PostgresServer(
        host=url.host or HOST,
        port=url.port or 5432,
        user=url.username or SUPERUSER,
        data_dir=Path(),
        process_owner=None,
        password=url.password if isinstance(url.password, str) else None,
        admin_db=url.database or "postgres",
        external=True,
    )
    try:
        with server._admin_connect() as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        raise PostgresUnavailable(
            f"cannot connect to the server in {ENV_URL} ({server.host}:{server.port}): {exc}"
        ) from exc
    return server


def _version_key(path: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/<version>/bin/initdb
    return tuple(int(part) for part in re.findall(r"\d+", path.parent.parent.name))


def _find_binaries() -> tuple[Path, Path]:
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_version_key, reverse=True
    )
    for initdb in candidates:
        pg_ctl = initdb.with_name("pg_ctl")
        if os.access(initdb, os.X_OK) and os.access(pg_ctl, os.X_OK):
            return initdb, pg_ctl
    initdb_path, pg_ctl_path = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb_path and pg_ctl_path:
        return Path(initdb_path), Path(pg_ctl_path)
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin "
        f"or on PATH; {INSTALL_HINT}, or set {ENV_URL} to an existing server "
        "(e.g. postgresql+psycopg://user:pw@127.0.0.1:5432/postgres)"
    )


def _server_user() -> str | None:
    """The user to run initdb/pg_ctl as: ``postgres`` when we are root, else ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PostgresUnavailable(
            "running as root, but initdb/pg_ctl refuse to run as root and there is no "
            f"'{SERVER_USER}' system user to run them as; {INSTALL_HINT} (it creates the "
            f"user) or run `useradd --system --home /var/lib/postgresql {SERVER_USER}`"
        ) from None
    if shutil.which("runuser") is None:
        raise PostgresUnavailable(
            "running as root but `runuser` (util-linux) is missing; cannot drop to the "
            f"'{SERVER_USER}' user to run initdb/pg_ctl"
        )
    return SERVER_USER


def _traversable_by(path: Path, owner: str | None) -> bool:
    """Whether every directory from / down to ``path`` can be entered by ``owner``."""
    if owner is None:
        return True  # our own directories
    entry = pwd.getpwnam(owner)
    gids = set(os.getgrouplist(owner, entry.pw_gid))
    path = path.resolve()
    for directory in [path, *path.parents]:
        try:
            st = directory.stat()
        except OSError:
            return False
        if st.st_uid == entry.pw_uid:
            bit = stat.S_IXUSR
        elif st.st_gid in gids:
            bit = stat.S_IXGRP
        else:
            bit = stat.S_IXOTH
        if not st.st_mode & bit:
            return False
    return True


def _make_work_dir(base_dir: Path, owner: str | None) -> Path:
    parent: Path | None = None
    if base_dir.is_dir() and _traversable_by(base_dir, owner):
        parent = base_dir
    candidate = Path(tempfile.mkdtemp(prefix="tracker-pg-", dir=parent))
    if len(str(candidate / "sock")) > _MAX_SOCKET_DIR_LEN and parent is not None:
        candidate.rmdir()  # socket path would be too long: use the system temp dir
        candidate = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    candidate.chmod(0o755)  # mkdtemp makes it 0700; the server's user must traverse it
    return candidate


def _run(
    cmd: list[str], owner: str | None, *, cwd: Path | None, timeout: float
) -> subprocess.CompletedProcess[str]:
    if owner is not None:
        cmd = ["runuser", "-u", owner, "--", *cmd]
    # Keep libpq/locale variables from the caller's environment out of the server's.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "LC_"))}
    env["LC_ALL"] = "C.UTF-8"
    return subprocess.run(
        cmd,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _output(result: subprocess.CompletedProcess[str]) -> str:
    return (result.stdout + result.stderr).strip()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _log_tail(log_file: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log_file.read_text(errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"(no server log: {exc})"


def _init_and_start(
    initdb: Path, pg_ctl: Path, owner: str | None, work_dir: Path
) -> PostgresServer:
    data_dir = work_dir / "data"
    socket_dir = work_dir / "sock"
    log_file = work_dir / "postgres.log"
    socket_dir.mkdir(mode=0o700)
    if owner is not None:
        # initdb creates data_dir itself; it must be able to write into work_dir.
        shutil.chown(work_dir, user=owner)
        shutil.chown(socket_dir, user=owner)

    base_cmd = [str(initdb), "-D", str(data_dir), "-A", "trust", "-U", SUPERUSER]
    base_cmd += ["-E", "UTF8", "--no-sync"]
    result = _run([*base_cmd, "--locale=C.UTF-8"], owner, cwd=work_dir, timeout=180)
    if result.returncode != 0:
        shutil.rmtree(data_dir, ignore_errors=True)
        first = _output(result)
        result = _run([*base_cmd, "--no-locale"], owner, cwd=work_dir, timeout=180)
        if result.returncode != 0:
            raise PostgresUnavailable(
                f"initdb failed (as {owner or 'current user'}):\n{first}\n"
                f"--no-locale retry:\n{_output(result)}"
            )

    # Speed over durability: the cluster is thrown away after the session.
    with (data_dir / "postgresql.conf").open("a") as conf:
        conf.write("\n# tests/pgserver.py\nfsync = off\nsynchronous_commit = off\n")
        conf.write("full_page_writes = off\n")

    attempts = 3  # another process may grab the free port between probing and binding
    for attempt in range(1, attempts + 1):
        port = _free_port()
        options = f"-c listen_addresses={HOST} -c unix_socket_directories={socket_dir} -p {port}"
        cmd = [str(pg_ctl), "-D", str(data_dir), "-w", "-t", str(START_TIMEOUT_S)]
        cmd += ["-l", str(log_file), "-o", options, "start"]
        result = _run(cmd, owner, cwd=work_dir, timeout=START_TIMEOUT_S + 30)
        if result.returncode == 0:
            server = PostgresServer(
                host=HOST,
                port=port,
                user=SUPERUSER,
                data_dir=data_dir,
                process_owner=owner,
                _pg_ctl=pg_ctl,
                _work_dir=work_dir,
            )
            atexit.register(server.stop)  # safety net if the fixture never tears down
            return server
        tail = _log_tail(log_file)
        if attempt < attempts and "could not bind" in tail:
            with contextlib.suppress(OSError):
                log_file.unlink()
            continue
        if (data_dir / "postmaster.pid").exists():  # started but not ready in time
            _run(
                [str(pg_ctl), "-D", str(data_dir), "-m", "immediate", "stop"],
                owner,
                cwd=work_dir,
                timeout=60,
            )
        raise PostgresUnavailable(
            f"pg_ctl start failed (exit {result.returncode}): {_output(result)}\n"
            f"--- tail of the server log (its directory is removed) ---\n{tail}"
        )
    raise AssertionError("unreachable")
