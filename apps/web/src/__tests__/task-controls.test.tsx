import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { TaskControls } from '../screens/task/TaskControls';
import { fakeClient, renderScreen } from '../test/render';

const refused = (message: string, code: string) => ({
  error: new CombinedError({ graphQLErrors: [{ message, extensions: { code } }] }),
});

describe('TaskControls', () => {
  it("pauses a task, and shows the API's refusal to cancel in place", async () => {
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const client = fakeClient((name) => {
      if (name === 'PauseTask')
        return { data: { pauseTask: { id: 't1', status: 'PAUSED', claimDeadline: null } } };
      if (name === 'CancelTask')
        return refused('A submitted task cannot be cancelled', 'FAILED_PRECONDITION');
      if (name === 'RecommendedFreelancers') return { data: { recommendedFreelancers: [] } };
      return undefined;
    }, calls);
    renderScreen(<TaskControls taskId="t1" status="OPEN" />, client);
    await userEvent.click(screen.getByRole('button', { name: 'Pause task' }));
    await waitFor(() =>
      expect(calls.find((c) => c.name === 'PauseTask')?.variables).toEqual({
        input: { taskId: 't1' },
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel task…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel the task' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'A submitted task cannot be cancelled (FAILED_PRECONDITION)',
    );
  });

  it('offers a resume only to a paused task, and saves a minimum reputation (empty clears it)', async () => {
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const client = fakeClient(
      (name) =>
        name === 'SetTaskMinReputation'
          ? { data: { setTaskMinReputation: { id: 't1', status: 'PAUSED' } } }
          : name === 'ResumeTask'
            ? { data: { resumeTask: { id: 't1', status: 'OPEN', claimDeadline: null } } }
            : undefined,
      calls,
    );
    renderScreen(<TaskControls taskId="t1" status="PAUSED" />, client);
    expect(screen.queryByRole('button', { name: 'Pause task' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Resume task' }));
    await userEvent.type(screen.getByLabelText(/Minimum reputation/), '4.5');
    await userEvent.click(screen.getByRole('button', { name: 'Save minimum' }));
    await screen.findByText('Only freelancers rated 4.5 or more may claim it.');
    expect(calls.filter((c) => c.name === 'SetTaskMinReputation')[0].variables).toEqual({
      input: { taskId: 't1', minReputation: 4.5 },
    });
    expect(calls.some((c) => c.name === 'ResumeTask')).toBe(true);
    // A paused task cannot be offered: the offer picker appears for OPEN tasks only.
    expect(screen.queryByText('Offer to a freelancer')).toBeNull();
  });

  it('offers an open task to an eligible recommended freelancer; ineligible ones say why and cannot be picked', async () => {
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const client = fakeClient((name) => {
      if (name === 'RecommendedFreelancers')
        return {
          data: {
            recommendedFreelancers: [
              { freelancerId: 'aaaaaaaa-1', score: 0.91, eligible: true, refusals: [] },
              { freelancerId: 'bbbbbbbb-2', score: 0.5, eligible: false, refusals: ['REPUTATION'] },
            ],
          },
        };
      if (name === 'OfferTask')
        return {
          data: {
            offerTask: {
              offer: { id: 'o1', expiresAt: '2030-01-01T12:00:00.000Z' },
              task: { id: 't1', status: 'OFFERED' },
            },
          },
        };
      return undefined;
    }, calls);
    renderScreen(<TaskControls taskId="t1" status="OPEN" />, client);
    const list = await screen.findByRole('listbox', { name: 'Recommended freelancers' });
    expect(list).toHaveTextContent('not now: REPUTATION');
    expect(screen.getByRole('option', { name: /bbbbbbbb/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await userEvent.click(screen.getByRole('option', { name: /aaaaaaaa/ }));
    const hours = screen.getByLabelText(/Offer stands for/);
    await userEvent.clear(hours);
    await userEvent.type(hours, '48');
    await userEvent.click(screen.getByRole('button', { name: 'Offer task' }));
    await screen.findByText(/^Offered until/);
    expect(calls.find((c) => c.name === 'OfferTask')?.variables).toEqual({
      input: { taskId: 't1', freelancerId: 'aaaaaaaa-1', expiresInHours: 48 },
    });
  });
});
