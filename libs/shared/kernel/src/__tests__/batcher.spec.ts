import { Batcher, Settled } from '../batcher';

/** A batch runner whose batches end when the test says so. */
function controlledRunner() {
  const batches: number[][] = [];
  const ends: (() => void)[] = [];
  const run = async (items: readonly number[]): Promise<Settled<string>[]> => {
    batches.push([...items]);
    await new Promise<void>((resolve) => ends.push(resolve));
    return items.map((n) =>
      n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: `#${n}` },
    );
  };
  const endNext = async () => {
    ends.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, run, endNext };
}

describe('Batcher', () => {
  it('runs a lone item at once, alone', async () => {
    const runner = controlledRunner();
    const batcher = new Batcher(runner.run, 10);
    const answer = batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.batches).toEqual([[1]]);
    await runner.endNext();
    await expect(answer).resolves.toBe('#1');
  });

  it('puts the items that arrive while a batch runs into the next batch, in order', async () => {
    const runner = controlledRunner();
    const batcher = new Batcher(runner.run, 10);
    const first = batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((n) => batcher.submit(n));
    await new Promise((resolve) => setImmediate(resolve));
    // Still one batch: the others wait for it.
    expect(runner.batches).toEqual([[1]]);
    await runner.endNext();
    expect(runner.batches).toEqual([[1], [2, 3, 4]]);
    await runner.endNext();
    await expect(Promise.all([first, ...later])).resolves.toEqual(['#1', '#2', '#3', '#4']);
  });

  it('cuts batches at their maximum size', async () => {
    const runner = controlledRunner();
    const batcher = new Batcher(runner.run, 2);
    const answers = [1, 2, 3, 4, 5].map((n) => batcher.submit(n));
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      await runner.endNext();
    }
    expect(runner.batches).toEqual([[1, 2], [3, 4], [5]]);
    await expect(Promise.all(answers)).resolves.toEqual(['#1', '#2', '#3', '#4', '#5']);
  });

  it('refuses only the item the batch refused; the others get their answers', async () => {
    const runner = controlledRunner();
    const batcher = new Batcher(runner.run, 10);
    const answers = Promise.allSettled([1, -2, 3].map((n) => batcher.submit(n)));
    await new Promise((resolve) => setImmediate(resolve));
    await runner.endNext();
    const settled = await answers;
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String(s.reason)))).toEqual([
      '#1',
      'Error: refused -2',
      '#3',
    ]);
  });

  it('fails every item of a batch whose run throws, and goes on with the next batch', async () => {
    let calls = 0;
    const batcher = new Batcher<number, number>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('connection lost');
      return items.map((n) => ({ ok: true as const, value: n * 10 }));
    }, 10);
    const failed = [batcher.submit(1), batcher.submit(2)];
    const results = await Promise.allSettled(failed);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(batcher.submit(3)).resolves.toBe(30);
  });
});
