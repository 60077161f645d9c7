import Alert from '@material-ui/lab/Alert';
import Box from '@material-ui/core/Box';
import type { OllamaStatus } from '../../api/types';
import { formatBytes, formatDuration } from '../common/format';
import { sameModel } from './modelName';

/** Where the model of an ai-model entity stands: in memory, only on disk, or missing. */
export function FocusModel(props: { tag: string; status: OllamaStatus }) {
  const { tag, status } = props;
  const loaded = status.loadedModels.find(m => sameModel(m.name, tag));
  const installed = status.installedModels.find(m => sameModel(m.name, tag));
  let text: string;
  let severity: 'success' | 'info' | 'warning' = 'info';
  if (loaded) {
    severity = 'success';
    text = `${tag} is in memory (${formatBytes(loaded.sizeBytes)})${
      loaded.secondsUntilUnload !== undefined
        ? ` and unloads in ${formatDuration(loaded.secondsUntilUnload)}`
        : ''
    }.`;
  } else if (installed) {
    text = `${tag} is installed (${formatBytes(
      installed.sizeBytes,
    )}) but not in memory; the next request for it loads it.`;
  } else {
    severity = 'warning';
    text = `${tag} is not installed on this Ollama; run ollama pull ${tag} in the Ollama pod.`;
  }
  return (
    <Box mb={1}>
      <Alert severity={severity}>{text}</Alert>
    </Box>
  );
}
