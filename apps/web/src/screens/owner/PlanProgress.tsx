import { useEffect, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';

const PlanningRunProgressDocument = graphql(`
  subscription PlanningRunProgress($runId: ID!) {
    planningRunProgress(runId: $runId) {
      runId
      status
      stage
      percent
      message
      failureReason
    }
  }
`);

const PlanningRunStatusDocument = graphql(`
  query PlanningRunStatus($id: ID!) {
    planningRun(id: $id) {
      id
      status
      stage
      percent
      message
      failureReason
    }
  }
`);

interface RunState {
  id: string;
  status: string;
  percent: number;
  stage: string;
  message: string;
  failureReason?: string | null;
}

/** A planning run as it goes (live), calling `onDone` when it ends. */
export function PlanProgress({ run, onDone }: { run: RunState; onDone: () => void }) {
  // Whether the run had already ended when this screen opened: the normalized
  // cache updates `run` itself as the run goes, so this is taken once.
  const [finished] = useState(run.status === 'SUCCEEDED' || run.status === 'FAILED');
  const [{ data }] = useSubscription({
    query: PlanningRunProgressDocument,
    variables: { runId: run.id },
    pause: finished,
  });
  // The stream carries every step; a slow poll of the run covers an event missed
  // between the run's start and the subscription's (or a dropped socket).
  const [{ data: polled }, poll] = useQuery({
    query: PlanningRunStatusDocument,
    variables: { id: run.id },
    pause: finished,
  });
  const polledRun = polled?.planningRun;
  const pollDone = polledRun?.status === 'SUCCEEDED' || polledRun?.status === 'FAILED';
  useEffect(() => {
    if (finished || pollDone) return;
    const t = setInterval(() => poll({ requestPolicy: 'network-only' }), 1500);
    return () => clearInterval(t);
  }, [finished, pollDone, poll]);
  const streamed = data?.planningRunProgress;
  const live = pollDone ? polledRun : (streamed ?? polledRun);
  const status = live?.status ?? run.status;
  const percent = live?.percent ?? run.percent;
  const message = live?.message ?? run.message;
  const failure = live?.failureReason ?? run.failureReason;
  const done = status === 'SUCCEEDED' || status === 'FAILED';
  useEffect(() => {
    if (done && !finished) onDone();
  }, [done, finished, onDone]);
  if (finished && status === 'SUCCEEDED') return null;
  return (
    <section className="card" aria-label="Planning progress">
      <h2>Planning</h2>
      <progress value={percent} max={100} aria-label="Planning progress" />
      <p role="status">
        {status}: {message} ({percent}%)
      </p>
      {failure ? (
        <p role="alert" className="error">
          {failure}
        </p>
      ) : null}
    </section>
  );
}
