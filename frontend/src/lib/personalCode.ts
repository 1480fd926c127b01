// The personal code that moves "Mina svar" to another phone (docs/decisions/0031). The
// server keeps only a hash, so this phone keeps the code itself to show it again.

export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 10;
const STORAGE_KEY = 'rostrum.personalCode';

/** Upper case, only the code's own characters, at most 10 of them. */
export function cleanCode(input: string): string {
  return [...input.toUpperCase()].filter((c) => CODE_ALPHABET.includes(c)).join('').slice(0, CODE_LENGTH);
}

/** ABCD-EFGH-JK, also while it is being typed. */
export function groupCode(input: string): string {
  const c = cleanCode(input);
  return [c.slice(0, 4), c.slice(4, 8), c.slice(8)].filter(Boolean).join('-');
}

export function isCompleteCode(input: string): boolean {
  return cleanCode(input).length === CODE_LENGTH;
}

/** The code in a QR link's #fragment (/mina-svar/flytta#ABCD-EFGH-JK), or ''. */
export function codeFromHash(hash: string): string {
  const code = groupCode(decodeURIComponent(hash.replace(/^#/, '')));
  return isCompleteCode(code) ? code : '';
}

export function storedCode(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeCode(code: string | null): void {
  try {
    if (code) localStorage.setItem(STORAGE_KEY, code);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode without storage: the code is shown this once.
  }
}
