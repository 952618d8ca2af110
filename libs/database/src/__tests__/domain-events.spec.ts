import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import { DomainEvents } from '../domain-events';

class Happened {
  constructor(readonly what: string) {}
}
class Other {}

const manager = {} as EntityManager;

describe('DomainEvents', () => {
  it('runs the steps declared for an event in declaration order, in the given transaction', async () => {
    const events = new DomainEvents();
    const seen: string[] = [];
    events.on(Happened, async (e, m) => {
      seen.push(`first ${e.what} ${m === manager}`);
    });
    events.on(Happened, async (e) => {
      seen.push(`second ${e.what}`);
    });
    events.on(Other, async () => {
      seen.push('other');
    });
    await events.publish(new Happened('funded'), manager);
    expect(seen).toEqual(['first funded true', 'second funded']);
  });

  it('finishes events raised by a step before the publish that raised them returns', async () => {
    const events = new DomainEvents();
    const seen: string[] = [];
    events.on(Happened, async (_e, m) => {
      await events.publish(new Other(), m);
      seen.push('happened');
    });
    events.on(Other, async () => {
      seen.push('other');
    });
    await events.publish(new Happened('x'), manager);
    expect(seen).toEqual(['other', 'happened']);
  });

  it('stops at a step that throws, so the transaction rolls back', async () => {
    const events = new DomainEvents();
    const later = jest.fn();
    events.on(Happened, async () => {
      throw new Error('refused');
    });
    events.on(Happened, later);
    await expect(events.publish(new Happened('x'), manager)).rejects.toThrow('refused');
    expect(later).not.toHaveBeenCalled();
  });

  it('does nothing for an event nobody reacts to', async () => {
    await expect(new DomainEvents().publish(new Other(), manager)).resolves.toBeUndefined();
  });
});

describe('flow declarations', () => {
  const root = join(__dirname, '../../../..');
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        return name === 'node_modules' || name === '__tests__' ? [] : sources(path);
      }
      return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
    });

  it('subscribes to domain events only in *.flow.ts files, one file per flow', () => {
    const subscribing = [...sources(join(root, 'libs')), ...sources(join(root, 'apps'))].filter(
      (path) => !path.includes('/test/') && /\bevents\.on\(/.test(readFileSync(path, 'utf8')),
    );
    expect(subscribing.length).toBeGreaterThan(0);
    expect(subscribing.filter((path) => !path.endsWith('.flow.ts'))).toEqual([]);
  });
});
