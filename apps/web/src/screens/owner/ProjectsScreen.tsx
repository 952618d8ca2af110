import { Link } from 'react-router';
import { graphql } from '../../gql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money } from '../../components/format';
import { LoadMore } from '../../components/LoadMore';
import { usePagedConnection } from '../../graphql/use-paged-connection';

const MyProjectsDocument = graphql(`
  query MyProjects($after: String) {
    myProjects(first: 20, after: $after) {
      edges {
        node {
          id
          title
          status
          createdAt
          budget {
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

export default function ProjectsScreen() {
  const {
    nodes: projects,
    result: { data, error, fetching },
    hasMore,
    loadMore,
  } = usePagedConnection(MyProjectsDocument, {}, (d) => d.myProjects);
  return (
    <>
      <h1>Your projects</h1>
      <p>
        <Link to="/projects/new">New project</Link>
      </p>
      <ErrorNotice error={error} />
      {fetching && !data ? <p role="status">Loading…</p> : null}
      {projects.length === 0 && data ? <p>No projects yet: start with a brief.</p> : null}
      <ul>
        {projects.map((p) => (
          <li key={p.id}>
            <Link to={`/projects/${p.id}`}>{p.title}</Link> — {p.status}, budget {money(p.budget)}
          </li>
        ))}
      </ul>
      <LoadMore hasMore={hasMore} fetching={fetching && Boolean(data)} onLoad={loadMore} />
    </>
  );
}
