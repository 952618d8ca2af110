import type { PlannerProgress } from '@splitwork/planning-core';
import { ProgressReporter, TOKEN_PROGRESS_INTERVAL_MS } from '../planning-progress';

describe('ProgressReporter', () => {
  it('reports streamed tokens at most once an interval, counting every conversation of the run', () => {
    const seen: PlannerProgress[] = [];
    let now = 0;
    const progress = new ProgressReporter(
      (p) => seen.push(p),
      () => now,
    );

    progress.received('plan', 1);
    for (let n = 2; n <= 100; n++) progress.received('plan', n);
    now += TOKEN_PROGRESS_INTERVAL_MS;
    progress.received('plan', 101);
    progress.newCall('plan');
    now += TOKEN_PROGRESS_INTERVAL_MS;
    progress.received('plan', 10);

    expect(seen.map((p) => [p.stage, p.tokensReceived])).toEqual([
      ['RECEIVING', 1],
      ['RECEIVING', 101],
      ['RECEIVING', 111],
    ]);
    expect(seen[2].message).toBe('Receiving the answer (plan): 10 tokens, 111 in this run');
  });

  it('keeps the percent from going back and below 100', () => {
    const seen: PlannerProgress[] = [];
    const progress = new ProgressReporter((p) => seen.push(p));

    progress.report('PROMPTING', 40, 'a');
    progress.report('REPAIRING', 20, 'b');
    progress.report('VALIDATING', 150, 'c');

    expect(seen.map((p) => p.percent)).toEqual([40, 40, 99]);
  });
});
