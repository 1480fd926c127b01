import { describe, it, expect } from 'vitest';
import { matchPattern, matchRoute } from '../router';
import { routes } from '../../routes';

describe('router', () => {
  it('matches static and param routes', () => {
    expect(matchRoute(routes, '/')).toEqual({ name: 'start', params: {} });
    expect(matchRoute(routes, '/j/K7M2QX')).toEqual({ name: 'phone', params: { code: 'K7M2QX' } });
    expect(matchRoute(routes, '/present/ABC123/')).toEqual({ name: 'present', params: { code: 'ABC123' } });
    expect(matchRoute(routes, '/staff/council/meetings/42')).toEqual({ name: 'brief', params: { id: '42' } });
    expect(matchRoute(routes, '/staff/council')?.name).toBe('council');
    expect(matchRoute(routes, '/staff')?.name).toBe('staff');
  });

  it('ignores query and hash', () => {
    expect(matchRoute(routes, '/j/AB12CD?x=1#main')).toEqual({ name: 'phone', params: { code: 'AB12CD' } });
  });

  it('returns null for unknown or partial paths', () => {
    expect(matchRoute(routes, '/j')).toBeNull();
    expect(matchRoute(routes, '/j/ABC/extra')).toBeNull();
    expect(matchRoute(routes, '/nope')).toBeNull();
  });

  it('decodes params and rejects malformed escapes', () => {
    expect(matchPattern('/j/:code', '/j/A%20B')).toEqual({ code: 'A B' });
    expect(matchPattern('/j/:code', '/j/%E0%A4%A')).toBeNull();
  });
});
