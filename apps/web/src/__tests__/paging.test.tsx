import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ProjectsScreen from '../screens/owner/ProjectsScreen';
import { fakeClient, renderScreen } from '../test/render';

const project = (i: number) => ({
  id: `p${i}`,
  title: `Project ${i}`,
  status: 'PLANNED',
  createdAt: '2026-01-01T00:00:00.000Z',
  budget: { amountCents: 100000, currency: 'USD' },
});

describe('paged lists', () => {
  it('shows the next 20 projects after the last cursor on Load more, and no button after the last page', async () => {
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const client = fakeClient((name, variables) => {
      if (name !== 'MyProjects') return undefined;
      const second = variables.after === 'c20';
      const from = second ? 21 : 1;
      const count = second ? 5 : 20;
      return {
        data: {
          myProjects: {
            edges: Array.from({ length: count }, (_, k) => ({ node: project(from + k) })),
            pageInfo: { hasNextPage: !second, endCursor: second ? 'c25' : 'c20' },
          },
        },
      };
    }, calls);
    renderScreen(<ProjectsScreen />, client);
    await screen.findByRole('link', { name: 'Project 20' });
    expect(screen.queryByRole('link', { name: 'Project 21' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: 'Project 25' });
    expect(screen.getByRole('link', { name: 'Project 1' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(25);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(calls.filter((c) => c.name === 'MyProjects').map((c) => c.variables.after)).toEqual([
      null,
      'c20',
    ]);
  });
});
