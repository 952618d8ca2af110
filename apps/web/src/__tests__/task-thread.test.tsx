import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TaskThread } from '../screens/task/TaskThread';
import { fakeClient, renderScreen } from '../test/render';

function thread(inWork: boolean) {
  const calls: { name: string; variables: Record<string, unknown> }[] = [];
  const client = fakeClient((name) => {
    if (name === 'TaskThread') return { data: { taskThread: { edges: [] } } };
    if (name === 'PostTaskMessage') {
      return {
        data: {
          postTaskMessage: {
            message: { id: 'm1', body: 'Hi', visibility: 'PRIVATE', createdAt: '2026-12-01' },
          },
        },
      };
    }
    return undefined;
  }, calls);
  renderScreen(<TaskThread taskId="t1" names={new Map()} inWork={inWork} />, client);
  return calls;
}

describe('TaskThread', () => {
  it('sends a message on a task in work to the people in the work unless told otherwise', async () => {
    const calls = thread(true);
    expect(screen.getByRole('radio', { name: 'the people in the work' })).toBeChecked();
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi');
    await userEvent.click(screen.getByRole('button', { name: 'Post message' }));
    await waitFor(() =>
      expect(calls.find((c) => c.name === 'PostTaskMessage')?.variables).toEqual({
        input: { taskId: 't1', body: 'Hi', visibility: 'PRIVATE' },
      }),
    );
  });

  it('asks in public on an open task', () => {
    thread(false);
    expect(screen.getByRole('radio', { name: 'everyone who sees the task' })).toBeChecked();
  });
});
