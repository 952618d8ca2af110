import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money } from '../../components/format';
import { CoverageTable } from './CoverageTable';
import { FundPanel } from './FundPanel';
import { PlanProgress } from './PlanProgress';
import { PlanTasks } from './PlanTasks';
import { ProjectBoard } from './ProjectBoard';
import { ProjectTeam } from './ProjectTeam';
import {
  PlanCriticalPathDocument,
  PlanForecastDocument,
  PlanForecastLargerTeamsDocument,
  ProjectDocument,
} from './project-documents';

// The graph (xyflow + dagre) and the charts (recharts) load only when opened.
const PlanGraph = lazy(() => import('./PlanGraph'));
const ForecastChart = lazy(() => import('./ForecastChart'));

const ReplanDocument = graphql(`
  mutation Replan($input: PlanProjectInput!) {
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

const PlanExportDocument = graphql(`
  query PlanExport($id: ID!) {
    project(id: $id) {
      id
      plan {
        version
        csv
        json
        mermaid
      }
    }
  }
`);

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export default function ProjectScreen() {
  const { projectId = '' } = useParams();
  const client = useClient();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ProjectDocument,
    variables: { id: projectId },
  });
  // Forecasts are Monte Carlo runs on the server: asked for only once the
  // Forecast tab is opened, not on the first load; the Graph tab asks only
  // for the one forecast it draws (the critical path with 3 freelancers).
  const [forecastWanted, setForecastWanted] = useState(false);
  const [graphWanted, setGraphWanted] = useState(false);
  const [{ data: criticalData }, refetchCritical] = useQuery({
    query: PlanCriticalPathDocument,
    variables: { id: projectId },
    pause: !data?.project.plan || !graphWanted || forecastWanted,
  });
  const [{ data: forecastData, error: forecastError }, refetchForecast] = useQuery({
    query: PlanForecastDocument,
    variables: { id: projectId },
    pause: !data?.project.plan || !forecastWanted,
  });
  const [{ data: largerData }, refetchLarger] = useQuery({
    query: PlanForecastLargerTeamsDocument,
    variables: { id: projectId },
    pause: !data?.project.plan || !forecastWanted,
  });
  const [replanned, replan] = useMutation(ReplanDocument);
  const [exportError, setExportError] = useState<string | null>(null);
  const reload = useCallback(() => {
    refetch({ requestPolicy: 'network-only' });
    if (forecastWanted) {
      refetchForecast({ requestPolicy: 'network-only' });
      refetchLarger({ requestPolicy: 'network-only' });
    } else if (graphWanted) refetchCritical({ requestPolicy: 'network-only' });
  }, [refetch, refetchForecast, refetchLarger, refetchCritical, forecastWanted, graphWanted]);

  const project = data?.project;
  const runEnded = project?.planningRuns.edges[0]?.node.status === 'SUCCEEDED';
  const planMissing = !!project && !project.plan;
  // A run seen ending (live or polled) with no plan loaded yet: load it.
  useEffect(() => {
    if (runEnded && planMissing) reload();
  }, [runEnded, planMissing, reload]);
  if (error) return <ErrorNotice error={error} />;
  if (!project) return <p role="status">{fetching ? 'Loading…' : 'Not found'}</p>;
  const latestRun = replanned.data?.planProject.run ?? project.planningRuns.edges[0]?.node;
  const plan = project.plan;
  const fc = forecastData?.project.plan;
  const larger = largerData?.project.plan;
  const points = fc ? [fc.f1, fc.f2, fc.f3, fc.f4, ...(larger ? [larger.f6, larger.f8] : [])] : [];
  const editable = project.status === 'PLANNED' || project.status === 'DRAFT';

  const exportAs = async (kind: 'csv' | 'json' | 'mermaid') => {
    const r = await client
      .query(PlanExportDocument, { id: projectId }, { requestPolicy: 'network-only' })
      .toPromise();
    const p = r.data?.project.plan;
    if (!p) {
      setExportError(r.error?.message ?? 'No plan to export');
      return;
    }
    const type = kind === 'json' ? 'application/json' : kind === 'csv' ? 'text/csv' : 'text/plain';
    download(`${project.title}.${kind === 'mermaid' ? 'mmd' : kind}`, type, p[kind]);
  };

  return (
    <>
      <h1>{project.title}</h1>
      <p>
        Status <strong>{project.status}</strong> · budget {money(project.budget)}
        {plan ? (
          <>
            {' '}
            · {plan.summary.taskCount} tasks in {plan.summary.featureCount} features ·{' '}
            {plan.summary.hours.likely} h likely · total {money(plan.summary.total)}
            {plan.summary.budget.overBudget ? (
              <strong className="error"> over budget</strong>
            ) : null}
          </>
        ) : null}
      </p>
      {latestRun ? <PlanProgress key={latestRun.id} run={latestRun} onDone={reload} /> : null}
      {plan ? (
        <>
          {editable ? (
            <div className="row">
              <Button
                className="secondary"
                isDisabled={replanned.fetching}
                onPress={() => void replan({ input: { projectId } })}
              >
                Re-plan (keeps locked tasks)
              </Button>
              <Button className="secondary" onPress={() => void exportAs('csv')}>
                Export CSV
              </Button>
              <Button className="secondary" onPress={() => void exportAs('json')}>
                Export JSON
              </Button>
              <Button className="secondary" onPress={() => void exportAs('mermaid')}>
                Export Mermaid
              </Button>
            </div>
          ) : null}
          <ErrorNotice error={replanned.error ?? exportError} />
          <FundPanel
            projectId={projectId}
            status={project.status}
            total={plan.summary.total}
            funding={project.funding ?? null}
            onFunded={reload}
          />
          <Tabs
            defaultSelectedKey={project.status === 'FUNDED' ? 'board' : 'plan'}
            onSelectionChange={(key) => {
              if (key === 'forecast') setForecastWanted(true);
              if (key === 'graph') setGraphWanted(true);
            }}
          >
            <TabList aria-label="Project views">
              <Tab id="plan">Plan</Tab>
              <Tab id="graph">Graph</Tab>
              <Tab id="forecast">Forecast</Tab>
              <Tab id="coverage">Coverage</Tab>
              <Tab id="board">Board</Tab>
              <Tab id="team">Team</Tab>
            </TabList>
            <TabPanel id="plan">
              <PlanTasks
                projectId={projectId}
                tasks={plan.tasks}
                features={plan.features}
                editable={editable}
                onChanged={reload}
              />
            </TabPanel>
            <TabPanel id="graph">
              <Suspense fallback={<p role="status">Loading the graph…</p>}>
                <PlanGraph
                  tasks={plan.tasks}
                  features={plan.features}
                  criticalPath={
                    fc?.f3.criticalPath ?? criticalData?.project.plan?.critical.criticalPath ?? []
                  }
                />
              </Suspense>
            </TabPanel>
            <TabPanel id="forecast">
              <ErrorNotice error={forecastError} />
              {fc ? (
                <>
                  <p>
                    Critical path (3 freelancers): {fc.f3.criticalPath.join(' → ')} (
                    {fc.f3.criticalPathHours.toFixed(1)} h)
                  </p>
                  <Suspense fallback={<p role="status">Loading the charts…</p>}>
                    <ForecastChart points={points} />
                  </Suspense>
                </>
              ) : (
                <p role="status">Forecasting…</p>
              )}
            </TabPanel>
            <TabPanel id="coverage">
              <CoverageTable
                requirements={plan.requirements}
                entries={plan.summary.coverage.entries}
                uncovered={plan.summary.coverage.uncoveredRequirementIds}
                coveragePercent={plan.summary.coverage.coveragePercent}
              />
            </TabPanel>
            <TabPanel id="board">
              <ProjectBoard projectId={projectId} />
            </TabPanel>
            <TabPanel id="team">
              <ProjectTeam projectId={projectId} />
            </TabPanel>
          </Tabs>
        </>
      ) : null}
    </>
  );
}
