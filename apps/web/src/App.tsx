import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './auth/session-context';
import { Layout } from './components/Layout';
import { LoginScreen } from './screens/auth/LoginScreen';
import { SignUpScreen } from './screens/auth/SignUpScreen';

// Screens behind the log-in load on demand: the first load is the log-in page only.
const ProjectsScreen = lazy(() => import('./screens/owner/ProjectsScreen'));
const NewProjectScreen = lazy(() => import('./screens/owner/NewProjectScreen'));
const ProjectScreen = lazy(() => import('./screens/owner/ProjectScreen'));
const OpenTasksScreen = lazy(() => import('./screens/freelancer/OpenTasksScreen'));
const MyTasksScreen = lazy(() => import('./screens/freelancer/MyTasksScreen'));
const ProfileScreen = lazy(() => import('./screens/freelancer/ProfileScreen'));
const PayoutsScreen = lazy(() => import('./screens/freelancer/PayoutsScreen'));
const ReviewQueueScreen = lazy(() => import('./screens/reviewer/ReviewQueueScreen'));
const ReviewScreen = lazy(() => import('./screens/reviewer/ReviewScreen'));
const AdminScreen = lazy(() => import('./screens/admin/AdminScreen'));
const TaskScreen = lazy(() => import('./screens/task/TaskScreen'));
const NotificationsScreen = lazy(() => import('./screens/notifications/NotificationsScreen'));

function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

function Home() {
  const roles = useSession()?.user.roles ?? [];
  if (roles.includes('OWNER')) return <Navigate to="/projects" replace />;
  if (roles.includes('FREELANCER')) return <Navigate to="/tasks" replace />;
  if (roles.includes('REVIEWER')) return <Navigate to="/review" replace />;
  if (roles.includes('ADMIN')) return <Navigate to="/admin" replace />;
  return (
    <p role="status">
      Your account has no role yet: a reviewer application waits for an admin&apos;s decision. Log
      in again once it is approved.
    </p>
  );
}

export function App() {
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      <Routes>
        <Route path="/login" element={<LoginScreen />} />
        <Route path="/signup" element={<SignUpScreen />} />
        <Route
          element={
            <RequireSession>
              <Layout />
            </RequireSession>
          }
        >
          <Route index element={<Home />} />
          <Route path="projects" element={<ProjectsScreen />} />
          <Route path="projects/new" element={<NewProjectScreen />} />
          <Route path="projects/:projectId/*" element={<ProjectScreen />} />
          <Route path="tasks" element={<OpenTasksScreen />} />
          <Route path="my-tasks" element={<MyTasksScreen />} />
          <Route path="profile" element={<ProfileScreen />} />
          <Route path="payouts" element={<PayoutsScreen />} />
          <Route path="review" element={<ReviewQueueScreen />} />
          <Route path="review/:taskId" element={<ReviewScreen />} />
          <Route path="admin" element={<AdminScreen />} />
          <Route path="task/:taskId" element={<TaskScreen />} />
          <Route path="notifications" element={<NotificationsScreen />} />
          <Route path="*" element={<p>Nothing here.</p>} />
        </Route>
      </Routes>
    </Suspense>
  );
}
