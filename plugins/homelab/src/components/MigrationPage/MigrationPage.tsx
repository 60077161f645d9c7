import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@material-ui/lab/Alert';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { homelabApiRef } from '../../api/HomelabApi';
import { usePolled } from '../../hooks/usePolled';
import {
  CardEmpty,
  CardNotLoaded,
  RefreshFailedBanner,
} from '../common/CardStates';
import { CutoverLoadProblem } from '../CutoverView/CutoverLoadProblem';
import { useCutovers } from '../CutoverView/useCutovers';
import { PLAN_POLL_MS } from '../plans/useEntityPlan';
import { PlanRow } from './PlanRow';

/** Every phase plan the backend knows, one row per file. */
export function MigrationOverview(props: { pollIntervalMs?: number }) {
  const api = useApi(homelabApiRef);
  const list = usePolled(
    () => api.listPlans(),
    'plans',
    props.pollIntervalMs ?? PLAN_POLL_MS,
  );
  const cutovers = useCutovers(props.pollIntervalMs);

  if (!list.value) return <CardNotLoaded state={list} what="the phase plans" />;
  const { plans, problems } = list.value;
  return (
    <>
      <RefreshFailedBanner error={list.error} loadedAt={list.loadedAt} />
      <CutoverLoadProblem state={cutovers} />
      {problems.map(p => (
        <Alert key={`${p.source}-${p.message}`} severity="warning">
          {p.source}: {p.message}
        </Alert>
      ))}
      {plans.length === 0 ? (
        <CardEmpty
          title="No phase plans"
          description="Put markdown phase plans in docs/phases/ (or the folders in homelab.phases.folders), or point an entity at one with the homelab.dev/phase-plan annotation."
        />
      ) : (
        <Paper>
          <Table aria-label="phase plans">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox" />
                <TableCell>Plan</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Progress</TableCell>
                <TableCell>Prerequisites and drift</TableCell>
                <TableCell>Entities</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {plans.map(p => (
                <PlanRow
                  key={p.id}
                  plan={p}
                  plans={plans}
                  cutover={cutovers.value?.get(p.id)}
                />
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </>
  );
}

function MigrationHome(props: { pollIntervalMs?: number }) {
  return (
    <Page themeId="tool">
      <Header
        title="Migration"
        subtitle="Phase plans and where each one stands"
      />
      <Content>
        <MigrationOverview pollIntervalMs={props.pollIntervalMs} />
      </Content>
    </Page>
  );
}

// The Cutover view brings the runbook renderer and DOMPurify; the plan list loads without them.
const CutoverPage = lazy(() =>
  import('../CutoverView/CutoverPage').then(m => ({ default: m.CutoverPage })),
);

/** The plans, and at cutover/:planId the Cutover view of one of them. */
export function MigrationPage(props: { pollIntervalMs?: number }) {
  return (
    <Routes>
      <Route
        path="/"
        element={<MigrationHome pollIntervalMs={props.pollIntervalMs} />}
      />
      <Route
        path="cutover/:planId"
        element={
          <Suspense fallback={<Progress />}>
            <CutoverPage pollIntervalMs={props.pollIntervalMs} />
          </Suspense>
        }
      />
    </Routes>
  );
}
