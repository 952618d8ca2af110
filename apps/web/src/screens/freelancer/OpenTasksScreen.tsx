import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { TaskSort } from '../../gql/graphql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money } from '../../components/format';
import { parseBudgetCents } from '../owner/NewProjectScreen';

const OpenTasksDocument = graphql(`
  query OpenTasks(
    $first: Int!
    $after: String
    $skills: [String!]
    $platform: String
    $minPriceCents: Int
    $maxPriceCents: Int
    $sort: TaskSort!
  ) {
    openTasks(
      first: $first
      after: $after
      skills: $skills
      platform: $platform
      minPriceCents: $minPriceCents
      maxPriceCents: $maxPriceCents
      sort: $sort
    ) {
      edges {
        cursor
        node {
          ...OpenTaskFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  fragment OpenTaskFields on MarketTask {
    id
    key
    title
    description
    status
    platform
    acceptanceCriteria
    price {
      amountCents
      currency
    }
    estimate {
      likely
    }
    skills {
      skill
      minLevel
    }
    project {
      id
      title
    }
  }
`);

const RecommendedTasksDocument = graphql(`
  query RecommendedTasks {
    recommendedTasks(first: 5) {
      score
      task {
        ...OpenTaskFields
      }
    }
  }
`);

export const ClaimTaskDocument = graphql(`
  mutation ClaimTask($input: TaskRefInput!) {
    claimTask(input: $input) {
      id
      status
      claimDeadline
      assigneeId
    }
  }
`);

export interface TaskFilters {
  skills: string[];
  platform: string | null;
  minPriceCents: number | null;
  maxPriceCents: number | null;
  sort: TaskSort;
}

/** Clear wording for a lost claim race and other refusals. */
export function claimRefusal(code: string | undefined, message: string): string {
  if (code === 'CONFLICT' || code === 'INVALID_TRANSITION')
    return `Someone else claimed this task first. ${message}`;
  return message;
}

function TaskRow({
  task,
}: {
  task: {
    id: string;
    key: string;
    title: string;
    description: string;
    platform: string;
    price: { amountCents: number; currency: string };
    estimate: { likely: number };
    skills: { skill: string; minLevel: number }[];
    acceptanceCriteria: string[];
    project: { title: string };
  };
}) {
  const [result, claim] = useMutation(ClaimTaskDocument);
  const claimed = result.data?.claimTask;
  const refusal = result.error?.graphQLErrors[0];
  return (
    <li className="card">
      <h3>
        {task.title} <small>({task.key})</small>
      </h3>
      <p>
        {task.project.title} · {task.platform} · {money(task.price)} · {task.estimate.likely} h
        likely · skills {task.skills.map((s) => `${s.skill} ≥${s.minLevel}`).join(', ')}
      </p>
      <details>
        <summary>Scorecard ({task.acceptanceCriteria.length} criteria)</summary>
        <ol>
          {task.acceptanceCriteria.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
      </details>
      {claimed ? (
        <p className="ok" role="status">
          Claimed: yours until {new Date(claimed.claimDeadline ?? '').toLocaleString()}. See My
          tasks.
        </p>
      ) : (
        <Button
          aria-label={`Claim ${task.title}`}
          isDisabled={result.fetching}
          onPress={() => void claim({ input: { taskId: task.id } })}
        >
          Claim
        </Button>
      )}
      {refusal ? (
        <p role="alert" className="error">
          {claimRefusal(
            typeof refusal.extensions?.code === 'string' ? refusal.extensions.code : undefined,
            refusal.message,
          )}
        </p>
      ) : (
        <ErrorNotice error={result.error} />
      )}
    </li>
  );
}

function Page({
  after,
  filters,
  isLast,
  onMore,
}: {
  after: string | null;
  filters: TaskFilters;
  isLast: boolean;
  onMore: (cursor: string) => void;
}) {
  const [{ data, error, fetching }] = useQuery({
    query: OpenTasksDocument,
    variables: {
      first: 10,
      after,
      ...filters,
      skills: filters.skills.length ? filters.skills : null,
    },
  });
  const sentinel = useRef<HTMLDivElement>(null);
  const page = data?.openTasks;
  useEffect(() => {
    const el = sentinel.current;
    if (
      !el ||
      !isLast ||
      !page?.pageInfo.hasNextPage ||
      typeof IntersectionObserver === 'undefined'
    )
      return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && page.pageInfo.endCursor)
        onMore(page.pageInfo.endCursor);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [isLast, page, onMore]);
  return (
    <>
      <ErrorNotice error={error} />
      {page?.edges.map((e) => (
        <TaskRow key={e.node.id} task={e.node} />
      ))}
      {fetching && !data ? <li role="status">Loading…</li> : null}
      {isLast && page?.pageInfo.hasNextPage ? (
        <li>
          <div ref={sentinel} />
          <Button
            className="secondary"
            onPress={() => page.pageInfo.endCursor && onMore(page.pageInfo.endCursor)}
          >
            Load more
          </Button>
        </li>
      ) : null}
      {isLast && page && page.edges.length === 0 && after === null ? (
        <li>No open tasks match.</li>
      ) : null}
    </>
  );
}

function Recommended() {
  const [{ data, error }] = useQuery({ query: RecommendedTasksDocument });
  if (error) return <p>Fill in your profile to get recommendations.</p>;
  const list = data?.recommendedTasks ?? [];
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="rec-title">
      <h2 id="rec-title">Recommended for you</h2>
      <ul className="plain">
        {list.map((r) => (
          <TaskRow key={r.task.id} task={r.task} />
        ))}
      </ul>
    </section>
  );
}

export default function OpenTasksScreen() {
  const [skills, setSkills] = useState('');
  const [platform, setPlatform] = useState('');
  const [minPrice, setMinPrice] = useState('');
  const [maxPrice, setMaxPrice] = useState('');
  const [sort, setSort] = useState<TaskSort>('OLDEST');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filters: TaskFilters = {
    skills: skills
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    platform: platform || null,
    minPriceCents: minPrice ? parseBudgetCents(minPrice) : null,
    maxPriceCents: maxPrice ? parseBudgetCents(maxPrice) : null,
    sort,
  };
  const key = JSON.stringify(filters);
  useEffect(() => setCursors([null]), [key]);
  return (
    <>
      <h1>Find tasks</h1>
      <Recommended />
      <section aria-labelledby="filters-title" className="card">
        <h2 id="filters-title">Filters</h2>
        <div className="row">
          <Field label="Skills (comma separated)" value={skills} onChange={setSkills} />
          <label className="field">
            Platform
            <select value={platform} onChange={(e) => setPlatform(e.target.value)}>
              <option value="">Any</option>
              {['WEB', 'IOS', 'ANDROID', 'BACKEND', 'DESIGN', 'QA', 'DEVOPS'].map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <Field label="Min price" value={minPrice} onChange={setMinPrice} inputMode="decimal" />
          <Field label="Max price" value={maxPrice} onChange={setMaxPrice} inputMode="decimal" />
          <label className="field">
            Sort
            <select value={sort} onChange={(e) => setSort(e.target.value as TaskSort)}>
              <option value="OLDEST">Oldest first</option>
              <option value="NEWEST">Newest first</option>
              <option value="PRICE_DESC">Price, highest first</option>
              <option value="PRICE_ASC">Price, lowest first</option>
              <option value="ESTIMATE_ASC">Shortest first</option>
            </select>
          </label>
        </div>
      </section>
      <h2>Open tasks</h2>
      <ul className="plain" aria-label="Open tasks">
        {cursors.map((after, i) => (
          <Page
            key={`${key}:${after ?? 'first'}`}
            after={after}
            filters={filters}
            isLast={i === cursors.length - 1}
            onMore={(c) => setCursors((list) => (list.includes(c) ? list : [...list, c]))}
          />
        ))}
      </ul>
    </>
  );
}
