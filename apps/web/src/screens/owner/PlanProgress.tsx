import { useEffect } from 'react';
import { useSubscription } from 'urql';
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
  const finished = run.status === 'SUCCEEDED' || run.status === 'FAILED';
  const [{ data }] = useSubscription({
    query: PlanningRunProgressDocument,
    variables: { runId: run.id },
    pause: finished,
  });
  const live = data?.planningRunProgress;
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
