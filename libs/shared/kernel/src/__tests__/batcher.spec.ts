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
    const batcher = new Batcher(runner.run, { maxSize: 10 });
    const answer = batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.batches).toEqual([[1]]);
    await runner.endNext();
    await expect(answer).resolves.toBe('#1');
  });

  it('puts the items that arrive while a batch runs into the next batch, in order', async () => {
    const runner = controlledRunner();
    const batcher = new Batcher(runner.run, { maxSize: 10 });
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
    const batcher = new Batcher(runner.run, { maxSize: 2 });
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
    const batcher = new Batcher(runner.run, { maxSize: 10 });
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
    const batcher = new Batcher<number, number>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error('connection lost');
        return items.map((n) => ({ ok: true as const, value: n * 10 }));
      },
      { maxSize: 10 },
    );
    const failed = [batcher.submit(1), batcher.submit(2)];
    const results = await Promise.allSettled(failed);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(batcher.submit(3)).resolves.toBe(30);
  });

  describe('gathering after a batch of several (lingerMs)', () => {
    const tick = () => new Promise((resolve) => setImmediate(resolve));

    /** Two items run together, and a third waited for them: the batch after it is the question. */
    async function afterABatchOfTwo(lingerMs: number) {
      const runner = controlledRunner();
      const batcher = new Batcher(runner.run, { maxSize: 10, lingerMs });
      const answers = [batcher.submit(0)];
      await tick();
      answers.push(batcher.submit(1), batcher.submit(2));
      await runner.endNext();
      expect(runner.batches).toEqual([[0], [1, 2]]);
      return { runner, batcher, answers };
    }

    it('starts the next batch as soon as as many items as the last batch are waiting', async () => {
      // A linger far longer than the test: only the count can start the batch.
      const { runner, batcher, answers } = await afterABatchOfTwo(60_000);
      await runner.endNext();
      answers.push(batcher.submit(3));
      await tick();
      expect(runner.batches).toHaveLength(2);
      answers.push(batcher.submit(4));
      await tick();
      expect(runner.batches).toEqual([[0], [1, 2], [3, 4]]);
      await runner.endNext();
      await expect(Promise.all(answers)).resolves.toEqual(['#0', '#1', '#2', '#3', '#4']);
    });

    it('answers the last batch while it gathers, and starts with fewer once the linger is over', async () => {
      const { runner, batcher, answers } = await afterABatchOfTwo(30);
      await runner.endNext();
      await expect(Promise.all(answers)).resolves.toEqual(['#0', '#1', '#2']);
      const late = batcher.submit(3);
      await tick();
      expect(runner.batches).toHaveLength(2);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(runner.batches).toEqual([[0], [1, 2], [3]]);
      await runner.endNext();
      await expect(late).resolves.toBe('#3');
    });

    it('never waits after a lone item', async () => {
      const runner = controlledRunner();
      const batcher = new Batcher(runner.run, { maxSize: 10, lingerMs: 60_000 });
      const first = batcher.submit(1);
      await tick();
      const second = batcher.submit(2);
      await runner.endNext();
      expect(runner.batches).toEqual([[1], [2]]);
      await runner.endNext();
      await expect(Promise.all([first, second])).resolves.toEqual(['#1', '#2']);
    });
  });
});
