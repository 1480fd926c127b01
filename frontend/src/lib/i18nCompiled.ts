// Stands in for @formatjs/icu-messageformat-parser (see the alias in vite.config.ts): the
// locale files' messages are parsed at build time (build-tools/precompileMessages.ts) and
// their syntax trees registered here, so intl-messageformat gets trees instead of parsing.
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser/lib/types.js';

export * from '@formatjs/icu-messageformat-parser/lib/types.js';
// intl-messageformat reads these from the parser package; nothing here parses.
export const _Parser = undefined;

const trees = new Map<string, MessageFormatElement[]>();

export function addCompiled(compiled: Record<string, MessageFormatElement[]>): void {
  for (const [message, tree] of Object.entries(compiled)) trees.set(message, tree);
}

/** The build-time tree of a message; a message with no ICU syntax is its own text. */
export function parse(message: string): MessageFormatElement[] {
  const tree = trees.get(message);
  if (tree) return tree;
  // The build registers every message whose tree is not its own plain text, so a message with
  // an argument that is missing here came from outside the locale files.
  if (message.includes('{')) throw new Error(`Message not precompiled: ${message}`);
  return message ? [{ type: TYPE.literal, value: message }] : [];
}
