import { describe, it, expect, vi, afterEach } from 'vitest';
import { PendingRequests, SocketUnavailable, sendAnswer, type AnswerBody } from '../live';
import { ApiError } from '../api/client';

const body: AnswerBody = { question_id: 5, answer: { option_ids: [1, 2] }, idempotency_key: 'k-1' };

function ids() {
  let n = 0;
  return () => `r${++n}`;
}

describe('PendingRequests (writes over the socket)', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the frame with a request id and resolves with the ack result', async () => {
    const sent: string[] = [];
    const pending = new PendingRequests(ids());
    const done = pending.start((t) => sent.push(t), 'answer', body);

    expect(JSON.parse(sent[0])).toEqual({ type: 'answer', request_id: 'r1', data: body });
    expect(pending.settle({ type: 'ack', request_id: 'r1', result: { counted: true } })).toBe(true);
    await expect(done).resolves.toEqual({ counted: true });
    expect(pending.size).toBe(0);
  });

  it('ignores acks and errors for requests it did not send', () => {
    const pending = new PendingRequests(ids());
    expect(pending.settle({ type: 'ack', request_id: 'other', result: {} })).toBe(false);
    expect(pending.settle({ type: 'error', code: 'unsupported_message', message: 'x' })).toBe(false);
    expect(pending.settle({ type: 'presence', count: 3 })).toBe(false);
  });

  it('a refusal becomes an ApiError with the server code; rate limits are retryable (429)', async () => {
    const pending = new PendingRequests(ids());
    const locked = pending.start(() => {}, 'answer', body);
    const limited = pending.start(() => {}, 'answer', body);
    pending.settle({ type: 'error', request_id: 'r1', code: 'answering_locked', message: 'Stängt' });
    pending.settle({ type: 'error', request_id: 'r2', code: 'rate_limited', message: 'Vänta' });

    const e1 = (await locked.catch((e: unknown) => e)) as ApiError;
    const e2 = (await limited.catch((e: unknown) => e)) as ApiError;
    expect(e1).toBeInstanceOf(ApiError);
    expect([e1.code, e1.status]).toEqual(['answering_locked', 400]);
    expect([e2.code, e2.status]).toEqual(['rate_limited', 429]);
  });

  it('a server error is retryable (500), like over REST', async () => {
    const pending = new PendingRequests(ids());
    const failed = pending.start(() => {}, 'answer', body);
    pending.settle({ type: 'error', request_id: 'r1', code: 'server_error', message: 'Oj' });

    const e = (await failed.catch((x: unknown) => x)) as ApiError;
    expect([e.code, e.status]).toEqual(['server_error', 500]);
  });

  it('a socket that closes, says not_joined or stays silent hands the write to REST', async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests(ids());
    const closed = pending.start(() => {}, 'answer', body);
    pending.failAll();
    const notJoined = pending.start(() => {}, 'answer', body);
    pending.settle({ type: 'error', request_id: 'r2', code: 'not_joined', message: '' });
    const silent = pending.start(() => {}, 'answer', body, 1000);
    vi.advanceTimersByTime(1001);
    const broken = pending.start(() => {
      throw new Error('closing');
    }, 'answer', body);

    for (const p of [closed, notJoined, silent, broken]) await expect(p).rejects.toBeInstanceOf(SocketUnavailable);
    expect(pending.size).toBe(0);
  });
});

describe('sendAnswer', () => {
  it('uses the socket when it acknowledges, and never REST', async () => {
    const rest = vi.fn();
    const conn = { request: vi.fn().mockResolvedValue({ counted: true, answer: body.answer }) };

    await expect(sendAnswer(conn, body, rest)).resolves.toEqual({ counted: true, answer: body.answer });
    expect(conn.request).toHaveBeenCalledWith('answer', body);
    expect(rest).not.toHaveBeenCalled();
  });

  it('falls back to REST with the same body and idempotency key when the socket is down', async () => {
    const rest = vi.fn().mockResolvedValue({ counted: true });
    const conn = { request: vi.fn().mockRejectedValue(new SocketUnavailable('not open')) };

    await sendAnswer(conn, body, rest);
    await sendAnswer(null, body, rest);

    expect(rest).toHaveBeenCalledTimes(2);
    expect(rest.mock.calls[0][0]).toBe(body);
    expect(rest.mock.calls[0][0].idempotency_key).toBe('k-1');
  });

  it('does not resend a refused answer over REST', async () => {
    const rest = vi.fn();
    const refused = new ApiError('answering_locked', 'Stängt', 400);
    const conn = { request: vi.fn().mockRejectedValue(refused) };

    await expect(sendAnswer(conn, body, rest)).rejects.toBe(refused);
    expect(rest).not.toHaveBeenCalled();
  });
});
