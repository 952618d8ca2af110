import { useEffect, useState, type FormEvent } from 'react';
import { Button, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TaskDocument } from '../task/task-documents';
import { SubmissionHistory } from '../task/TaskScreen';
import { scorecardProblems, scorecardRows, type CriterionRow, type Verdict } from './scorecard';

const ReviewTaskDocument = graphql(`
  mutation ReviewTask($input: ReviewTaskInput!) {
    reviewTask(input: $input) {
      review {
        id
        verdict
        overallScore
      }
      task {
        id
        status
        revision
      }
    }
  }
`);

export default function ReviewScreen() {
  const { taskId = '' } = useParams();
  const [{ data, error }] = useQuery({ query: TaskDocument, variables: { id: taskId } });
  const task = data?.task;
  const [rows, setRows] = useState<CriterionRow[]>([]);
  const [verdict, setVerdict] = useState<Verdict>('APPROVE');
  const [score, setScore] = useState('5');
  const [feedback, setFeedback] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [result, review] = useMutation(ReviewTaskDocument);
  useEffect(() => {
    if (task && rows.length === 0) setRows(scorecardRows(task.scorecard));
  }, [task, rows.length]);

  if (result.data) {
    return (
      <>
        <h1>Review sent</h1>
        <p role="status" className="ok">
          {result.data.reviewTask.review.verdict}: the task is now{' '}
          {result.data.reviewTask.task.status}.
        </p>
        <Link to="/review">Back to the queue</Link>
      </>
    );
  }
  if (error) return <ErrorNotice error={error} />;
  if (!task)
    return <p role="status">{data ? 'This submission is not in your queue.' : 'Loading…'}</p>;

  const setRow = (i: number, patch: Partial<CriterionRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const found = scorecardProblems(rows, verdict, feedback);
    setProblems(found);
    if (found.length) return;
    await review({
      input: {
        taskId,
        verdict,
        overallScore: Number(score),
        feedback: feedback || null,
        assessments: rows.map((r) => ({
          criterionId: r.criterionId,
          passed: r.passed === true,
          comment: r.comment || null,
        })),
      },
    });
  };

  return (
    <>
      <h1>
        Review: {task.title} <small>({task.key})</small>
      </h1>
      <p>
        {task.project.title} · revision {task.revision}
      </p>
      <p>{task.description}</p>
      <section aria-labelledby="history-title">
        <h2 id="history-title">Submissions</h2>
        <SubmissionHistory submissions={task.submissions ?? []} />
        {task.reviews && task.reviews.length > 0 ? (
          <p>
            Earlier reviews:{' '}
            <Link to={`/task/${task.id}`}>{task.reviews.length} on the task page</Link>
          </p>
        ) : null}
      </section>
      <Form onSubmit={(e) => void send(e)} aria-label="Scorecard">
        <table>
          <caption>Scorecard: one row per acceptance criterion</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Verdict</th>
              <th scope="col">Comment</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.criterionId}>
                <td>
                  <strong>{r.criterionId}</strong> {r.text}
                </td>
                <td>
                  <RadioGroup
                    aria-label={`${r.criterionId} verdict`}
                    orientation="horizontal"
                    value={r.passed === null ? null : r.passed ? 'pass' : 'fail'}
                    onChange={(v) => setRow(i, { passed: v === 'pass' })}
                  >
                    <Radio value="pass">Pass</Radio>
                    <Radio value="fail">Fail</Radio>
                  </RadioGroup>
                </td>
                <td>
                  <Field
                    label={`${r.criterionId} comment`}
                    value={r.comment}
                    onChange={(v) => setRow(i, { comment: v })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <RadioGroup value={verdict} onChange={(v) => setVerdict(v as Verdict)} className="field">
          <Label>Decision</Label>
          <Radio value="APPROVE">Approve (pays the freelancer)</Radio>
          <Radio value="REQUEST_CHANGES">Request changes</Radio>
          <Radio value="REJECT">Reject</Radio>
        </RadioGroup>
        <Field label="Overall score (1–5)" value={score} onChange={setScore} inputMode="numeric" />
        <Field label="Feedback" value={feedback} onChange={setFeedback} multiline rows={3} />
        {problems.length ? (
          <ul role="alert" className="error">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <ErrorNotice error={result.error} />
        <Button type="submit" isDisabled={result.fetching}>
          Send review
        </Button>
      </Form>
    </>
  );
}
