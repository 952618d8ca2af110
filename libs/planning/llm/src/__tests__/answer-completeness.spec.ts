import { cutOffReason, mergeCorrection, partialAnswer } from '../answer-completeness';

const task = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  title: `Task ${key}`,
  ...extra,
});
const whole = JSON.stringify({
  features: [{ key: 'f' }],
  tasks: [task('a'), task('b')],
  end: 'END',
});

describe('cutOffReason', () => {
  it('accepts a whole answer that closes with its end marker', () => {
    expect(cutOffReason(whole, 'stop')).toBeNull();
    expect(cutOffReason('```json\n' + whole + '\n```', 'stop')).toBeNull();
  });

  it('reports an answer stopped at the token limit', () => {
    expect(cutOffReason(whole, 'length')).toMatch(/output token limit/);
  });

  it('reports JSON that ends inside a task or a string', () => {
    expect(cutOffReason(whole.slice(0, 60), 'stop')).toMatch(/before its JSON object is closed/);
    expect(cutOffReason('{"tasks":[{"key":"a","title":"Bui', null)).toMatch(/before its JSON/);
  });

  it('reports an answer cut exactly at a task boundary, which a JSON repair would close', () => {
    const atBoundary = whole.slice(0, whole.indexOf(',{"key":"b"'));
    expect(cutOffReason(atBoundary, 'stop')).toMatch(/before its JSON object is closed/);
  });

  it('reports a closed object without the end marker as stopped early', () => {
    const closedEarly = JSON.stringify({ features: [], tasks: [task('a')] });
    expect(cutOffReason(closedEarly, 'stop')).toMatch(/without its closing "end": "END"/);
  });

  it('leaves prose and syntax errors to the parser', () => {
    expect(cutOffReason('I cannot plan this.', 'stop')).toBeNull();
    expect(cutOffReason('{"a":1,}', 'stop')).toBeNull();
  });
});

describe('partialAnswer', () => {
  it('keeps the tasks that arrived whole and drops the one cut inside', () => {
    const cut = whole.slice(0, whole.indexOf('"Task b"') + 4);
    expect(partialAnswer(cut)).toEqual({
      fields: { features: [{ key: 'f' }] },
      tasks: [task('a')],
    });
  });

  it('keeps every task of an answer cut at a task boundary', () => {
    const cut = whole.slice(0, whole.indexOf('],"end"'));
    expect(partialAnswer(cut)?.tasks).toEqual([task('a'), task('b')]);
  });

  it('has nothing to keep before the first task ended', () => {
    expect(partialAnswer('{"features":[{"key":"f"}],"tasks":[{"key":"a","ti')).toBeNull();
    expect(partialAnswer('not json')).toBeNull();
  });
});

describe('mergeCorrection', () => {
  const base = { fields: { features: [{ key: 'f' }] }, tasks: [task('a'), task('b'), task('c')] };

  it('replaces tasks by key, adds new ones, drops removed ones and keeps the rest in order', () => {
    const merged = mergeCorrection(base, {
      features: [],
      tasks: [task('b', { title: 'fixed' }), task('d')],
      removeTaskKeys: ['c'],
      end: 'END',
    });
    expect(merged).toEqual({
      features: [{ key: 'f' }],
      tasks: [task('a'), task('b', { title: 'fixed' }), task('d')],
      end: 'END',
    });
  });

  it('takes a new feature list when the correction sends one', () => {
    const merged = mergeCorrection(base, {
      features: [{ key: 'g' }],
      tasks: [],
      removeTaskKeys: [],
    });
    expect(merged.features).toEqual([{ key: 'g' }]);
    expect(merged.tasks).toHaveLength(3);
  });
});
