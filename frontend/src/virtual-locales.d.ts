// Made by build-tools/precompileMessages.ts: per-language message bundles.
declare module 'virtual:locale-bundles' {
  /** "ar/phone" → the Arabic files of every namespace in the phone group, by namespace. */
  const bundles: Record<string, () => Promise<{ default: Record<string, Record<string, unknown>> }>>;
  export default bundles;
  /** Namespace → its group. */
  export const groupOf: Record<string, string>;
}
