import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { InstalledModelStatus } from '../../api/types';
import { formatBytes } from '../common/format';

export function InstalledModels(props: { models: InstalledModelStatus[] }) {
  const { models } = props;
  return (
    <Box mb={2}>
      <Typography variant="subtitle2">Installed models</Typography>
      {models.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None; pull one with ollama pull.
        </Typography>
      ) : (
        <Table size="small" aria-label="installed models">
          <TableHead>
            <TableRow>
              <TableCell>Model</TableCell>
              <TableCell>Size</TableCell>
              <TableCell>Parameters</TableCell>
              <TableCell>Quantization</TableCell>
              <TableCell>In memory</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {models.map(m => (
              <TableRow key={m.name}>
                <TableCell>{m.name}</TableCell>
                <TableCell>{formatBytes(m.sizeBytes)}</TableCell>
                <TableCell>{m.parameterSize ?? '–'}</TableCell>
                <TableCell>{m.quantization ?? '–'}</TableCell>
                <TableCell>{m.loaded ? 'yes' : 'no'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
