import { ConfigError, loadConfig } from '@splitwork/config';
import { DEFAULT_JOB_LEASE, Heartbeat, reclaimWithinMs } from '../job-lease';
import { jobRunnerSettings } from '../jobs.module';

function configProblems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('job leases', () => {
  it.each(['embedded', 'graphile'] as const)(
    'takes the jobs of a dead %s runner again within 30 seconds by default',
    (runner) => {
      const lease = jobRunnerSettings(loadConfig({})).lease;
      expect(lease).toEqual(DEFAULT_JOB_LEASE);
      expect(reclaimWithinMs(runner, lease)).toBeLessThan(30_000);
    },
  );

  it('reads the lease and the heartbeat from the environment', () => {
    const settings = jobRunnerSettings(
      loadConfig({ JOBS_LEASE_MS: '2000', JOBS_HEARTBEAT_MS: '400' }),
    );
    expect(settings.lease).toEqual({ leaseMs: 2000, heartbeatMs: 400 });
  });

  it.each([
    [{ JOBS_LEASE_MS: '10000', JOBS_HEARTBEAT_MS: '6000' }, 'JOBS_HEARTBEAT_MS'],
    [{ JOBS_LEASE_MS: '500' }, 'JOBS_LEASE_MS'],
    [{ JOBS_HEARTBEAT_MS: 'often' }, 'JOBS_HEARTBEAT_MS'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(configProblems(env).some((p) => p.startsWith(`${variable}:`))).toBe(true);
  });
});

describe('Heartbeat', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('beats with what is in flight, and stops when nothing is', async () => {
    const beats: string[][] = [];
    const heartbeat = new Heartbeat<string, string>(1000, async (values) => {
      beats.push(values);
    });
    heartbeat.add('a', 'lease-a');
    heartbeat.add('b', 'lease-b');
    await jest.advanceTimersByTimeAsync(1000);
    heartbeat.delete('a');
    await jest.advanceTimersByTimeAsync(1000);
    heartbeat.delete('b');
    await jest.advanceTimersByTimeAsync(5000);
    expect(beats).toEqual([['lease-a', 'lease-b'], ['lease-b']]);
  });

  it('keeps beating after a failed beat', async () => {
    let calls = 0;
    const heartbeat = new Heartbeat<string, string>(1000, async () => {
      calls++;
      if (calls === 1) throw new Error('connection reset');
    });
    heartbeat.add('a', 'lease-a');
    await jest.advanceTimersByTimeAsync(3000);
    heartbeat.stop();
    expect(calls).toBe(3);
  });
});
