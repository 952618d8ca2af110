import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money } from '../../components/format';
import { LoadMore } from '../../components/LoadMore';
import { usePagedConnection } from '../../graphql/use-paged-connection';

const AdminDocument = graphql(`
  query Admin {
    users(first: 20) {
      edges {
        node {
          id
          displayName
          email
          roles
        }
      }
    }
    reviewerApplications(first: 10, status: PENDING) {
      edges {
        node {
          id
          userId
          motivation
          createdAt
          status
        }
      }
    }
    openAppeals(first: 10) {
      edges {
        node {
          id
          taskId
          freelancerId
          reason
          revision
          status
          createdAt
        }
      }
    }
    failedPayouts(first: 10) {
      edges {
        node {
          id
          taskRef
          status
          reason
          amount {
            amountCents
            currency
          }
        }
      }
    }
  }
`);
const AdminMoneyDocument = graphql(`
  query AdminMoney {
    openDisputes(first: 10) {
      edges {
        node {
          id
          reason
          status
          createdAt
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
    waitingPayouts(first: 10) {
      edges {
        node {
          id
          taskRef
          status
          reason
          payeeRole
          amount {
            amountCents
            currency
          }
        }
      }
    }
  }
`);
const ResolveDisputeDocument = graphql(`
  mutation ResolveDispute($input: ResolveDisputeInput!) {
    resolveDispute(input: $input) {
      dispute {
        id
        status
      }
    }
  }
`);

/** Owners' disputes of approved work (uphold the payment or reverse it) and payouts waiting for onboarding. */
function DisputesAndWaitingPayouts() {
  const [{ data, error }, refetch] = useQuery({ query: AdminMoneyDocument });
  const [resolved, resolve] = useMutation(ResolveDisputeDocument);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <>
      <section className="card" aria-labelledby="disputes-title">
        <h2 id="disputes-title">Open disputes</h2>
        <ErrorNotice error={error ?? resolved.error} />
        {data?.openDisputes.edges.length === 0 ? <p>None open.</p> : null}
        <ul className="plain">
          {data?.openDisputes.edges.map(({ node: d }) => (
            <li key={d.id}>
              <Link to={`/task/${d.task.id}`}>
                {d.task.key} {d.task.title}
              </Link>{' '}
              ({money(d.task.price)}): “{d.reason}”{' '}
              <Button
                onPress={() =>
                  void resolve({ input: { disputeId: d.id, outcome: 'UPHOLD' } }).then(reload)
                }
              >
                Uphold payment
              </Button>{' '}
              <Button
                className="secondary"
                onPress={() =>
                  void resolve({ input: { disputeId: d.id, outcome: 'REVERSE' } }).then(reload)
                }
              >
                Reverse payment
              </Button>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="waiting-title">
        <h2 id="waiting-title">Payouts waiting for onboarding</h2>
        {data?.waitingPayouts.edges.length === 0 ? <p>None waiting.</p> : null}
        <ul className="plain">
          {data?.waitingPayouts.edges.map(({ node: p }) => (
            <li key={p.id}>
              {p.taskRef} {money(p.amount)} to the {p.payeeRole.toLowerCase()} —{' '}
              {p.reason ?? p.status}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

const DecideApplicationDocument = graphql(`
  mutation DecideApplication($input: DecideReviewerApplicationInput!) {
    decideReviewerApplication(input: $input) {
      application {
        id
        status
      }
    }
  }
`);
const ResolveAppealDocument = graphql(`
  mutation ResolveAppeal($input: ResolveAppealInput!) {
    resolveAppeal(input: $input) {
      appeal {
        id
        status
      }
    }
  }
`);
const RetryPayoutDocument = graphql(`
  mutation RetryPayout($input: PayoutRefInput!) {
    retryPayout(input: $input) {
      id
      status
    }
  }
`);
const GrantRoleDocument = graphql(`
  mutation GrantRole($input: GrantRoleInput!) {
    grantRole(input: $input) {
      user {
        id
        roles
      }
    }
  }
`);

/** Adds a role to a user (admin). */
function GrantRole({ userId, name }: { userId: string; name: string }) {
  const [role, setRole] = useState<Role>('REVIEWER');
  const [result, grant] = useMutation(GrantRoleDocument);
  return (
    <span className="row">
      <label>
        Role for {name}{' '}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {(['OWNER', 'FREELANCER', 'REVIEWER', 'ADMIN'] as const).map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <Button className="secondary" onPress={() => void grant({ input: { userId, role } })}>
        Grant
      </Button>
      <ErrorNotice error={result.error} />
    </span>
  );
}

const PlanningRunDocument = graphql(`
  query PlanningRunAudit($id: ID!) {
    planningRun(id: $id) {
      id
      status
      planner
      model
      promptVersion
      tokensIn
      tokensOut
      costUsd
      modelCalls
      latencyMs
      cacheHit
      failureReason
      validationErrors
    }
  }
`);

function PlanningRunAudit() {
  const [runId, setRunId] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const [{ data, error }] = useQuery({
    query: PlanningRunDocument,
    variables: { id: shown ?? '' },
    pause: !shown,
  });
  const run = data?.planningRun;
  return (
    <section className="card" aria-labelledby="runs-title">
      <h2 id="runs-title">Planning run audit</h2>
      <div className="row">
        <Field label="Planning run id" value={runId} onChange={setRunId} />
        <Button onPress={() => setShown(runId.trim())}>Show run</Button>
      </div>
      <ErrorNotice error={error} />
      {run ? (
        <dl>
          <dt>Status</dt>
          <dd>{run.status}</dd>
          <dt>Planner / model</dt>
          <dd>
            {run.planner} / {run.model} (prompt {run.promptVersion})
            {run.cacheHit ? ', from cache' : ''}
          </dd>
          <dt>Tokens</dt>
          <dd>
            {run.tokensIn} in, {run.tokensOut} out, {run.modelCalls} calls,{' '}
            {run.costUsd === null ? 'cost unknown (no price set)' : `$${run.costUsd.toFixed(4)}`},{' '}
            {run.latencyMs ?? '—'} ms
          </dd>
          <dt>Validation errors</dt>
          <dd>{run.validationErrors.length ? run.validationErrors.join('; ') : 'none'}</dd>
          {run.failureReason ? (
            <>
              <dt>Failure</dt>
              <dd>{run.failureReason}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}

const AdminUsersDocument = graphql(`
  query AdminUsers($after: String) {
    users(first: 20, after: $after) {
      edges {
        node {
          id
          displayName
          email
          roles
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Every user, 20 a page ("Load more"), with the roles an admin may grant. */
function AdminUsers() {
  const {
    nodes: users,
    result: { data, error, fetching },
    hasMore,
    loadMore,
  } = usePagedConnection(AdminUsersDocument, {}, (d) => d.users);
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <ErrorNotice error={error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            <th scope="col">Grant a role</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.email}</td>
              <td>{u.roles.join(', ')}</td>
              <td>
                <GrantRole userId={u.id} name={u.displayName} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore hasMore={hasMore} fetching={fetching && Boolean(data)} onLoad={loadMore} />
    </section>
  );
}

export default function AdminScreen() {
  const [{ data, error }, refetch] = useQuery({ query: AdminDocument });
  const [decided, decide] = useMutation(DecideApplicationDocument);
  const [resolved, resolve] = useMutation(ResolveAppealDocument);
  const [retried, retry] = useMutation(RetryPayoutDocument);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const names = new Map(data?.users.edges.map((e) => [e.node.id, e.node.displayName]) ?? []);
  return (
    <>
      <h1>Admin</h1>
      <ErrorNotice error={error ?? decided.error ?? resolved.error ?? retried.error} />
      <section className="card" aria-labelledby="apps-title">
        <h2 id="apps-title">Reviewer applications</h2>
        {data?.reviewerApplications.edges.length === 0 ? <p>None waiting.</p> : null}
        <ul className="plain">
          {data?.reviewerApplications.edges.map(({ node: a }) => (
            <li key={a.id}>
              {names.get(a.userId) ?? a.userId}: {a.motivation ?? 'no motivation given'}{' '}
              <Button
                onPress={() =>
                  void decide({ input: { applicationId: a.id, decision: 'APPROVE' } }).then(reload)
                }
              >
                Approve
              </Button>{' '}
              <Button
                className="secondary"
                onPress={() =>
                  void decide({
                    input: {
                      applicationId: a.id,
                      decision: 'REFUSE',
                      reason: 'Not enough reviewing experience yet',
                    },
                  }).then(reload)
                }
              >
                Refuse
              </Button>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="appeals-title">
        <h2 id="appeals-title">Open appeals</h2>
        {data?.openAppeals.edges.length === 0 ? <p>None open.</p> : null}
        <ul className="plain">
          {data?.openAppeals.edges.map(({ node: a }) => (
            <li key={a.id}>
              Task {a.taskId}, revision {a.revision}, by{' '}
              {names.get(a.freelancerId) ?? a.freelancerId}: “{a.reason}”{' '}
              <Button
                onPress={() =>
                  void resolve({ input: { appealId: a.id, overturn: true } }).then(reload)
                }
              >
                Overturn (pay)
              </Button>{' '}
              <Button
                className="secondary"
                onPress={() =>
                  void resolve({ input: { appealId: a.id, overturn: false } }).then(reload)
                }
              >
                Uphold
              </Button>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="payouts-title">
        <h2 id="payouts-title">Failed payouts</h2>
        {data?.failedPayouts.edges.length === 0 ? <p>None failed.</p> : null}
        <ul className="plain">
          {data?.failedPayouts.edges.map(({ node: p }) => (
            <li key={p.id}>
              {p.taskRef} {money(p.amount)} — {p.reason ?? p.status}{' '}
              <Button onPress={() => void retry({ input: { payoutId: p.id } }).then(reload)}>
                Retry
              </Button>
            </li>
          ))}
        </ul>
      </section>
      <DisputesAndWaitingPayouts />
      <PlanningRunAudit />
      <AdminUsers />
    </>
  );
}
