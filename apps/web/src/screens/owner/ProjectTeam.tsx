import { useState } from 'react';
import { Button, Checkbox } from 'react-aria-components';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { splitList } from './PlanTasks';
import { ReviewerPicker } from './ReviewerPicker';

const SetAutoAssignDocument = graphql(`
  mutation SetAutoAssign($input: SetProjectAutoAssignInput!) {
    setProjectAutoAssign(input: $input) {
      projectId
      enabled
      maxCandidates
      offerWindowMinutes
    }
  }
`);
const SetTalentPoolDocument = graphql(`
  mutation SetTalentPool($input: SetProjectTalentPoolInput!) {
    setProjectTalentPool(input: $input)
  }
`);
const ClearTalentPoolDocument = graphql(`
  mutation ClearTalentPool($input: ProjectRefInput!) {
    clearProjectTalentPool(input: $input)
  }
`);

/** Reviewer assignment, talent pool and auto-assignment of a project. */
export function ProjectTeam({ projectId }: { projectId: string }) {
  const [pool, setPool] = useState('');
  const [auto, setAuto] = useState(false);
  const [autoResult, setAutoAssign] = useMutation(SetAutoAssignDocument);
  const [poolResult, setTalentPool] = useMutation(SetTalentPoolDocument);
  const [clearResult, clearPool] = useMutation(ClearTalentPoolDocument);
  return (
    <>
      <ReviewerPicker projectId={projectId} />
      <section className="card" aria-labelledby="pool-title">
        <h2 id="pool-title">Talent pool</h2>
        <Field label="Freelancer ids (comma separated)" value={pool} onChange={setPool} />
        <ErrorNotice error={poolResult.error ?? clearResult.error} />
        {poolResult.data ? <p role="status">The project is private to these freelancers.</p> : null}
        <div className="row">
          <Button
            onPress={() =>
              void setTalentPool({ input: { projectId, freelancerIds: splitList(pool) } })
            }
          >
            Make private
          </Button>
          <Button className="secondary" onPress={() => void clearPool({ input: { projectId } })}>
            Make public
          </Button>
        </div>
      </section>
      <section className="card" aria-labelledby="auto-title">
        <h2 id="auto-title">Auto-assignment</h2>
        <Checkbox isSelected={auto} onChange={setAuto}>
          Offer open tasks to the best-matched freelancers first
        </Checkbox>
        <ErrorNotice error={autoResult.error} />
        {autoResult.data ? (
          <p role="status">
            Auto-assignment {autoResult.data.setProjectAutoAssign.enabled ? 'on' : 'off'} (
            {autoResult.data.setProjectAutoAssign.maxCandidates} candidates,{' '}
            {autoResult.data.setProjectAutoAssign.offerWindowMinutes} min each)
          </p>
        ) : null}
        <Button onPress={() => void setAutoAssign({ input: { projectId, enabled: auto } })}>
          Save auto-assignment
        </Button>
      </section>
    </>
  );
}
