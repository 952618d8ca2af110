import { useEffect } from 'react';
import { NavLink } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';

const UnreadCountDocument = graphql(`
  query UnreadCount {
    unreadNotificationCount
  }
`);
const NotificationReceivedDocument = graphql(`
  subscription NotificationReceived {
    notificationReceived {
      id
      subject
      kind
      read
    }
  }
`);

/** The inbox link with its unread count, kept live by the notificationReceived subscription. */
export function NotificationBell() {
  const [{ data }, refetch] = useQuery({ query: UnreadCountDocument });
  const [{ data: received }] = useSubscription({ query: NotificationReceivedDocument });
  const latest = received?.notificationReceived.id;
  useEffect(() => {
    if (latest) refetch({ requestPolicy: 'network-only' });
  }, [latest, refetch]);
  const unread = data?.unreadNotificationCount ?? 0;
  return (
    <NavLink to="/notifications">
      Notifications{' '}
      {unread > 0 ? (
        <span className="badge">
          {unread}
          <span className="sr-only"> unread</span>
        </span>
      ) : null}
    </NavLink>
  );
}
