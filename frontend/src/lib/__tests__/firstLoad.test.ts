import { describe, it, expect } from 'vitest';
import { firstLoadFiles, gzipSizes } from '../../../scripts/first-load.mjs';

const manifest = {
  'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_client.js', '_runtime.js'], dynamicImports: ['src/pages/Staff.svelte'], css: ['assets/index.css'] },
  '_client.js': { file: 'assets/client.js', imports: ['_runtime.js'] },
  '_runtime.js': { file: 'assets/runtime.js' },
  'src/pages/Staff.svelte': { file: 'assets/Staff.js', imports: ['_client.js'] },
};

describe('first-load budget', () => {
  it('counts the entry and its static imports once, not pages loaded on demand', () => {
    expect(firstLoadFiles(manifest)).toEqual(['assets/index.js', 'assets/client.js', 'assets/runtime.js']);
  });
  it('fails loudly on a manifest that does not match the build', () => {
    expect(() => firstLoadFiles({ 'index.html': { file: 'a.js', imports: ['_gone.js'] } })).toThrow(/_gone/);
  });
  it('measures gzipped bytes', () => {
    const sizes = gzipSizes(['a.js'], () => Buffer.from('x'.repeat(10000)));
    expect(sizes['a.js']).toBeGreaterThan(10);
    expect(sizes['a.js']).toBeLessThan(200);
  });
});
