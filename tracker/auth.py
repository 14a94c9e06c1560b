"""Who is acting, and what they may do. Every write service checks it, so a page that
forgets to hide a button still cannot write for a viewer."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from tracker.domain.vocab import ROLE_RANK, Role
from tracker.errors import TrackerError


class PermissionDenied(TrackerError):
    pass


@dataclass(frozen=True)
class Actor:
    """The person (or command line) doing something, as the audit log names them."""

    name: str
    role: Role
    user_id: int | None = None

    def can(self, role: Role) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


ANONYMOUS = Actor("anonymous", Role.VIEWER)


def cli_actor() -> Actor:
    """Whoever runs the command line has the database in hand: trusted as an admin."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        user = "unknown"
    return Actor(f"cli:{user}", Role.ADMIN)


def system_actor(task: str) -> Actor:
    """The tracker itself doing `task` (seeding a new database): named in the audit log."""
    return Actor(f"system:{task}", Role.ADMIN)


def require(actor: Actor, role: Role, action: str) -> None:
    """Refuse `action` unless the actor holds at least `role`."""
    if not actor.can(role):
        raise PermissionDenied(
            f"{action} needs the {role.value} role; {actor.name} is a {actor.role.value}"
        )
