// Parses the ICU messages in src/locales/*.json at build time, so phones never download
// @formatjs's message parser (about 10 kB gzipped). Each locale file becomes a module that
// hands its syntax trees to src/lib/i18nRuntime.ts (which formats them) and exports the same
// dictionary as before. See docs/decisions, "Precompiled messages".
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

const PREFIX = '\0locale-messages:';

/** Tags like <b> stay text, as they did under svelte-i18n (its ignoreTag default). */
export const PARSE_OPTIONS = { ignoreTag: true } as const;

// What src/lib/i18nRuntime.ts formats: text, {name}, {n, number}, select, plural and #.
const SUPPORTED = new Set<number>([TYPE.literal, TYPE.argument, TYPE.number, TYPE.select, TYPE.plural, TYPE.pound]);

function checkSupported(tree: MessageFormatElement[], path: string): void {
  for (const el of tree) {
    if (!SUPPORTED.has(el.type) || (el.type === TYPE.number && el.style)) {
      throw new Error(`${path}: the app formats only {x}, {x, number}, select and plural (found type ${el.type})`);
    }
    if ('options' in el) for (const option of Object.values(el.options)) checkSupported(option.value, path);
  }
}

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
      checkSupported(tree, path);
      const plain = tree.length === 1 && tree[0].type === TYPE.literal && tree[0].value === node;
      if (!plain && tree.length > 0) out[node] = tree;
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(dictionary, '');
  return out;
}

/**
 * `import x from './sv.json?first-load'` gives the file without `pageSections` (top-level
 * sections only pages other than the phone show), `./sv.json?pages` only those sections.
 */
export function pickSections(dictionary: Record<string, unknown>, part: string, pageSections: readonly string[]): Record<string, unknown> {
  if (part === '') return dictionary;
  const keep = (k: string): boolean => (part === 'pages') === pageSections.includes(k);
  if (part !== 'pages' && part !== 'first-load') throw new Error(`unknown locale file part ?${part}`);
  return Object.fromEntries(Object.entries(dictionary).filter(([k]) => keep(k)));
}

export function precompileMessages(localeDir: string, registry: string, pageSections: readonly string[]): Plugin {
  const dir = resolve(localeDir);
  return {
    name: 'rostrum:precompile-messages',
    enforce: 'pre',
    async resolveId(source, importer) {
      const [path, part = ''] = source.split('?');
      if (!path.endsWith('.json') || !importer) return null;
      const resolved = await this.resolve(path, importer, { skipSelf: true });
      if (!resolved || !resolved.id.startsWith(dir + '/')) return null;
      return `${PREFIX}${part}:${resolved.id.slice(0, -'.json'.length)}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const rest = id.slice(PREFIX.length);
      const part = rest.slice(0, rest.indexOf(':'));
      const file = `${rest.slice(part.length + 1)}.json`;
      this.addWatchFile(file);
      const dictionary = pickSections(JSON.parse(readFileSync(file, 'utf8')), part, pageSections);
      const trees = compileMessages(dictionary);
      const register = Object.keys(trees).length
        ? `import { addCompiled } from ${JSON.stringify(registry)};\naddCompiled(${JSON.stringify(trees)});\n`
        : '';
      return `${register}export default ${JSON.stringify(dictionary)};\n`;
    },
  };
}
