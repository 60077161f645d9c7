import { InfoCard, StatusError, StatusOK } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { CutoverPodRow } from '../../api/types';

/** The pods of the plan's namespaces, from the backend's shared cluster snapshot. */
export function CutoverPods(props: { pods: CutoverPodRow[] }) {
  const { pods } = props;
  return (
    <InfoCard title="Pods" noPadding>
      {pods.length === 0 ? (
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ padding: 16 }}
        >
          No pods in the namespaces of the plan's entities and checks yet.
        </Typography>
      ) : (
        <Table size="small" aria-label="pods">
          <TableHead>
            <TableRow>
              <TableCell>Pod</TableCell>
              <TableCell>Phase</TableCell>
              <TableCell>Ready</TableCell>
              <TableCell align="right">Restarts</TableCell>
              <TableCell>Last termination</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {pods.map(p => (
              <TableRow key={`${p.namespace}/${p.name}`} aria-label={p.name}>
                <TableCell>
                  {p.name}
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    {p.namespace}
                  </Typography>
                </TableCell>
                <TableCell>
                  {p.healthy ? (
                    <StatusOK>{p.phase}</StatusOK>
                  ) : (
                    <StatusError>
                      {p.phase}
                      {p.reason && p.reason !== p.phase ? `: ${p.reason}` : ''}
                    </StatusError>
                  )}
                </TableCell>
                <TableCell>{p.ready}</TableCell>
                <TableCell align="right">{p.restarts}</TableCell>
                <TableCell>{p.lastTerminationReason ?? '–'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
