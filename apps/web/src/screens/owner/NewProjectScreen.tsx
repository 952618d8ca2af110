import { lazy, Suspense, useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Form,
  Label,
  Tab,
  TabList,
  TabPanel,
  Tabs,
} from 'react-aria-components';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { TargetPlatform } from '../../gql/graphql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';

const Markdown = lazy(() => import('react-markdown'));

const CreateProjectDocument = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      project {
        id
        title
        status
      }
    }
  }
`);

const PlanProjectDocument = graphql(`
  mutation PlanProject($input: PlanProjectInput!) {
    planProject(input: $input) {
      run {
        id
        status
        percent
        stage
        message
      }
    }
  }
`);

/** Budget typed in major units ("12,500.50") to integer minor units; null when unreadable. */
export function parseBudgetCents(text: string): number | null {
  const clean = text.replace(/[,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  const [whole, frac = ''] = clean.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export default function NewProjectScreen() {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [brief, setBrief] = useState('');
  const [budget, setBudget] = useState('50000');
  const [currency, setCurrency] = useState('USD');
  const [platforms, setPlatforms] = useState<string[]>(['WEB']);
  const [inputError, setInputError] = useState<string | null>(null);
  const [created, createProject] = useMutation(CreateProjectDocument);
  const [planned, planProject] = useMutation(PlanProjectDocument);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const budgetCents = parseBudgetCents(budget);
    if (budgetCents === null) {
      setInputError('Budget: a number like 50000 or 12500.50');
      return;
    }
    setInputError(null);
    const r = await createProject({
      input: { title, brief, budgetCents, currency, platforms: platforms as TargetPlatform[] },
    });
    const project = r.data?.createProject.project;
    if (!project) return;
    const p = await planProject({ input: { projectId: project.id } });
    await navigate(`/projects/${project.id}`, { state: { runId: p.data?.planProject.run.id } });
  };

  return (
    <>
      <h1>New project</h1>
      <Form onSubmit={(e) => void submit(e)}>
        <Field label="Title" name="title" value={title} onChange={setTitle} isRequired />
        <Tabs>
          <TabList aria-label="Brief">
            <Tab id="write">Write</Tab>
            <Tab id="preview">Preview</Tab>
          </TabList>
          <TabPanel id="write">
            <Field
              label="Brief (Markdown)"
              name="brief"
              value={brief}
              onChange={setBrief}
              multiline
              rows={16}
              isRequired
              description="Paste the whole brief: one requirement per line or bullet works best."
            />
          </TabPanel>
          <TabPanel id="preview">
            <div className="markdown" aria-label="Brief preview">
              <Suspense fallback={<p role="status">Loading preview…</p>}>
                <Markdown>{brief || '*Nothing written yet.*'}</Markdown>
              </Suspense>
            </div>
          </TabPanel>
        </Tabs>
        <div className="row">
          <Field
            label="Budget"
            name="budget"
            value={budget}
            onChange={setBudget}
            isRequired
            inputMode="decimal"
          />
          <Field
            label="Currency"
            name="currency"
            value={currency}
            onChange={setCurrency}
            isRequired
            maxLength={3}
          />
        </div>
        <CheckboxGroup value={platforms} onChange={setPlatforms} className="field" isRequired>
          <Label>Platforms</Label>
          {['WEB', 'IOS', 'ANDROID', 'BACKEND'].map((p) => (
            <Checkbox key={p} value={p}>
              {p}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <ErrorNotice error={inputError} />
        <ErrorNotice error={created.error ?? planned.error} />
        <Button type="submit" isDisabled={created.fetching || planned.fetching}>
          Create and plan
        </Button>
      </Form>
    </>
  );
}
