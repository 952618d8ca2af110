import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LoginScreen } from '../screens/auth/LoginScreen';
import { PlanTasks } from '../screens/owner/PlanTasks';
import { CoverageTable } from '../screens/owner/CoverageTable';
import { fakeClient, renderScreen } from '../test/render';

const task = (key: string, dependsOn: string[] = []) => ({
  key,
  title: `Task ${key}`,
  description: '',
  featureKey: 'f',
  platform: 'WEB',
  locked: false,
  dependsOn,
  acceptanceCriteria: ['works'],
  estimate: { optimistic: 2, likely: 3, pessimistic: 5 },
  price: { amountCents: 30000, currency: 'USD' },
});

describe('LoginScreen', () => {
  it('keeps the session the API returns', async () => {
    const client = fakeClient((name) =>
      name === 'LogIn'
        ? {
            data: {
              logIn: {
                accessToken: 'a',
                accessTokenExpiresAt: new Date(Date.now() + 600_000).toISOString(),
                refreshToken: 'r',
                user: { id: 'u1', displayName: 'Olivia', email: 'o@x.dev', roles: ['OWNER'] },
              },
            },
          }
        : undefined,
    );
    const { store } = renderScreen(<LoginScreen />, client, { path: '/login' });
    await userEvent.type(screen.getByLabelText(/Email/), 'o@x.dev');
    await userEvent.type(screen.getByLabelText(/Password/), 'a-long-password');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(store.current?.user.displayName).toBe('Olivia'));
  });
});

describe('PlanTasks', () => {
  it("shows the API's refusal of a dependency cycle in place, with the cycle", async () => {
    const { CombinedError } = await import('urql');
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const client = fakeClient((name) => {
      if (name !== 'UpdatePlanTask') return undefined;
      return {
        error: new CombinedError({
          graphQLErrors: [
            {
              message: 'Tasks form a dependency cycle: a → b → a',
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        }),
      };
    }, calls);
    renderScreen(
      <PlanTasks
        projectId="p1"
        tasks={[task('a', ['b']), task('b')]}
        features={[{ key: 'f', title: 'F' }]}
        editable
        onChanged={() => undefined}
      />,
      client,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Edit b' }));
    const field = screen.getByLabelText(/Depends on/);
    await userEvent.clear(field);
    await userEvent.type(field, 'a');
    await userEvent.click(screen.getByRole('button', { name: 'Save b' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Tasks form a dependency cycle: a → b → a (BAD_USER_INPUT)');
    expect(calls.find((c) => c.name === 'UpdatePlanTask')?.variables).toMatchObject({
      input: { projectId: 'p1', key: 'b', dependsOn: ['a'] },
    });
  });
});

describe('CoverageTable', () => {
  it('marks uncovered and weak requirements', () => {
    renderScreen(
      <CoverageTable
        requirements={[
          { id: 'R1', text: 'Sign up', flags: [], kind: 'FUNCTIONAL' },
          { id: 'R2', text: 'Be fast', flags: ['VAGUE'], kind: 'QUALITY' },
          { id: 'R3', text: 'Pay', flags: [], kind: 'FUNCTIONAL' },
        ]}
        entries={[
          { requirementId: 'R1', taskKeys: ['a'] },
          { requirementId: 'R2', taskKeys: ['b'] },
        ]}
        uncovered={['R3']}
        coveragePercent={66.7}
      />,
      fakeClient(() => undefined),
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.className)).toEqual(['', 'weak', 'uncovered']);
    expect(rows[2]).toHaveTextContent('Not covered');
    expect(rows[1]).toHaveTextContent('Weak: VAGUE');
  });
});
