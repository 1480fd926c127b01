import { describe, it, expect } from 'vitest';
import { phaseAt, takesAnswers, offers, msUntilChange, type PhaseView } from '../phase';

const counting: PhaseView = {
  name: 'counting_down',
  actions: ['lock', 'countdown_stop', 'hide', 'next'],
  ends_at: '2026-12-07T12:00:30Z',
  after: { name: 'revealed', actions: ['open', 'countdown', 'hide', 'next'] },
};
const before = Date.parse('2026-12-07T12:00:10Z');
const after = Date.parse('2026-12-07T12:00:31Z');

describe('phaseAt', () => {
  it('is the server phase while the countdown runs', () => {
    const p = phaseAt(counting, before)!;
    expect(p.name).toBe('counting_down');
    expect(takesAnswers(p)).toBe(true);
    expect(offers(p, 'lock')).toBe(true);
    expect(p.endsAt).toBe(counting.ends_at);
  });

  it('turns into the phase the server named for the end of the countdown', () => {
    const p = phaseAt(counting, after)!;
    expect(p.name).toBe('revealed');
    expect(takesAnswers(p)).toBe(false);
    expect(offers(p, 'lock')).toBe(false);
    expect(offers(p, 'open')).toBe(true);
    expect(p.endsAt).toBeNull();
  });

  it('knows when the phase changes by the clock', () => {
    expect(msUntilChange(counting, before)).toBe(20_000);
    expect(msUntilChange({ name: 'open', actions: [], ends_at: null, after: null }, before)).toBeNull();
  });

  it('is null without a snapshot', () => {
    expect(phaseAt(null, before)).toBeNull();
    expect(takesAnswers(null)).toBe(false);
  });
});
