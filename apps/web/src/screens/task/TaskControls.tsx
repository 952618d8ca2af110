import { useState } from 'react';
import { Button, Label, ListBox, ListBoxItem } from 'react-aria-components';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';

const PauseTaskDocument = graphql(`
  mutation PauseTask($input: TaskRefInput!) {
    pauseTask(input: $input) {
      id
      status
      claimDeadline
    }
  }
`);
const ResumeTaskDocument = graphql(`
  mutation ResumeTask($input: TaskRefInput!) {
    resumeTask(input: $input) {
      id
      status
      claimDeadline
    }
  }
`);
const CancelTaskDocument = graphql(`
  mutation CancelTask($input: TaskRefInput!) {
    cancelTask(input: $input) {
      id
      status
    }
  }
`);
const SetTaskMinReputationDocument = graphql(`
  mutation SetTaskMinReputation($input: SetTaskMinReputationInput!) {
    setTaskMinReputation(input: $input) {
      id
      status
    }
  }
`);
export const RecommendedFreelancersDocument = graphql(`
  query RecommendedFreelancers($taskId: ID!, $first: Int!) {
    recommendedFreelancers(taskId: $taskId, first: $first) {
      freelancerId
      score
      eligible
      refusals
    }
  }
`);
const OfferTaskDocument = graphql(`
  mutation OfferTask($input: OfferTaskInput!) {
    offerTask(input: $input) {
      offer {
        id
        expiresAt
      }
      task {
        id
        status
      }
    }
  }
`);

/** Statuses a task can still be paused or cancelled in (not yet delivered). */
const UNDELIVERED = ['BLOCKED', 'OPEN', 'OFFERED', 'CLAIMED'];

/** Delivered or ended: nothing left to manage (disputes have their own section). */
const SETTLED = ['SUBMITTED', 'APPROVED', 'PAID', 'CANCELLED'];

/** The owner's controls on one task: pause, resume, cancel, minimum reputation, offer. */
export function TaskControls({ taskId, status }: { taskId: string; status: string }) {
  if (SETTLED.includes(status)) return null;
  return <Controls taskId={taskId} status={status} />;
}

function Controls({ taskId, status }: { taskId: string; status: string }) {
  const [paused, pause] = useMutation(PauseTaskDocument);
  const [resumed, resume] = useMutation(ResumeTaskDocument);
  const [cancelled, cancel] = useMutation(CancelTaskDocument);
  const [confirming, setConfirming] = useState(false);
  const [minRep, setMinRep] = useState('');
  const [repResult, setRep] = useMutation(SetTaskMinReputationDocument);
  const stateError = paused.error ?? resumed.error ?? cancelled.error;
  return (
    <section className="card" aria-labelledby="controls-title">
      <h2 id="controls-title">Manage this task</h2>
      <ErrorNotice error={stateError} />
      <div className="row">
        {UNDELIVERED.includes(status) ? (
          <Button className="secondary" onPress={() => void pause({ input: { taskId } })}>
            Pause task
          </Button>
        ) : null}
        {status === 'PAUSED' ? (
          <Button onPress={() => void resume({ input: { taskId } })}>Resume task</Button>
        ) : null}
        {status !== 'CANCELLED' && !confirming ? (
          <Button className="secondary" onPress={() => setConfirming(true)}>
            Cancel task…
          </Button>
        ) : null}
      </div>
      {confirming && status !== 'CANCELLED' ? (
        <div role="group" aria-label="Confirm cancelling">
          <p>
            Cancelling refunds the task&apos;s escrow share; tasks depending on it stay blocked.
          </p>
          <div className="row">
            <Button
              onPress={() => void cancel({ input: { taskId } }).then(() => setConfirming(false))}
            >
              Yes, cancel the task
            </Button>
            <Button className="secondary" onPress={() => setConfirming(false)}>
              Keep it
            </Button>
          </div>
        </div>
      ) : null}
      <h3>Minimum reputation</h3>
      <Field
        label="Minimum reputation (1–5, empty for none)"
        value={minRep}
        onChange={setMinRep}
        inputMode="decimal"
      />
      <ErrorNotice error={repResult.error} />
      {repResult.data && !repResult.error ? (
        <p role="status" className="ok">
          {minRep.trim()
            ? `Only freelancers rated ${minRep.trim()} or more may claim it.`
            : 'No minimum.'}
        </p>
      ) : null}
      <Button
        className="secondary"
        onPress={() =>
          void setRep({
            input: { taskId, minReputation: minRep.trim() === '' ? null : Number(minRep) },
          })
        }
      >
        Save minimum
      </Button>
      {status === 'OPEN' ? <OfferPicker taskId={taskId} /> : null}
    </section>
  );
}

/** Offers an OPEN task to one freelancer, picked from the API's recommendations. */
function OfferPicker({ taskId }: { taskId: string }) {
  const [{ data, error }] = useQuery({
    query: RecommendedFreelancersDocument,
    variables: { taskId, first: 10 },
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [hours, setHours] = useState('24');
  const [offered, offer] = useMutation(OfferTaskDocument);
  const list = data?.recommendedFreelancers ?? [];
  return (
    <>
      <h3>Offer to a freelancer</h3>
      <ErrorNotice error={error} />
      {data && list.length === 0 ? <p>No freelancer fits this task yet.</p> : null}
      {list.length > 0 ? (
        <div className="field">
          <Label id="freelancer-list-label">Recommended freelancers</Label>
          <ListBox
            aria-labelledby="freelancer-list-label"
            className="picker"
            selectionMode="single"
            disabledKeys={list.filter((f) => !f.eligible).map((f) => f.freelancerId)}
            selectedKeys={selected ? [selected] : []}
            onSelectionChange={(keys) => {
              const key = keys === 'all' ? undefined : [...keys][0];
              setSelected(key === undefined ? null : String(key));
            }}
            items={list.map((f) => ({ ...f, id: f.freelancerId }))}
          >
            {(f) => (
              <ListBoxItem id={f.freelancerId} textValue={f.freelancerId} className="picker-item">
                <span>
                  Freelancer {f.freelancerId.slice(0, 8)}: match {Math.round(f.score * 100)}%
                </span>
                <span className="muted">
                  {f.eligible ? 'may be offered now' : `not now: ${f.refusals.join(', ')}`}
                </span>
              </ListBoxItem>
            )}
          </ListBox>
        </div>
      ) : null}
      <Field label="Offer stands for (hours, 1–168)" value={hours} onChange={setHours} />
      <ErrorNotice error={offered.error} />
      {offered.data ? (
        <p role="status" className="ok">
          Offered until {new Date(offered.data.offerTask.offer.expiresAt).toLocaleString()}.
        </p>
      ) : null}
      <Button
        isDisabled={!selected || offered.fetching}
        onPress={() => {
          if (selected)
            void offer({
              input: { taskId, freelancerId: selected, expiresInHours: Number(hours) || undefined },
            });
        }}
      >
        Offer task
      </Button>
    </>
  );
}
