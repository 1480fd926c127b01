import { describe, it, expect } from 'vitest';
import { cleanCode, codeFromHash, groupCode, isCompleteCode } from '../personalCode';

describe('personal code input', () => {
  it('groups as you type and ignores spaces, dashes and case', () => {
    expect(groupCode('abcd')).toBe('ABCD');
    expect(groupCode('abcde')).toBe('ABCD-E');
    expect(groupCode(' abcd efgh-jk ')).toBe('ABCD-EFGH-JK');
  });
  it('drops characters the code never uses and stops at ten', () => {
    expect(cleanCode('O0I1abcdefghjkmn')).toBe('ABCDEFGHJK');
    expect(isCompleteCode('ABCD-EFGH-J')).toBe(false);
    expect(isCompleteCode('abcd-efgh-jk')).toBe(true);
  });
  it('reads the code from a QR link fragment', () => {
    expect(codeFromHash('#ABCD-EFGH-JK')).toBe('ABCD-EFGH-JK');
    expect(codeFromHash('#ABCD')).toBe('');
    expect(codeFromHash('')).toBe('');
  });
});
