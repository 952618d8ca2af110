import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReviewerPicker } from '../screens/owner/ReviewerPicker';
import { fakeClient, renderScreen } from '../test/render';

const candidate = (id: string, name: string, covered: number) => ({
  reviewerId: id,
  displayName: name,
  coveredTasks: covered,
  projectTasks: 4,
  reviewsWritten: 2,
  approvalsWritten: 1,
  profile: { skills: [{ skill: 'react', minLevel: 4 }] },
});

describe('ReviewerPicker', () => {
  it('assigns the reviewer chosen with the keyboard from the recommendations, paging with More reviewers', async () => {
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const client = fakeClient((name, variables) => {
      if (name === 'RecommendedReviewers') {
        const second = variables.after === 'c1';
        return {
          data: {
            recommendedReviewers: {
              edges: second
                ? [{ cursor: 'c2', node: candidate('r2', 'Rita Reviewer', 1) }]
                : [{ cursor: 'c1', node: candidate('r1', 'Sam Senior', 3) }],
              pageInfo: { hasNextPage: !second, endCursor: second ? 'c2' : 'c1' },
            },
          },
        };
      }
      if (name === 'AssignReviewer') return { data: { assignProjectReviewer: true } };
      return undefined;
    }, calls);
    renderScreen(<ReviewerPicker projectId="p1" />, client);
    const list = await screen.findByRole('listbox', { name: 'Recommended reviewers' });
    expect(list).toHaveTextContent('Sam Senior: covers 3 of 4 tasks');
    expect(list).toHaveTextContent('react 4/5');
    expect(screen.getByRole('button', { name: 'Assign reviewer' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'More reviewers' }));
    await screen.findByRole('option', { name: /Rita Reviewer/ });
    expect(screen.getAllByRole('option')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'More reviewers' })).toBeNull();
    // Keyboard: focus the list, arrow down to the second reviewer, select with Space.
    await userEvent.tab();
    await userEvent.keyboard('{ArrowDown}');
    await userEvent.keyboard(' ');
    await waitFor(() =>
      expect(screen.getByRole('option', { name: /Rita Reviewer/ })).toHaveAttribute(
        'aria-selected',
        'true',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Assign reviewer' }));
    await screen.findByText('Reviewer assigned.');
    expect(calls.find((c) => c.name === 'AssignReviewer')?.variables).toEqual({
      input: { projectId: 'p1', reviewerId: 'r2' },
    });
  });

  it('says why the list is empty when no approved reviewer fits', async () => {
    const client = fakeClient((name) =>
      name === 'RecommendedReviewers'
        ? {
            data: {
              recommendedReviewers: {
                edges: [],
                pageInfo: { hasNextPage: false, endCursor: null },
              },
            },
          }
        : undefined,
    );
    renderScreen(<ReviewerPicker projectId="p1" />, client);
    await screen.findByText(/No approved reviewer fits this project yet/);
  });
});
