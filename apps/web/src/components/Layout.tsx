import { Button } from 'react-aria-components';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { useSession, useSessionStore } from '../auth/session-context';
import { NotificationBell } from '../screens/notifications/NotificationBell';

const LogOutDocument = graphql(`
  mutation LogOut($input: LogOutInput!) {
    logOut(input: $input) {
      loggedOut
    }
  }
`);

/** The signed-in frame: navigation by role, the user, log out. */
export function Layout() {
  const session = useSession();
  const store = useSessionStore();
  const navigate = useNavigate();
  const [, logOut] = useMutation(LogOutDocument);
  const roles = session?.user.roles ?? [];
  const has = (r: string) => roles.includes(r as never);

  const onLogOut = async () => {
    const refreshToken = store.current?.refreshToken;
    if (refreshToken) await logOut({ input: { refreshToken } });
    store.set(null);
    await navigate('/login');
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <strong className="brand">Splitwork</strong>
        <nav aria-label="Main">
          <ul>
            {has('OWNER') && (
              <li>
                <NavLink to="/projects">Projects</NavLink>
              </li>
            )}
            {has('FREELANCER') && (
              <>
                <li>
                  <NavLink to="/tasks">Find tasks</NavLink>
                </li>
                <li>
                  <NavLink to="/my-tasks">My tasks</NavLink>
                </li>
                <li>
                  <NavLink to="/profile">Profile</NavLink>
                </li>
              </>
            )}
            {has('REVIEWER') && (
              <li>
                <NavLink to="/review">Review queue</NavLink>
              </li>
            )}
            {(has('FREELANCER') || has('REVIEWER')) && (
              <li>
                <NavLink to="/payouts">Payouts</NavLink>
              </li>
            )}
            <li>
              <NotificationBell />
            </li>
            {has('ADMIN') && (
              <li>
                <NavLink to="/admin">Admin</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <span className="who">{session?.user.displayName}</span>
        <Button onPress={() => void onLogOut()}>Log out</Button>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
