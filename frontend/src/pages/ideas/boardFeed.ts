// The board's change feed: the socket only says "changed"; the page refetches over REST,
// where the server decides what this phone may see. Reconnects with jittered backoff.
import { backoffDelay, wsUrl } from '../../lib/live';

export function watchBoard(boardId: number, onChange: () => void): () => void {
  let ws: WebSocket | null = null;
  let attempt = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function open() {
    if (stopped) return;
    try {
      ws = new WebSocket(wsUrl(`/ws/ideas/boards/${boardId}/`));
    } catch {
      schedule();
      return;
    }
    ws.onmessage = (e) => {
      attempt = 0;
      try {
        if (JSON.parse(String(e.data)).type === 'board_changed') onChange();
      } catch {
        /* ignore malformed frames */
      }
    };
    ws.onclose = (e) => {
      ws = null;
      if (e.code !== 4404) schedule();
    };
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(open, backoffDelay(attempt++));
  }

  open();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    ws?.close();
  };
}
