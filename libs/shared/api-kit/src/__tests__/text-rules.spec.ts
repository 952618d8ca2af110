import { findUnsafeText, hasVisibleText, singleLineReason, unsafeTextReason } from '../text-rules';

describe('text rules', () => {
  it.each([
    ['a NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\uD83D'],
    ['a lone low surrogate', '\uDE00a'],
    ['an escape character', '\u001B[31m'],
    ['a C1 control', 'a\u0085b'],
  ])('refuses %s', (_name, text) => {
    expect(unsafeTextReason(text)).not.toBeNull();
  });

  it.each([
    ['emoji made of surrogate pairs', '🚲 👩‍👩‍👧‍👦'],
    ['tabs and line breaks', 'one\n\ttwo\r\n'],
    ['right-to-left text with its marks', 'שלום\u200F'],
    ['an empty string', ''],
  ])('accepts %s', (_name, text) => {
    expect(unsafeTextReason(text)).toBeNull();
  });

  it('finds the first unsafe string at any depth and names its path', () => {
    const value = { title: 'ok', tasks: [{ skills: ['react', 'vue\u0000'] }] };
    expect(findUnsafeText(value, 'input')).toEqual({
      field: 'input.tasks.0.skills.1',
      problem: 'must not contain NUL characters',
    });
    expect(findUnsafeText({ fine: ['a', 1, null, true] }, 'input')).toBeNull();
  });

  it('checks the keys of objects, which a JSON value would store', () => {
    expect(findUnsafeText({ 'a\u0000': 1 }, 'input')?.field).toBe('input');
  });

  it('sees blank and invisible-only text as having no visible character', () => {
    expect(hasVisibleText(' \t\n\u00A0\u3000')).toBe(false);
    expect(hasVisibleText('\u200B\uFEFF')).toBe(false);
    expect(hasVisibleText(' x ')).toBe(true);
  });

  it('keeps single-line text free of breaks and bidirectional overrides', () => {
    expect(singleLineReason('Acme\nLtd')).not.toBeNull();
    expect(singleLineReason('Acme\u2028Ltd')).not.toBeNull();
    expect(singleLineReason('invoice\u202Efdp.exe')).not.toBeNull();
    expect(singleLineReason('Acme Ltd שלום')).toBeNull();
  });
});
