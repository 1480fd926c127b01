// Parses the ICU messages in src/locales/*.json at build time, so phones never download
// @formatjs's message parser (about 10 kB gzipped). Each locale file becomes a module that
// hands its syntax trees to src/lib/i18nRuntime.ts (which formats them) and exports the same
// dictionary as before. See docs/decisions, "Precompiled messages".
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

const PREFIX = '\0locale-messages:';
const BUNDLES = 'virtual:locale-bundles';
const BUNDLE = 'virtual:locale-bundle/';

/** Which group a namespace's files load in: `phone` for what participants see, `staff` for the rest. */
export type MessageGroups = Record<string, readonly string[]>;

/** `poll.ar.json` → namespace `poll`, code `ar`; `ar.json` → namespace '' (the main file). */
export function localeFile(name: string): { ns: string; code: string } | null {
  const m = /^(?:([a-z0-9-]+)\.)?([a-z]{2}(?:-x-[a-z]+)?)\.json$/.exec(name);
  return m ? { ns: m[1] ?? '', code: m[2] } : null;
}

/**
 * The per-language bundles: for every language but Swedish and every group, one module that
 * imports that language's file of each namespace in the group. `virtual:locale-bundles`
 * maps "code/group" to a loader and each namespace to its group, so a device fetches one
 * chunk per group for its language instead of the runtime knowing every file.
 */
export function bundlePlan(fileNames: readonly string[], groups: MessageGroups): Map<string, { ns: string; file: string }[]> {
  const groupOf = namespaceGroups(groups);
  const plan = new Map<string, { ns: string; file: string }[]>();
  for (const file of [...fileNames].sort()) {
    const parsed = localeFile(file);
    if (!parsed || parsed.code === 'sv') continue;
    const group = groupOf[parsed.ns];
    if (!group) throw new Error(`locales/${file}: namespace "${parsed.ns}" is in no message group (vite.config.ts)`);
    const key = `${parsed.code}/${group}`;
    plan.set(key, [...(plan.get(key) ?? []), { ns: parsed.ns, file }]);
  }
  return plan;
}

export function namespaceGroups(groups: MessageGroups): Record<string, string> {
  return Object.fromEntries(Object.entries(groups).flatMap(([group, names]) => names.map((ns) => [ns, group])));
}

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

export function precompileMessages(
  localeDir: string,
  registry: string,
  pageSections: readonly string[],
  groups: MessageGroups,
): Plugin {
  const dir = resolve(localeDir);
  const plan = (): Map<string, { ns: string; file: string }[]> => bundlePlan(readdirSync(dir), groups);
  return {
    name: 'rostrum:precompile-messages',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source === BUNDLES || source.startsWith(BUNDLE)) return `\0${source}`;
      const [path, part = ''] = source.split('?');
      if (!path.endsWith('.json') || !importer) return null;
      const resolved = await this.resolve(path, importer, { skipSelf: true });
      if (!resolved || !resolved.id.startsWith(dir + '/')) return null;
      return `${PREFIX}${part}:${resolved.id.slice(0, -'.json'.length)}`;
    },
    load(id) {
      if (id === `\0${BUNDLES}`) {
        const loaders = [...plan().keys()].map((key) => `${JSON.stringify(key)}: () => import(${JSON.stringify(BUNDLE + key)})`);
        return `export default {${loaders.join(',')}};\nexport const groupOf = ${JSON.stringify(namespaceGroups(groups))};\n`;
      }
      if (id.startsWith(`\0${BUNDLE}`)) {
        const files = plan().get(id.slice(BUNDLE.length + 1)) ?? [];
        const imports = files.map((f, i) => `import m${i} from ${JSON.stringify(`${dir}/${f.file}`)};`);
        const entries = files.map((f, i) => `${JSON.stringify(f.ns)}: m${i}`);
        return `${imports.join('\n')}\nexport default {${entries.join(',')}};\n`;
      }
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
