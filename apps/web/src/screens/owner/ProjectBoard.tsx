import { useEffect } from 'react';
import { useQuery, useSubscription } from 'urql';
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
                  <strong>{t.key}</strong> {t.title} · {money(t.price)}
                  {t.revision > 1 ? ` · revision ${t.revision}` : ''}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
