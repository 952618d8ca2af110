import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money } from '../../components/format';

const UpdatePlanTaskDocument = graphql(`
  mutation UpdatePlanTask($input: UpdatePlanTaskInput!) {
    updatePlanTask(input: $input) {
      version
    }
  }
`);
const RemovePlanTaskDocument = graphql(`
  mutation RemovePlanTask($input: PlanTaskRefInput!) {
    removePlanTask(input: $input) {
      version
    }
  }
`);
const ExpandPlanTaskDocument = graphql(`
  mutation ExpandPlanTask($input: ExpandPlanTaskInput!) {
    expandPlanTask(input: $input) {
      version
    }
  }
`);
const AddPlanTaskDocument = graphql(`
  mutation AddPlanTask($input: AddPlanTaskInput!) {
    addPlanTask(input: $input) {
      version
    }
  }
`);

export interface EditableTask {
  key: string;
  title: string;
  description: string;
  featureKey: string;
  platform: string;
  locked: boolean;
  dependsOn: string[];
  acceptanceCriteria: string[];
  estimate: { optimistic: number; likely: number; pessimistic: number };
  price: { amountCents: number; currency: string };
}

/** "a, b ,c" → ["a","b","c"] */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function TaskEditor({
  projectId,
  task,
  onSaved,
}: {
  projectId: string;
  task: EditableTask;
  onSaved: () => void;
}) {
  const [title, setTitle] = useState(task.title);
  const [dependsOn, setDependsOn] = useState(task.dependsOn.join(', '));
  const [likely, setLikely] = useState(String(task.estimate.likely));
  const [criteria, setCriteria] = useState(task.acceptanceCriteria.join('\n'));
  const [result, update] = useMutation(UpdatePlanTaskDocument);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const l = Number(likely);
    const r = await update({
      input: {
        projectId,
        key: task.key,
        title,
        dependsOn: splitList(dependsOn),
        acceptanceCriteria: criteria
          .split('\n')
          .map((c) => c.trim())
          .filter(Boolean),
        estimate:
          l === task.estimate.likely
            ? undefined
            : {
                optimistic: Math.min(task.estimate.optimistic, l),
                likely: l,
                pessimistic: Math.max(task.estimate.pessimistic, l),
              },
      },
    });
    if (!r.error) onSaved();
  };
  return (
    <Form onSubmit={(e) => void save(e)} aria-label={`Edit ${task.key}`} className="card">
      <Field label="Title" value={title} onChange={setTitle} />
      <Field
        label="Depends on (task keys, comma separated)"
        value={dependsOn}
        onChange={setDependsOn}
      />
      <Field label="Likely hours" value={likely} onChange={setLikely} inputMode="decimal" />
      <Field
        label="Acceptance criteria (one per line)"
        value={criteria}
        onChange={setCriteria}
        multiline
        rows={4}
      />
      <ErrorNotice error={result.error} />
      <Button type="submit" isDisabled={result.fetching}>
        Save {task.key}
      </Button>
    </Form>
  );
}

function AddTaskForm({
  projectId,
  features,
  onAdded,
}: {
  projectId: string;
  features: { key: string; title: string }[];
  onAdded: () => void;
}) {
  const [title, setTitle] = useState('');
  const [featureKey, setFeatureKey] = useState(features[0]?.key ?? '');
  const [likely, setLikely] = useState('4');
  const [criterion, setCriterion] = useState('');
  const [result, add] = useMutation(AddPlanTaskDocument);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const l = Number(likely);
    await add({
      input: {
        projectId,
        featureKey,
        title,
        description: title,
        platform: 'WEB',
        acceptanceCriteria: [criterion || `${title} works as described`],
        estimate: { optimistic: Math.max(1, l * 0.75), likely: l, pessimistic: l * 1.5 },
        skills: [{ skill: 'react', minLevel: 2 }],
      },
    }).then((r) => {
      if (!r.error) onAdded();
    });
  };
  return (
    <Form onSubmit={(e) => void submit(e)} aria-label="Add a task" className="card">
      <h3>Add a task</h3>
      <div className="row">
        <Field label="Title" value={title} onChange={setTitle} isRequired />
        <label className="field">
          Feature
          <select value={featureKey} onChange={(e) => setFeatureKey(e.target.value)}>
            {features.map((f) => (
              <option key={f.key} value={f.key}>
                {f.title}
              </option>
            ))}
          </select>
        </label>
        <Field label="Likely hours" value={likely} onChange={setLikely} inputMode="decimal" />
        <Field label="Acceptance criterion" value={criterion} onChange={setCriterion} />
      </div>
      <ErrorNotice error={result.error} />
      <Button type="submit">Add task</Button>
    </Form>
  );
}

/** The plan's tasks: edit, lock, expand, remove, add; the API's refusals shown in place. */
export function PlanTasks({
  projectId,
  tasks,
  features,
  editable,
  onChanged,
}: {
  projectId: string;
  tasks: EditableTask[];
  features: { key: string; title: string }[];
  editable: boolean;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [lockResult, update] = useMutation(UpdatePlanTaskDocument);
  const [removeResult, remove] = useMutation(RemovePlanTaskDocument);
  const [expandResult, expand] = useMutation(ExpandPlanTaskDocument);
  return (
    <section aria-labelledby="tasks-title">
      <h2 id="tasks-title">Tasks ({tasks.length})</h2>
      <ErrorNotice error={lockResult.error ?? removeResult.error ?? expandResult.error} />
      {editable ? (
        <AddTaskForm projectId={projectId} features={features} onAdded={onChanged} />
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Title</th>
            <th scope="col">Depends on</th>
            <th scope="col">Hours (o/l/p)</th>
            <th scope="col">Price</th>
            {editable ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.key}>
              <td>
                {t.key}
                {t.locked ? ' 🔒' : ''}
              </td>
              <td>
                {t.title}
                {editing === t.key ? (
                  <TaskEditor
                    projectId={projectId}
                    task={t}
                    onSaved={() => {
                      setEditing(null);
                      onChanged();
                    }}
                  />
                ) : null}
              </td>
              <td>{t.dependsOn.join(', ') || '—'}</td>
              <td>
                {t.estimate.optimistic}/{t.estimate.likely}/{t.estimate.pessimistic}
              </td>
              <td>{money(t.price)}</td>
              {editable ? (
                <td>
                  <div className="row">
                    <Button
                      className="secondary"
                      onPress={() => setEditing(editing === t.key ? null : t.key)}
                      aria-label={`${editing === t.key ? 'Close' : 'Edit'} ${t.key}`}
                    >
                      {editing === t.key ? 'Close' : 'Edit'}
                    </Button>
                    <Button
                      className="secondary"
                      aria-label={`${t.locked ? 'Unlock' : 'Lock'} ${t.key}`}
                      onPress={() =>
                        void update({ input: { projectId, key: t.key, locked: !t.locked } }).then(
                          onChanged,
                        )
                      }
                    >
                      {t.locked ? 'Unlock' : 'Lock'}
                    </Button>
                    <Button
                      className="secondary"
                      aria-label={`Expand ${t.key}`}
                      onPress={() =>
                        void expand({ input: { projectId, key: t.key, parts: 2 } }).then(onChanged)
                      }
                    >
                      Expand
                    </Button>
                    <Button
                      className="secondary"
                      aria-label={`Remove ${t.key}`}
                      onPress={() =>
                        void remove({ input: { projectId, key: t.key } }).then(onChanged)
                      }
                    >
                      Remove
                    </Button>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
