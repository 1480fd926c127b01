// Live session over websocket: reconnect with backoff + jitter; each (re)connect
// replaces state with the server's full snapshot, so results are never stale.
import { writable, type Readable } from 'svelte/store';
import {
  parseServerMessage,
  type ConsoleMessage,
  type MineMessage,
  type ServerMessage,
  type SessionSnapshot,
} from './api/realtime';

export type LiveStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LiveState {
  status: LiveStatus;
  /** Latest full snapshot from the server (null until the first one arrives on this connection set). */
  session: SessionSnapshot | null;
  presence: number;
  /** True while disconnected: the shown session may be out of date. */
  stale: boolean;
  error: { code: string; message: string } | null;
  /** This phone's own answers etc. (only ever sent to this socket). */
  mine: MineMessage | null;
  /** Moderation queue (console sockets only). */
  queue: ConsoleMessage['queue'] | null;
  /** Held and hidden ideas of the session's idea collections (console sockets only). */
  ideaQueue?: NonNullable<ConsoleMessage['ideas']> | null;
}

export const initialLiveState: LiveState = {
  status: 'connecting',
  session: null,
  presence: 0,
  stale: false,
  error: null,
  mine: null,
  queue: null,
};

/** Pure reducer for server messages. */
export function reduceLive(state: LiveState, msg: ServerMessage): LiveState {
  switch (msg.type) {
    case 'snapshot':
      return {
        ...state,
        session: msg.session,
        presence: typeof msg.session.presence === 'number' ? msg.session.presence : state.presence,
        stale: false,
        error: null,
      };
    case 'presence':
      return { ...state, presence: msg.count };
    case 'error':
      return { ...state, error: { code: msg.code, message: msg.message } };
    case 'mine':
      return { ...state, mine: msg };
    case 'console':
      return { ...state, queue: msg.queue, ideaQueue: msg.ideas ?? null };
    case 'pong':
    case 'ack':
      return state;
  }
}

/** Delay before reconnect attempt n (0-based): exponential, capped, with full jitter in [50%, 100%]. */
export function backoffDelay(attempt: number, random: () => number = Math.random, base = 500, cap = 15000): number {
  const exp = Math.min(cap, base * 2 ** Math.min(attempt, 16));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Server errors after which reconnecting is pointless. */
const FATAL = new Set([
  'not_authenticated',
  'permission_denied',
  'forbidden',
  'unknown_join_code',
  'not_found',
  'session_ended',
  'not_joined',
  'session_not_started',
]);

export function wsUrl(path: string, loc: Pick<Location, 'protocol' | 'host'> = location): string {
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${loc.host}${path}`;
}

export interface LiveConnection extends Readable<LiveState> {
  close(): void;
  /** Force an immediate reconnect (e.g. when the network comes back). */
  retryNow(): void;
}

export function connectLive(path: string): LiveConnection {
  const store = writable<LiveState>({ ...initialLiveState });
  let ws: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let fatal = false;

  const update = (fn: (s: LiveState) => LiveState) => store.update(fn);

  function schedule() {
    if (stopped || fatal) return;
    if (timer) clearTimeout(timer);
    const delay = backoffDelay(attempt++);
    update((s) => ({ ...s, status: 'reconnecting', stale: s.session !== null }));
    timer = setTimeout(open, delay);
  }

  function open() {
    timer = null;
    if (stopped) return;
    try {
      ws = new WebSocket(wsUrl(path));
    } catch {
      schedule();
      return;
    }
    const sock = ws;
    sock.onopen = () => {
      update((s) => ({ ...s, status: 'open' }));
    };
    sock.onmessage = (ev) => {
      const msg = parseServerMessage(typeof ev.data === 'string' ? ev.data : '');
      if (!msg) return;
      if (msg.type === 'snapshot') attempt = 0;
      if (msg.type === 'error' && FATAL.has(msg.code)) fatal = true;
      update((s) => reduceLive(s, msg));
    };
    sock.onclose = (ev) => {
      if (ws !== sock) return;
      ws = null;
      // 4xxx close codes from the server mean "don't come back" (auth/permission/not found).
      if (ev.code >= 4000 && ev.code < 4500) fatal = true;
      if (stopped || fatal) {
        update((s) => ({ ...s, status: 'closed', stale: s.session !== null && !fatal ? true : s.stale }));
        return;
      }
      schedule();
    };
    sock.onerror = () => {
      /* onclose follows */
    };
  }

  const onOnline = () => retryNow();
  const onVisible = () => {
    if (document.visibilityState === 'visible' && !ws) retryNow();
  };

  function retryNow() {
    if (stopped || fatal || ws) return;
    if (timer) clearTimeout(timer);
    attempt = 0;
    open();
  }

  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  open();

  return {
    subscribe: store.subscribe,
    retryNow,
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      if (ws) {
        const s = ws;
        ws = null;
        s.close(1000);
      }
    },
  };
}
