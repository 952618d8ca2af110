/** Reasoning blocks some models (DeepSeek R1, Qwen3, QwQ) write before their answer. */
const THINK_BLOCK = /<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi;
const OPEN_TAG = /<(think|thinking|reasoning)>/i;
const CLOSE_TAG = /<\/(think|thinking|reasoning)>/gi;

/**
 * The answer without its reasoning: complete `<think>…</think>` blocks
 * removed; an answer that starts inside a block whose opening tag was in the
 * prompt template (`… </think> {…}`) keeps what follows the last closing tag;
 * an unterminated block (the model was cut off while thinking, or never closed
 * it) is dropped up to the first line that opens a JSON object, if any.
 */
export function stripThinking(raw: string): string {
  let text = raw.replace(THINK_BLOCK, '');
  let lastClose = -1;
  let closeLength = 0;
  for (const match of text.matchAll(CLOSE_TAG)) {
    lastClose = match.index;
    closeLength = match[0].length;
  }
  if (lastClose >= 0) text = text.slice(lastClose + closeLength);
  const open = OPEN_TAG.exec(text);
  if (open) {
    const after = text.slice(open.index + open[0].length);
    const json = /^\s*[{[]/m.exec(after);
    text = text.slice(0, open.index) + (json ? after.slice(json.index) : '');
  }
  return text.trim();
}
