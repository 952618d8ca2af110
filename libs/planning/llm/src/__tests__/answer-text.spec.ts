import { stripThinking } from '../answer-text';

describe('stripThinking', () => {
  it('removes a <think> block before the answer', () => {
    expect(stripThinking('<think>The brief asks for a shop.\n{ "x": 1 }</think>\n{"a":1}')).toBe(
      '{"a":1}',
    );
  });

  it('removes several blocks and the <thinking>/<reasoning> spellings, case-insensitively', () => {
    expect(
      stripThinking('<THINK>a</THINK>{"a":<thinking>b</thinking>1}<reasoning>c</reasoning>'),
    ).toBe('{"a":1}');
  });

  it('keeps what follows a closing tag whose opening tag was in the prompt template', () => {
    expect(stripThinking('I should plan the auth first.\n</think>\n\n{"a":1}')).toBe('{"a":1}');
  });

  it('drops an unterminated block up to the JSON that follows it', () => {
    expect(stripThinking('<think>Let me plan this.\nFirst the API.\n{"a":1}')).toBe('{"a":1}');
  });

  it('leaves nothing of an answer that was cut off while thinking', () => {
    expect(stripThinking('<think>Let me plan this. First the API, then')).toBe('');
  });

  it('leaves an answer without thinking as it is', () => {
    expect(stripThinking('  {"title":"<b>bold</b>"}  ')).toBe('{"title":"<b>bold</b>"}');
  });
});
