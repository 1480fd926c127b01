import { describe, it, expect } from 'vitest';
import { stockholmLocalToIso } from '../../pages/ideas/format';

describe('stockholmLocalToIso', () => {
  it('reads a datetime-local value as Stockholm time, summer and winter', () => {
    expect(stockholmLocalToIso('2026-07-01T18:00')).toBe('2026-07-01T16:00:00.000Z');
    expect(stockholmLocalToIso('2026-12-01T18:00')).toBe('2026-12-01T17:00:00.000Z');
  });
  it('leaves an empty field empty', () => {
    expect(stockholmLocalToIso('')).toBeNull();
  });
});
