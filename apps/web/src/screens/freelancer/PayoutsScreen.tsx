import { Button } from 'react-aria-components';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { LoadMore } from '../../components/LoadMore';
import { usePagedConnection } from '../../graphql/use-paged-connection';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money } from '../../components/format';

const MyPayoutsDocument = graphql(`
  query MyPayouts($after: String) {
    myPayoutAccount {
      providerAccountId
      payoutsEnabled
      payoutsBlockedReason
      requirementsDue
      simulated
      transfersCapability
    }
    myPayouts(first: 20, after: $after) {
      edges {
        node {
          id
          status
          taskRef
          createdAt
          paidAt
          reason
          amount {
            amountCents
            currency
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
const StartOnboardingDocument = graphql(`
  mutation StartOnboarding {
    startPayoutOnboarding {
      url
      expiresAt
      account {
        providerAccountId
        payoutsEnabled
        simulated
      }
    }
  }
`);

export default function PayoutsScreen() {
  const {
    nodes: payouts,
    result: { data, error, fetching },
    hasMore,
    loadMore,
    reload,
  } = usePagedConnection(MyPayoutsDocument, {}, (d) => d.myPayouts);
  const [started, start] = useMutation(StartOnboardingDocument);
  const account = data?.myPayoutAccount;
  const onboard = async () => {
    const r = await start({});
    const link = r.data?.startPayoutOnboarding;
    if (!link) return;
    if (link.account.simulated) reload();
    else window.location.assign(link.url);
  };
  return (
    <>
      <h1>Payouts</h1>
      <ErrorNotice error={error ?? started.error} />
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">Payout account</h2>
        {account ? (
          <p role="status">
            {account.payoutsEnabled
              ? 'Payouts enabled'
              : `Payouts not enabled yet${account.payoutsBlockedReason ? `: ${account.payoutsBlockedReason}` : ''}`}
            {account.simulated ? ' (simulated)' : ''}
            {account.requirementsDue.length ? ` · due: ${account.requirementsDue.join(', ')}` : ''}
          </p>
        ) : (
          <p>No payout account yet.</p>
        )}
        {!account?.payoutsEnabled ? (
          <Button onPress={() => void onboard()}>Set up payouts</Button>
        ) : null}
      </section>
      <table>
        <caption>Your payouts</caption>
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">Amount</th>
            <th scope="col">Status</th>
            <th scope="col">Paid</th>
          </tr>
        </thead>
        <tbody>
          {payouts.map((p) => (
            <tr key={p.id}>
              <td>{p.taskRef}</td>
              <td>{money(p.amount)}</td>
              <td>
                {p.status}
                {p.reason ? ` (${p.reason})` : ''}
              </td>
              <td>{p.paidAt ? new Date(p.paidAt).toLocaleString() : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore hasMore={hasMore} fetching={fetching && Boolean(data)} onLoad={loadMore} />
    </>
  );
}
