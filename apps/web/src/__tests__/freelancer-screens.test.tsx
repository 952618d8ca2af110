import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import OpenTasksScreen from '../screens/freelancer/OpenTasksScreen';
import { NotificationBell } from '../screens/notifications/NotificationBell';
import { fakeClient, renderScreen } from '../test/render';

const task = (id: string) => ({
  __typename: 'MarketTask',
  id,
  key: `k-${id}`,
  title: `Task ${id}`,
  description: '',
  status: 'OPEN',
  platform: 'WEB',
  acceptanceCriteria: ['works'],
  price: { amountCents: 10000, currency: 'USD' },
  estimate: { likely: 3 },
  skills: [{ skill: 'react', minLevel: 2 }],
  project: { id: 'p', title: 'Market' },
});

const page = (ids: string[], endCursor: string | null) => ({
  data: {
    openTasks: {
      edges: ids.map((id) => ({ cursor: `c-${id}`, node: task(id) })),
      pageInfo: { hasNextPage: endCursor !== null, endCursor },
    },
  },
});

describe('OpenTasksScreen', () => {
  it('loads the next page of the connection after the last cursor', async () => {
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const client = fakeClient((name, variables) => {
      if (name === 'RecommendedTasks') return { data: { recommendedTasks: [] } };
      if (name !== 'OpenTasks') return undefined;
      return variables.after === 'c-2' ? page(['3'], null) : page(['1', '2'], 'c-2');
    }, calls);
    renderScreen(<OpenTasksScreen />, client);
    await screen.findByText('Task 2', { exact: false });
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('Task 3', { exact: false });
    expect(calls.filter((c) => c.name === 'OpenTasks').map((c) => c.variables.after)).toEqual([
      null,
      'c-2',
    ]);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('says plainly that someone else claimed the task first when the claim loses the race', async () => {
    const client = fakeClient((name) => {
      if (name === 'RecommendedTasks') return { data: { recommendedTasks: [] } };
      if (name === 'OpenTasks') return page(['1'], null);
      if (name === 'ClaimTask')
        return {
          error: new CombinedError({
            graphQLErrors: [
              { message: 'The task is no longer open', extensions: { code: 'CONFLICT' } },
            ],
          }),
        };
      return undefined;
    });
    renderScreen(<OpenTasksScreen />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Claim Task 1' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else claimed this task first. The task is no longer open',
    );
  });
});

describe('NotificationBell', () => {
  it('names the unread count in the link', async () => {
    renderScreen(
      <NotificationBell />,
      fakeClient((name) =>
        name === 'UnreadCount' ? { data: { unreadNotificationCount: 3 } } : undefined,
      ),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('link', { name: /^Notifications\s+3\s*unread$/ }),
      ).toBeInTheDocument(),
    );
  });
});
