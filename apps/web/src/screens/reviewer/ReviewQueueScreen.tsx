import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { parseSkills } from '../freelancer/ProfileScreen';
import { ReviewQueueDocument } from './review-documents';
import { LoadMore } from '../../components/LoadMore';
import { usePagedConnection } from '../../graphql/use-paged-connection';

const UpdateReviewerProfileDocument = graphql(`
  mutation UpdateReviewerProfile($input: UpdateReviewerProfileInput!) {
    updateReviewerProfile(input: $input) {
      skills {
        skill
        minLevel
      }
    }
  }
`);

export default function ReviewQueueScreen() {
  const {
    nodes: queue,
    result: { data, error, fetching },
    hasMore,
    loadMore,
    reload,
  } = usePagedConnection(ReviewQueueDocument, {}, (d) => d.reviewQueue);
  const [skills, setSkills] = useState('');
  const [saved, save] = useMutation(UpdateReviewerProfileDocument);
  return (
    <>
      <h1>Review queue</h1>
      {data ? (
        <p>
          Your reviewer id (owners assign you with it): <code>{data.me.id}</code>
        </p>
      ) : null}
      <ErrorNotice error={error} />
      <section className="card" aria-labelledby="rskills-title">
        <h2 id="rskills-title">Skills you review</h2>
        <Field
          label="Skills with levels 1–5"
          value={skills}
          onChange={setSkills}
          description="For example: react:4, design:3"
        />
        <ErrorNotice error={saved.error} />
        {saved.data ? (
          <p role="status" className="ok">
            Saved.
          </p>
        ) : null}
        <Button
          onPress={() => void save({ input: { skills: parseSkills(skills) } }).then(() => reload())}
        >
          Save skills
        </Button>
      </section>
      {queue.length === 0 && data ? <p>Nothing waits for your review.</p> : null}
      <ul className="plain" aria-label="Submissions to review">
        {queue.map((t) => (
          <li key={t.id} className="card">
            <Link to={`/review/${t.id}`}>
              Review {t.title} ({t.key})
            </Link>{' '}
            · {t.project.title} · revision {t.revision}
          </li>
        ))}
      </ul>
      <LoadMore hasMore={hasMore} fetching={fetching && Boolean(data)} onLoad={loadMore} />
    </>
  );
}
