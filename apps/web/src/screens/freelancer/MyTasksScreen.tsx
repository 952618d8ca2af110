import { useEffect, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { LoadMore } from '../../components/LoadMore';
import { usePagedConnection } from '../../graphql/use-paged-connection';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money, timeLeft } from '../../components/format';
import { splitList } from '../owner/PlanTasks';

const MyTasksDocument = graphql(`
  query MyTasks($after: String) {
    myTasks(first: 20, after: $after) {
      edges {
        node {
          id
          key
          title
          status
          revision
          claimDeadline
          acceptanceCriteria
          price {
            amountCents
            currency
          }
          project {
            id
            title
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    myTaskOffers(first: 10) {
      edges {
        node {
          id
          expiresAt
          status
          task {
            id
            key
            title
            price {
              amountCents
              currency
            }
          }
        }
      }
    }
  }
`);

const SubmitTaskDocument = graphql(`
  mutation SubmitTask($input: SubmitTaskInput!) {
    submitTask(input: $input) {
      id
      revision
      createdAt
    }
  }
`);
const ReleaseTaskDocument = graphql(`
  mutation ReleaseTask($input: TaskRefInput!) {
    releaseTaskClaim(input: $input) {
      id
      status
    }
  }
`);
const AcceptOfferDocument = graphql(`
  mutation AcceptOffer($input: TaskRefInput!) {
    acceptTaskOffer(input: $input) {
      id
      status
      claimDeadline
    }
  }
`);
const DeclineOfferDocument = graphql(`
  mutation DeclineOffer($input: TaskRefInput!) {
    declineTaskOffer(input: $input) {
      id
      status
    }
  }
`);

function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

function SubmitForm({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  const [links, setLinks] = useState('');
  const [notes, setNotes] = useState('');
  const [hours, setHours] = useState('');
  const [result, submit] = useMutation(SubmitTaskDocument);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const r = await submit({
      input: { taskId, links: splitList(links), notes, hoursSpent: Number(hours) },
    });
    if (!r.error) onDone();
  };
  return (
    <Form onSubmit={(e) => void send(e)} aria-label="Submit deliverable">
      <Field
        label="Links (one per line)"
        value={links}
        onChange={setLinks}
        multiline
        rows={2}
        isRequired
      />
      <Field label="Notes for the reviewer" value={notes} onChange={setNotes} multiline rows={3} />
      <Field label="Hours spent" value={hours} onChange={setHours} inputMode="decimal" isRequired />
      <ErrorNotice error={result.error} />
      {result.data ? (
        <p className="ok" role="status">
          Submitted revision {result.data.submitTask.revision}.
        </p>
      ) : null}
      <Button type="submit" isDisabled={result.fetching}>
        Submit for review
      </Button>
    </Form>
  );
}

export default function MyTasksScreen() {
  const {
    nodes: tasks,
    result: { data, error, fetching },
    hasMore,
    loadMore,
    reload,
  } = usePagedConnection(MyTasksDocument, {}, (d) => d.myTasks);
  const [released, release] = useMutation(ReleaseTaskDocument);
  const [accepted, accept] = useMutation(AcceptOfferDocument);
  const [declined, decline] = useMutation(DeclineOfferDocument);
  const now = useNow();
  const offers = data?.myTaskOffers.edges.map((e) => e.node) ?? [];
  return (
    <>
      <h1>My tasks</h1>
      <ErrorNotice error={error ?? released.error ?? accepted.error ?? declined.error} />
      {offers.length > 0 ? (
        <section aria-labelledby="offers-title">
          <h2 id="offers-title">Offers</h2>
          <ul className="plain">
            {offers.map((o) => (
              <li key={o.id} className="card">
                {o.task?.title} ({money(o.task?.price)}) · expires {timeLeft(o.expiresAt, now)}
                <div className="row">
                  <Button
                    onPress={() =>
                      void accept({ input: { taskId: o.task?.id ?? '' } }).then(reload)
                    }
                  >
                    Accept
                  </Button>
                  <Button
                    className="secondary"
                    onPress={() =>
                      void decline({ input: { taskId: o.task?.id ?? '' } }).then(reload)
                    }
                  >
                    Decline
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {tasks.length === 0 && data ? <p>No tasks yet: claim one under Find tasks.</p> : null}
      <ul className="plain">
        {tasks.map((t) => (
          <li key={t.id} className="card">
            <h2>
              <Link to={`/task/${t.id}`}>{t.title}</Link> <small>({t.key})</small>
            </h2>
            <p>
              {t.project.title} · {money(t.price)} · <strong>{t.status}</strong>
              {t.revision > 1 ? ` · revision ${t.revision}` : ''}
              {t.status === 'CLAIMED' && t.claimDeadline ? (
                <>
                  {' '}
                  · <span aria-live="polite">deadline: {timeLeft(t.claimDeadline, now)}</span>
                </>
              ) : null}
            </p>
            {t.status === 'CLAIMED' ? (
              <>
                <h3>Scorecard</h3>
                <ol>
                  {t.acceptanceCriteria.map((c, i) => (
                    <li key={i}>
                      AC{i + 1}: {c}
                    </li>
                  ))}
                </ol>
                <SubmitForm taskId={t.id} onDone={reload} />
                <Button
                  className="secondary"
                  onPress={() => void release({ input: { taskId: t.id } }).then(reload)}
                >
                  Release claim
                </Button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <LoadMore hasMore={hasMore} fetching={fetching && Boolean(data)} onLoad={loadMore} />
    </>
  );
}
