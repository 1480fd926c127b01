"""``channels.testing.WebsocketCommunicator``, importable without daphne.

channels/testing/__init__.py also imports the live-server test case, which needs daphne
(not a dependency of this project). If daphne is missing, load the package without that
__init__ so the plain communicators still import; with daphne installed this is a no-op.
"""

import sys
import types
from pathlib import Path

try:
    from channels.testing import WebsocketCommunicator
except ModuleNotFoundError as exc:  # pragma: no cover - depends on the environment
    if exc.name is None or not exc.name.startswith("daphne"):
        raise
    import channels

    package = types.ModuleType("channels.testing")
    package.__path__ = [str(Path(channels.__file__).parent / "testing")]
    sys.modules["channels.testing"] = package
    from channels.testing.websocket import WebsocketCommunicator

__all__ = ["WebsocketCommunicator"]
