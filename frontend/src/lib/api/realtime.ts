// Server → client websocket messages (mirrors the backend consumers).
import type { LiveSession } from './types';

/** Live session as pushed over the socket: no per-participant answers. */
export type SessionSnapshot = Omit<LiveSession, 'my_answers'> & { my_answers?: LiveSession['my_answers'] };

export interface SnapshotMessage {
  type: 'snapshot';
  session: SessionSnapshot;
}
export interface PresenceMessage {
  type: 'presence';
  count: number;
}
export interface ErrorMessage {
  type: 'error';
  code: string;
  message: string;
  fields?: Record<string, string[]>;
}
/** Reply to a client {"type":"ping"}; we never ping, but the server may send it. */
export interface PongMessage {
  type: 'pong';
}
export type ServerMessage = SnapshotMessage | PresenceMessage | ErrorMessage | PongMessage;

export function parseServerMessage(raw: string): ServerMessage | null {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const m = v as { type?: unknown };
  switch (m.type) {
    case 'snapshot':
      return 'session' in m && m.session && typeof m.session === 'object' ? (m as SnapshotMessage) : null;
    case 'presence':
      return typeof (m as PresenceMessage).count === 'number' ? (m as PresenceMessage) : null;
    case 'error':
      return typeof (m as ErrorMessage).code === 'string' ? (m as ErrorMessage) : null;
    case 'pong':
      return { type: 'pong' };
    default:
      return null;
  }
}
