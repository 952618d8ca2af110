import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money } from '../../components/format';
import { ProjectTasksDocument } from './project-documents';

const TaskStatusChangedDocument = graphql(`
  subscription TaskStatusChanged($projectId: ID) {
    taskStatusChanged(projectId: $projectId) {
      taskId
      from
      to
      at
    }
  }
`);

const RateTaskDocument = graphql(`
  mutation RateTask($input: RateTaskInput!) {
    rateTask(input: $input) {
      rating {
        taskId
        rating
      }
    }
  }
`);

/** The owner rates approved work once, 1–5. */
function RateTask({ taskId, title }: { taskId: string; title: string }) {
  const [rating, setRating] = useState('5');
  const [result, rate] = useMutation(RateTaskDocument);
  if (result.data)
    return <span role="status"> · rated {result.data.rateTask.rating.rating}/5</span>;
  return (
    <span className="row">
      <label>
        Rating for {title}{' '}
        <select value={rating} onChange={(e) => setRating(e.target.value)}>
          {[5, 4, 3, 2, 1].map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <Button
        className="secondary"
        onPress={() => void rate({ input: { taskId, rating: Number(rating) } })}
      >
        Rate
      </Button>
      <ErrorNotice error={result.error} />
    </span>
  );
}

export const BOARD_COLUMNS = [
  'BLOCKED',
  'OPEN',
  'OFFERED',
  'CLAIMED',
  'SUBMITTED',
  'APPROVED',
  'PAID',
  'PAUSED',
  'CANCELLED',
] as const;

/** Tasks grouped by status, in board order; unknown statuses go last. */
export function groupByStatus<T extends { status: string }>(tasks: T[]): [string, T[]][] {
  const groups = new Map<string, T[]>(BOARD_COLUMNS.map((c) => [c, []]));
  for (const t of tasks) {
    if (!groups.has(t.status)) groups.set(t.status, []);
    groups.get(t.status)!.push(t);
  }
  return [...groups.entries()].filter(([, list]) => list.length > 0);
}

/** The project's tasks by status, live: each status change refetches the board. */
export function ProjectBoard({ projectId }: { projectId: string }) {
  const [{ data, error }, refetch] = useQuery({
    query: ProjectTasksDocument,
    variables: { id: projectId },
  });
  const [{ data: change }] = useSubscription({
    query: TaskStatusChangedDocument,
    variables: { projectId },
  });
  const last = change?.taskStatusChanged;
  useEffect(() => {
    if (last) refetch({ requestPolicy: 'network-only' });
  }, [last, refetch]);
  const tasks = data?.project.tasks ?? [];
  return (
    <section aria-labelledby="board-title">
      <h2 id="board-title">Board</h2>
      <ErrorNotice error={error} />
      {last ? (
        <p role="status">
          Latest: a task went {last.from} → {last.to}
        </p>
      ) : null}
      {tasks.length === 0 ? <p>No tasks on the board until the project is funded.</p> : null}
      <div className="board">
        {groupByStatus(tasks).map(([status, list]) => (
          <section key={status} aria-label={`${status} (${list.length})`}>
            <h3>
              {status} ({list.length})
            </h3>
            <ul>
              {list.map((t) => (
                <li key={t.id}>
                  <Link to={`/task/${t.id}`}>
                    <strong>{t.key}</strong> {t.title}
                  </Link>{' '}
                  · {money(t.price)}
                  {t.revision > 1 ? ` · revision ${t.revision}` : ''}
                  {t.status === 'APPROVED' || t.status === 'PAID' ? (
                    <RateTask taskId={t.id} title={t.title} />
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
