// The part of svelte-i18n's API the app uses (_, locale, isLoading, addMessages, register,
// init), formatting ICU syntax trees made at build time by build-tools/precompileMessages.ts.
// vite.config.ts and tsconfig.json map the module name 'svelte-i18n' here, so pages keep their
// imports while phones download neither svelte-i18n, intl-messageformat nor an ICU parser
// (see docs/decisions, "Precompiled messages").
import { derived, get, writable, type Readable } from 'svelte/store';
import { intlLocale, isRtl } from './languages';

/** ICU syntax tree nodes, numbered as @formatjs/icu-messageformat-parser numbers them. */
export const Kind = { literal: 0, argument: 1, number: 2, select: 5, plural: 6, pound: 7 } as const;
export type MessageNode =
  | { type: typeof Kind.literal; value: string }
  | { type: typeof Kind.argument; value: string }
  | { type: typeof Kind.number; value: string; style?: null }
  | { type: typeof Kind.pound }
  | { type: typeof Kind.select; value: string; options: Record<string, { value: MessageNode[] }> }
  | {
      type: typeof Kind.plural;
      value: string;
      options: Record<string, { value: MessageNode[] }>;
      offset: number;
      pluralType: 'cardinal' | 'ordinal';
    };

type Value = string | number | boolean | Date | null | undefined;
export type Values = Record<string, Value>;
export interface MessageOptions {
  values?: Values;
  default?: string;
  locale?: string;
}
export type MessageFormatter = (id: string, options?: MessageOptions) => string;
type Dictionary = Record<string, string>;
type Loader = () => Promise<unknown>;

const trees = new Map<string, MessageNode[]>();

/** Registered by each locale module the build generates: message text → its syntax tree. */
export function addCompiled(compiled: Record<string, MessageNode[]>): void {
  for (const [message, tree] of Object.entries(compiled)) trees.set(message, tree);
}

const dictionaries = writable<Record<string, Dictionary>>({});
export const dictionary: Readable<Record<string, Dictionary>> = { subscribe: dictionaries.subscribe };

function flatten(into: Dictionary, node: unknown, prefix: string): void {
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') into[key] = v;
    else if (v && typeof v === 'object') flatten(into, v, key);
  }
}

export function addMessages(code: string, ...parts: unknown[]): void {
  dictionaries.update((all) => {
    const flat = { ...all[code] };
    for (const part of parts) flatten(flat, part, '');
    return { ...all, [code]: flat };
  });
}

const loaders = new Map<string, Loader[]>();
/** Strings for `code` that load only when a device switches to it. */
export function register(code: string, loader: Loader): void {
  loaders.set(code, [...(loaders.get(code) ?? []), loader]);
}

// Loads whatever a language needs now (idempotent): lib/i18n.ts loads the language's files of
// every namespace registered so far; asked on every switch, as namespaces grow with pages.
let languageLoader: ((code: string) => Promise<void>) | null = null;
export function setLanguageLoader(load: (code: string) => Promise<void>): void {
  languageLoader = load;
}

const loading = writable(false);
export const isLoading: Readable<boolean> = { subscribe: loading.subscribe };

const current = writable<string | null | undefined>(undefined);
let fallback = 'sv';

let requested: string | null = null;
async function setLocale(code: string): Promise<void> {
  // The last switch wins, even when an earlier language's words arrive after it.
  requested = code;
  const pending = loaders.get(code) ?? [];
  loaders.delete(code);
  const work = [...pending.map((load) => load()), ...(languageLoader ? [languageLoader(code)] : [])];
  if (work.length) {
    // Keep showing the old language while the new one loads; only a first start waits.
    if (get(current) == null) loading.set(true);
    try {
      await Promise.all(work);
    } catch (e) {
      // A file that fails to load (offline) leaves the fallback's words, never a blank page.
      console.warn('[i18n] could not load', code, e);
    } finally {
      loading.set(false);
    }
  }
  if (requested === code) current.set(code);
}

export const locale = {
  subscribe: current.subscribe,
  set: setLocale,
};

export function init(options: { fallbackLocale: string; initialLocale?: string | null }): Promise<void> {
  fallback = options.fallbackLocale;
  return setLocale(options.initialLocale ?? fallback);
}

function pluralRules(code: string, type: 'cardinal' | 'ordinal'): Intl.PluralRules {
  return new Intl.PluralRules(intlLocale(code), { type });
}

/** The text of a syntax tree, as intl-messageformat would produce it. */
export function formatTree(tree: MessageNode[], code: string, values: Values, poundValue?: number): string {
  let out = '';
  for (const node of tree) {
    switch (node.type) {
      case Kind.literal:
        out += node.value;
        break;
      case Kind.pound:
        out += poundValue === undefined ? '#' : new Intl.NumberFormat(intlLocale(code)).format(poundValue);
        break;
      case Kind.argument: {
        const v = need(values, node.value);
        // In a right-to-left message a value (a Swedish title, a code, a name) is isolated,
        // so its own direction cannot reorder the words around it ("?" stays at its end).
        if (typeof v === 'string') out += isRtl(code) && v ? `\u2068${v}\u2069` : v;
        else if (typeof v === 'number') out += String(v);
        break;
      }
      case Kind.number:
        out += new Intl.NumberFormat(intlLocale(code)).format(Number(need(values, node.value)));
        break;
      case Kind.select: {
        const option = node.options[String(need(values, node.value))] ?? node.options.other;
        out += formatTree(option.value, code, values, poundValue);
        break;
      }
      case Kind.plural: {
        const n = Number(need(values, node.value));
        const shifted = n - (node.offset || 0);
        const option =
          node.options[`=${n}`] ??
          node.options[pluralRules(code, node.pluralType).select(shifted)] ??
          node.options.other;
        out += formatTree(option.value, code, values, shifted);
        break;
      }
    }
  }
  return out;
}

function need(values: Values, name: string): Value {
  if (!(name in values)) throw new Error(`missing value "${name}"`);
  return values[name];
}

export function formatMessage(all: Record<string, Dictionary>, code: string, id: string, options: MessageOptions = {}): string {
  const lang = options.locale ?? code;
  const message = all[lang]?.[id] ?? all[fallback]?.[id] ?? options.default ?? id;
  if (!options.values) return message;
  const tree = trees.get(message);
  if (!tree) return message;
  try {
    return formatTree(tree, lang, options.values);
  } catch (e) {
    console.warn(`[i18n] message "${id}":`, (e as Error).message);
    return message;
  }
}

export const _: Readable<MessageFormatter> = derived(
  [current, dictionaries],
  ([code, all]) =>
    (id: string, options?: MessageOptions) =>
      formatMessage(all, code ?? fallback, id, options),
);
export { _ as format, _ as t };
