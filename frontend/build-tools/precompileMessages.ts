// Parses the ICU messages in src/locales/*.json at build time, so phones never download
// @formatjs's message parser (about 10 kB gzipped). Each locale file becomes a module that
// hands its syntax trees to src/lib/i18nCompiled.ts (which Vite uses in place of the parser)
// and exports the same dictionary as before. See docs/decisions (precompiled messages).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

const PREFIX = '\0locale-messages:';

/** Options svelte-i18n gives intl-messageformat (ignoreTag is its default). */
export const PARSE_OPTIONS = { ignoreTag: true } as const;

/** The syntax tree of every message that is more than its own text, keyed by the message. */
export function compileMessages(dictionary: unknown): Record<string, MessageFormatElement[]> {
  const out: Record<string, MessageFormatElement[]> = {};
  const walk = (node: unknown, path: string): void => {
    if (typeof node === 'string') {
      let tree: MessageFormatElement[];
      try {
        tree = parse(node, PARSE_OPTIONS);
      } catch (e) {
        throw new Error(`ICU syntax error in ${path}: ${(e as Error).message}`);
      }
      const plain = tree.length === 1 && tree[0].type === TYPE.literal && tree[0].value === node;
      if (!plain && tree.length > 0) out[node] = tree;
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(dictionary, '');
  return out;
}

export function precompileMessages(localeDir: string, registry: string): Plugin {
  const dir = resolve(localeDir);
  return {
    name: 'rostrum:precompile-messages',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('.json') || !importer) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (!resolved || !resolved.id.startsWith(dir + '/')) return null;
      return PREFIX + resolved.id.slice(0, -'.json'.length);
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length) + '.json';
      this.addWatchFile(file);
      const dictionary = JSON.parse(readFileSync(file, 'utf8'));
      const trees = compileMessages(dictionary);
      const register = Object.keys(trees).length
        ? `import { addCompiled } from ${JSON.stringify(registry)};\naddCompiled(${JSON.stringify(trees)});\n`
        : '';
      return `${register}export default ${JSON.stringify(dictionary)};\n`;
    },
  };
}
