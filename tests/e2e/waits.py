"""Waiting for a condition in the page instead of for a fixed time.

A fixed sleep is too short on a loaded machine and too long everywhere else; these wait
for exactly what the test needs and time out loudly (Playwright's default timeout).
"""

from typing import Any

# Every finite animation (CSS animations and Svelte transitions, which run on the Web
# Animations API) has finished; an infinite one, such as a spinner, never does.
_MOTION_SETTLED = """() => document.getAnimations().every(a =>
    a.playState === 'finished' || a.playState === 'idle'
    || a.effect?.getTiming().iterations === Infinity)"""

# Records the type of every websocket frame the page receives, before the app sees it.
_RECORD_FRAMES = """(() => {
  const Native = window.WebSocket;
  window.__frameTypes = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        try { window.__frameTypes.push(JSON.parse(event.data).type); } catch { /* binary */ }
      });
    }
  };
})();"""


def wait_for_motion_to_settle(page: Any) -> None:
    """Until words have grown in and cards have flown in: screenshots and geometry checks
    then see the final layout, not a frame of an animation."""
    page.wait_for_function(_MOTION_SETTLED)


def record_socket_frames(page: Any) -> None:
    """From the next navigation on, remember which frames arrive (see wait_for_frame)."""
    page.add_init_script(_RECORD_FRAMES)


def wait_for_frame(page: Any, frame_type: str) -> None:
    """Until a websocket frame of this type has arrived and the app has handled it (the
    page's listener runs first, the app's right after it in the same task; the check runs
    on a later animation frame)."""
    page.wait_for_function("type => (window.__frameTypes || []).includes(type)", arg=frame_type)
