import { useState } from 'react';
import { TaskControls } from './TaskControls';
import { Button } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money } from '../../components/format';
import { TaskDocument } from './task-documents';
import { TaskThread } from './TaskThread';

const DisputeTaskDocument = graphql(`
  mutation DisputeTask($input: DisputeTaskInput!) {
    disputeTask(input: $input) {
      dispute {
        id
        status
      }
    }
  }
`);

const AppealRejectionDocument = graphql(`
  mutation AppealRejection($input: AppealRejectionInput!) {
    appealRejection(input: $input) {
      id
      status
    }
  }
`);

/** The freelancer appeals a rejection of their work: an admin decides. */
function AppealForm({ taskId }: { taskId: string }) {
  const [reason, setReason] = useState('');
  const [result, appeal] = useMutation(AppealRejectionDocument);
  return (
    <section className="card" aria-labelledby="appeal-title">
      <h2 id="appeal-title">Appeal the rejection</h2>
      {result.data ? (
        <p role="status">Appeal sent: an admin will decide.</p>
      ) : (
        <>
          <Field
            label="Why the rejection is wrong"
            value={reason}
            onChange={setReason}
            multiline
            rows={2}
          />
          <ErrorNotice error={result.error} />
          <Button onPress={() => void appeal({ input: { taskId, reason } })}>Send appeal</Button>
        </>
      )}
    </section>
  );
}

/** Submissions with their links and notes, newest revision first. */
export function SubmissionHistory({
  submissions,
}: {
  submissions: {
    id: string;
    revision: number;
    links: string[];
    notes: string;
    hoursSpent: number;
    createdAt: string;
  }[];
}) {
  if (submissions.length === 0) return <p>Nothing submitted yet.</p>;
  return (
    <ol className="plain" aria-label="Submissions">
      {[...submissions]
        .sort((a, b) => b.revision - a.revision)
        .map((s) => (
          <li key={s.id} className="card">
            <h3>Revision {s.revision}</h3>
            <p>
              {new Date(s.createdAt).toLocaleString()} · {s.hoursSpent} h
            </p>
            <ul>
              {s.links.map((l) => (
                <li key={l}>
                  <a href={l} target="_blank" rel="noreferrer noopener">
                    {l}
                  </a>
                </li>
              ))}
            </ul>
            {s.notes ? <p>{s.notes}</p> : null}
          </li>
        ))}
    </ol>
  );
}

/** A task for everyone in the work: submissions, reviews, thread; the owner may dispute approved work. */
export default function TaskScreen() {
  const { taskId = '' } = useParams();
  const [{ data, error }] = useQuery({ query: TaskDocument, variables: { id: taskId } });
  const [reason, setReason] = useState('');
  const [disputed, dispute] = useMutation(DisputeTaskDocument);
  const task = data?.task;
  if (error) return <ErrorNotice error={error} />;
  if (!task || !data) return <p role="status">Loading…</p>;
  const isOwner = data.me.id === task.owner.id;
  const names = new Map<string, string>([[task.owner.id, `${task.owner.displayName} (owner)`]]);
  for (const r of task.reviews ?? [])
    if (r.reviewer) names.set(r.reviewer.id, `${r.reviewer.displayName} (reviewer)`);
  if (task.assigneeId) names.set(task.assigneeId, names.get(task.assigneeId) ?? 'Freelancer');
  names.set(data.me.id, 'You');
  return (
    <>
      <h1>
        {task.title} <small>({task.key})</small>
      </h1>
      <p>
        {isOwner ? (
          <Link to={`/projects/${task.project.id}`}>{task.project.title}</Link>
        ) : (
          task.project.title
        )}{' '}
        · {task.platform} · {money(task.price)} · <strong>{task.status}</strong>
        {task.revision > 1 ? ` · revision ${task.revision}` : ''}
      </p>
      <p>{task.description}</p>
      {isOwner ? <TaskControls taskId={taskId} status={task.status} /> : null}
      <section aria-labelledby="scorecard-title">
        <h2 id="scorecard-title">Scorecard</h2>
        <ol className="plain">
          {task.scorecard.map((c) => (
            <li key={c.id}>
              <strong>{c.id}</strong> {c.text}
            </li>
          ))}
        </ol>
      </section>
      {task.submissions ? (
        <section aria-labelledby="subs-title">
          <h2 id="subs-title">Submissions</h2>
          <SubmissionHistory submissions={task.submissions} />
        </section>
      ) : null}
      {task.reviews && task.reviews.length > 0 ? (
        <section aria-labelledby="reviews-title">
          <h2 id="reviews-title">Reviews</h2>
          <ol className="plain">
            {task.reviews.map((r) => (
              <li key={r.id} className="card">
                <h3>
                  Revision {r.revision}: {r.verdict}
                  {r.overallScore ? ` (${r.overallScore}/5)` : ''}
                </h3>
                <p>
                  by {r.reviewer?.displayName ?? 'automatic approval'} ·{' '}
                  {new Date(r.createdAt).toLocaleString()}
                </p>
                <ul>
                  {r.criteria.map((c) => (
                    <li key={c.criterionId}>
                      {c.passed ? '✔' : '✘'} {c.criterionId} {c.criterion}
                      {c.comment ? `: ${c.comment}` : ''}
                    </li>
                  ))}
                </ul>
                {r.feedback ? <p>{r.feedback}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {isOwner && (task.status === 'APPROVED' || task.status === 'PAID') ? (
        <section className="card" aria-labelledby="dispute-title">
          <h2 id="dispute-title">Dispute this work</h2>
          {disputed.data ? (
            <p role="status">Dispute opened: an admin will decide.</p>
          ) : (
            <>
              <Field label="Why" value={reason} onChange={setReason} multiline rows={2} />
              <ErrorNotice error={disputed.error} />
              <Button onPress={() => void dispute({ input: { taskId, reason } })}>
                Open dispute
              </Button>
            </>
          )}
        </section>
      ) : null}
      {!isOwner &&
      data.me.roles.includes('FREELANCER') &&
      task.reviews?.at(-1)?.verdict === 'REJECT' &&
      task.submissions?.length ? (
        <AppealForm taskId={taskId} />
      ) : null}
      <TaskThread taskId={taskId} names={names} inWork={task.status !== 'OPEN'} />
    </>
  );
}
