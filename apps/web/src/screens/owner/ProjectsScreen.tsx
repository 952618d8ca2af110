import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money } from '../../components/format';

const MyProjectsDocument = graphql(`
  query MyProjects {
    myProjects(first: 20) {
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
    }
  }
`);

export default function ProjectsScreen() {
  const [{ data, error, fetching }] = useQuery({ query: MyProjectsDocument });
  const projects = data?.myProjects.edges.map((e) => e.node) ?? [];
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
    </>
  );
}
