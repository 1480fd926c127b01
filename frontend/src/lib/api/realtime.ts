// Server → client websocket messages (mirrors the backend consumers).
import type { HeldQuestion, LiveSession } from './types';
import type { HeldIdea } from '../livePrep';

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
  /** Set when the error answers a write this socket sent (its request_id). */
  request_id?: string | null;
}
/** Reply to a client {"type":"ping"}; we never ping, but the server may send it. */
export interface PongMessage {
  type: 'pong';
}
/** Sent to one phone only: its own answers, upvotes and questions (after connect and its writes). */
export interface MineMessage {
  type: 'mine';
  answers: Record<string, number>;
  /** Every kind's answer as it was sent (the server's copy), by question id. */
  full_answers?: Record<string, { answer: unknown; text_status: string }>;
  upvoted: number[];
  questions: { id: number; text: string; status: string }[];
  /** Ideas this phone supports, and its own ideas, on the session's idea boards. */
  supported?: number[];
  ideas?: { id: number; title: string; status: string }[];
  /** Already asked "Om dig" in the session's forum (null while the session does not ask). */
  about_you_asked?: boolean | null;
}
/** Console sockets only (youth workers): the moderation queue. */
export interface ConsoleMessage {
  type: 'console';
  queue: HeldQuestion[];
  /** Held and hidden ideas on the session's idea boards. */
  ideas?: HeldIdea[];
}
/** A write sent over the socket was committed. */
export interface AckMessage {
  type: 'ack';
  request_id: string | null;
  result: unknown;
}
export type ServerMessage =
  | SnapshotMessage
  | PresenceMessage
  | ErrorMessage
  | PongMessage
  | MineMessage
  | ConsoleMessage
  | AckMessage;

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
    case 'mine':
      return typeof (m as MineMessage).answers === 'object' ? (m as MineMessage) : null;
    case 'console':
      return Array.isArray((m as ConsoleMessage).queue) ? (m as ConsoleMessage) : null;
    case 'ack':
      return m as AckMessage;
    default:
      return null;
  }
}
