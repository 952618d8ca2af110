import { useEffect, useState } from 'react';
import { Button, Label, ListBox, ListBoxItem } from 'react-aria-components';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { ErrorNotice } from '../../components/ErrorNotice';

export const RecommendedReviewersDocument = graphql(`
  query RecommendedReviewers($projectId: ID!, $first: Int!, $after: String) {
    recommendedReviewers(projectId: $projectId, first: $first, after: $after) {
      edges {
        cursor
        node {
          reviewerId
          displayName
          coveredTasks
          projectTasks
          reviewsWritten
          profile {
            skills {
              skill
              minLevel
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const AssignReviewerDocument = graphql(`
  mutation AssignReviewer($input: AssignReviewerInput!) {
    assignProjectReviewer(input: $input)
  }
`);

const PAGE = 20;

type Candidate = {
  reviewerId: string;
  displayName: string;
  coveredTasks: number;
  projectTasks: number;
  reviewsWritten: number;
  profile: { skills: { skill: string; minLevel: number }[] };
};

/**
 * The project's expert reviewer, picked from the API's recommendations (approved reviewers who
 * fit the project and have no conflict): a keyboard-accessible list (arrows, Enter/Space),
 * paged by "More reviewers" (one page of 20 per request, under the query-cost limit).
 */
export function ReviewerPicker({ projectId }: { projectId: string }) {
  const [after, setAfter] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Candidate[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [assigned, assign] = useMutation(AssignReviewerDocument);
  const [page] = useQuery({
    query: RecommendedReviewersDocument,
    variables: { projectId, first: PAGE, after },
  });
  const connection = page.data?.recommendedReviewers;
  useEffect(() => {
    if (!connection) return;
    setLoaded((prev) => {
      const seen = new Set(prev.map((c) => c.reviewerId));
      return [
        ...prev,
        ...connection.edges.map((e) => e.node).filter((n) => !seen.has(n.reviewerId)),
      ];
    });
  }, [connection]);
  const info = connection?.pageInfo;
  return (
    <section className="card" aria-labelledby="reviewer-title">
      <h2 id="reviewer-title">Expert reviewer</h2>
      <ErrorNotice error={page.error} />
      {loaded.length === 0 && connection && !page.error ? (
        <p>
          No approved reviewer fits this project yet: reviewers are recommended once their skills
          cover at least one of its tasks.
        </p>
      ) : null}
      {loaded.length > 0 ? (
        <div className="field">
          <Label id="reviewer-list-label">Recommended reviewers</Label>
          <ListBox
            aria-labelledby="reviewer-list-label"
            className="picker"
            selectionMode="single"
            selectedKeys={selected ? [selected] : []}
            onSelectionChange={(keys) => {
              const key = keys === 'all' ? undefined : [...keys][0];
              setSelected(key === undefined ? null : String(key));
            }}
            items={loaded.map((c) => ({ ...c, id: c.reviewerId }))}
          >
            {(c) => (
              <ListBoxItem id={c.reviewerId} textValue={c.displayName} className="picker-item">
                <span>
                  <strong>{c.displayName}</strong>: covers {c.coveredTasks} of {c.projectTasks}{' '}
                  tasks
                </span>
                <span className="muted">
                  {c.profile.skills.map((s) => `${s.skill} ${s.minLevel}/5`).join(', ') ||
                    'no skills listed'}{' '}
                  · {c.reviewsWritten} reviews written
                </span>
              </ListBoxItem>
            )}
          </ListBox>
        </div>
      ) : null}
      {page.fetching ? <p role="status">Loading reviewers…</p> : null}
      {info?.hasNextPage && info.endCursor ? (
        <Button className="secondary" onPress={() => setAfter(info.endCursor ?? null)}>
          More reviewers
        </Button>
      ) : null}
      <ErrorNotice error={assigned.error} />
      {assigned.data?.assignProjectReviewer ? (
        <p className="ok" role="status">
          Reviewer assigned.
        </p>
      ) : null}
      <Button
        isDisabled={!selected || assigned.fetching}
        onPress={() => {
          if (selected) void assign({ input: { projectId, reviewerId: selected } });
        }}
      >
        Assign reviewer
      </Button>
    </section>
  );
}
