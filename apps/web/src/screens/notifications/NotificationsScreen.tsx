import { useEffect, useState } from 'react';
import { Button, Checkbox } from 'react-aria-components';
import { useMutation } from 'urql';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { LoadMore } from '../../components/LoadMore';
import { usePagedConnection } from '../../graphql/use-paged-connection';
import type { NotificationKind } from '../../gql/graphql';
import { ErrorNotice } from '../../components/ErrorNotice';

const NotificationsDocument = graphql(`
  query Notifications($after: String) {
    unreadNotificationCount
    notifications(first: 20, after: $after) {
      edges {
        node {
          id
          kind
          subject
          body
          read
          createdAt
          taskId
          projectId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    notificationPreferences {
      kind
      email
    }
  }
`);
const MarkReadDocument = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      marked
      unreadCount
    }
  }
`);
const UpdatePreferencesDocument = graphql(`
  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      preferences {
        kind
        email
      }
    }
  }
`);

const label = (kind: string) => kind.toLowerCase().replace(/_/g, ' ');

export default function NotificationsScreen() {
  const {
    nodes: items,
    result: { data, error, fetching },
    hasMore,
    loadMore,
    reload,
  } = usePagedConnection(NotificationsDocument, {}, (d) => d.notifications);
  const [marked, markRead] = useMutation(MarkReadDocument);
  const [saved, savePreferences] = useMutation(UpdatePreferencesDocument);
  const [email, setEmail] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (data)
      setEmail(Object.fromEntries(data.notificationPreferences.map((p) => [p.kind, p.email])));
  }, [data]);
  return (
    <>
      <h1>Notifications</h1>
      <ErrorNotice error={error ?? marked.error ?? saved.error} />
      <p role="status">{data ? `${data.unreadNotificationCount} unread` : 'Loading…'}</p>
      <Button
        className="secondary"
        onPress={() => void markRead({ input: { all: true } }).then(reload)}
      >
        Mark all read
      </Button>
      <ul className="plain" aria-label="Inbox">
        {items.map((n) => (
          <li key={n.id} className={n.read ? 'card' : 'card unread'}>
            <h2>
              {n.read ? '' : <span className="sr-only">Unread: </span>}
              {n.subject}
            </h2>
            <p>
              {label(n.kind)} · {new Date(n.createdAt).toLocaleString()}
              {n.taskId ? (
                <>
                  {' '}
                  · <Link to={`/task/${n.taskId}`}>open the task</Link>
                </>
              ) : null}
            </p>
            <p>{n.body}</p>
            {!n.read ? (
              <Button
                className="secondary"
                onPress={() => void markRead({ input: { ids: [n.id] } }).then(reload)}
              >
                Mark read
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <LoadMore hasMore={hasMore} fetching={fetching && Boolean(data)} onLoad={loadMore} />
      <section className="card" aria-labelledby="prefs-title">
        <h2 id="prefs-title">Email me about</h2>
        {data?.notificationPreferences.map((p) => (
          <Checkbox
            key={p.kind}
            isSelected={email[p.kind] ?? p.email}
            onChange={(v) => setEmail((e) => ({ ...e, [p.kind]: v }))}
          >
            {label(p.kind)}
          </Checkbox>
        ))}
        {saved.data ? <p role="status">Preferences saved.</p> : null}
        <Button
          onPress={() =>
            void savePreferences({
              input: {
                preferences: Object.entries(email).map(([kind, on]) => ({
                  kind: kind as NotificationKind,
                  email: on,
                })),
              },
            })
          }
        >
          Save email preferences
        </Button>
      </section>
    </>
  );
}
