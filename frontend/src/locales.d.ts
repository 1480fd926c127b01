// Parts of a locale file, split at build time (build-tools/precompileMessages.ts).
declare module '*.json?first-load' {
  const messages: Record<string, unknown>;
  export default messages;
}
declare module '*.json?pages' {
  const messages: Record<string, unknown>;
  export default messages;
}
