import { Link } from '@backstage/core-components';
import type {
  ClusterGlance,
  PodProblem,
} from '@internal/plugin-homelab-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { entityPath } from './links';
import { NodeRequests } from './NodeRequests';
import { SectionStates } from './SectionStates';
import { useHomeSummary } from './useHomeSummary';

function ProblemRow(props: { problem: PodProblem }) {
  const { problem: p } = props;
  const name = `${p.namespace}/${p.name}`;
  return (
    <TableRow aria-label={`pod ${name}`}>
      <TableCell>
        {p.entityRef ? <Link to={entityPath(p.entityRef)}>{name}</Link> : name}
      </TableCell>
      <TableCell>{p.reason}</TableCell>
      <TableCell align="right">{p.restarts}</TableCell>
    </TableRow>
  );
}

function ClusterContent(props: { data: ClusterGlance }) {
  const { nodes, problems, podCount } = props.data;
  return (
    <>
      {nodes.map(n => (
        <NodeRequests key={n.name} node={n} />
      ))}
      {problems.length === 0 ? (
        <Typography variant="body2">
          All {podCount} pods are running and ready (or finished).
        </Typography>
      ) : (
        <Table size="small" aria-label="pods not running and ready">
          <TableHead>
            <TableRow>
              <TableCell>Pod</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                Restarts
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {problems.map(p => (
              <ProblemRow key={`${p.namespace}/${p.name}`} problem={p} />
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

/** Nodes with requests against allocatable, and every pod not Running and Ready with kubectl's reason. */
export function ClusterHealthWidget() {
  const polled = useHomeSummary();
  return (
    <SectionStates
      polled={polled}
      pick={s => s.cluster}
      what="the cluster"
      isEmpty={d => d.nodes.length === 0 && d.problems.length === 0}
      empty={{
        title: 'No nodes',
        description: 'The cluster answered with no nodes and no pods.',
      }}
    >
      {data => <ClusterContent data={data} />}
    </SectionStates>
  );
}
