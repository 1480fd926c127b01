// Live session over websocket: reconnect with backoff + jitter; each (re)connect
// replaces state with the server's full snapshot, so results are never stale.
import { writable, type Readable } from 'svelte/store';
import { ApiError } from './api/client';
import { backoffDelay, uuid4 } from './outbox';
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

// Reconnects back off like the outbox's retries: one delay rule (lib/outbox.ts).
export { backoffDelay };

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
  /**
   * Send one of this phone's writes (e.g. an answer) over the open socket. Resolves with
   * the ack's result (sent after commit); rejects with ApiError when the server refused it,
   * or SocketUnavailable when the socket is not open, closes before the ack, or no ack
   * comes in time: then send it over REST (same idempotency key, so it counts once).
   */
  request(type: string, data: unknown, timeoutMs?: number): Promise<unknown>;
}

/** The socket could not confirm a write: it may or may not have arrived. Use REST. */
export class SocketUnavailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SocketUnavailable';
  }
}

/** How long a write waits for its ack on the socket before going over REST instead. */
export const SOCKET_ACK_TIMEOUT_MS = 8000;

// The HTTP status a socket error stands for, where callers retry on it (429, 5xx).
const SOCKET_ERROR_STATUS: Record<string, number> = { rate_limited: 429, server_error: 500 };

// Socket error codes that mean "this socket cannot do it", not "the answer is refused".
const SOCKET_ONLY = new Set(['not_joined', 'unsupported_message']);

/** Writes sent over a socket and waiting for their ack or error, by request_id. */
export class PendingRequests {
  private waiting = new Map<
    string,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }
  >();

  constructor(private newId: () => string = uuid4) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Send ``{type, request_id, data}`` with ``send`` and wait for the answer to it. */
  start(send: (text: string) => void, type: string, data: unknown, timeoutMs = SOCKET_ACK_TIMEOUT_MS): Promise<unknown> {
    const id = this.newId();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new SocketUnavailable('no ack in time'));
      }, timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
      try {
        send(JSON.stringify({ type, request_id: id, data }));
      } catch {
        this.finish(id);
        reject(new SocketUnavailable('send failed'));
      }
    });
  }

  /** Settle the write a server message answers; false if it answers none of ours. */
  settle(msg: ServerMessage): boolean {
    if (msg.type !== 'ack' && msg.type !== 'error') return false;
    const id = msg.request_id;
    const entry = id ? this.finish(id) : undefined;
    if (!entry) return false;
    if (msg.type === 'ack') entry.resolve(msg.result);
    else if (SOCKET_ONLY.has(msg.code)) entry.reject(new SocketUnavailable(msg.code));
    else entry.reject(new ApiError(msg.code, msg.message, SOCKET_ERROR_STATUS[msg.code] ?? 400, msg.fields ?? {}));
    return true;
  }

  /** The socket closed: nothing more will be acknowledged on it. */
  failAll(): void {
    for (const id of [...this.waiting.keys()]) this.finish(id)?.reject(new SocketUnavailable('socket closed'));
  }

  private finish(id: string) {
    const entry = this.waiting.get(id);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.waiting.delete(id);
    return entry;
  }
}

/** An answer to any question kind, as POST /api/live/{code}/answers and the socket take it. */
export interface AnswerBody {
  question_id: number;
  idempotency_key: string;
  option_id?: number;
  answer?: unknown;
}

/**
 * Send an answer over the live socket when it is open and wait for its ack; when the
 * socket is down (or drops before the ack) send the same body, same idempotency key, over
 * REST. A refusal from the server (locked, invalid …) is thrown as it came, never resent.
 */
export async function sendAnswer<T>(
  conn: Pick<LiveConnection, 'request'> | null,
  body: AnswerBody,
  rest: (body: AnswerBody) => Promise<T>,
): Promise<T> {
  if (conn) {
    try {
      return (await conn.request('answer', body)) as T;
    } catch (e) {
      if (!(e instanceof SocketUnavailable)) throw e;
    }
  }
  return rest(body);
}

/** Svelte context key: how a live phone's question components send their answers. */
export const LIVE_ANSWER_SENDER = Symbol('liveAnswerSender');
export type AnswerSender = (body: AnswerBody) => Promise<{ answer?: unknown; text_status?: string; option_id?: number | null }>;

export function connectLive(path: string): LiveConnection {
  const store = writable<LiveState>({ ...initialLiveState });
  let ws: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let fatal = false;
  const requests = new PendingRequests();

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
      // The answer to one of our writes goes to its sender, not into the shared state.
      if (requests.settle(msg)) return;
      if (msg.type === 'error' && FATAL.has(msg.code)) fatal = true;
      update((s) => reduceLive(s, msg));
    };
    sock.onclose = (ev) => {
      if (ws !== sock) return;
      ws = null;
      requests.failAll();
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

  function request(type: string, data: unknown, timeoutMs?: number): Promise<unknown> {
    const sock = ws;
    if (!sock || sock.readyState !== WebSocket.OPEN) return Promise.reject(new SocketUnavailable('not open'));
    return requests.start((text) => sock.send(text), type, data, timeoutMs);
  }

  return {
    subscribe: store.subscribe,
    retryNow,
    request,
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      requests.failAll();
      if (ws) {
        const s = ws;
        ws = null;
        s.close(1000);
      }
    },
  };
}
