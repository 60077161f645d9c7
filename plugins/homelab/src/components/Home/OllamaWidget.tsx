import { Link } from '@backstage/core-components';
import type { OllamaGlance } from '@internal/plugin-homelab-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { UsageBar } from '../common/UsageBar';
import { formatBytes } from '../common/format';
import { entityPath } from './links';
import { SectionStates } from './SectionStates';
import { useHomeSummary } from './useHomeSummary';

function OllamaContent(props: { data: OllamaGlance }) {
  const { up, loaded, memoryLimitBytes, pairFits, entityRef } = props.data;
  return (
    <>
      <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
        <Chip
          size="small"
          color={up ? 'primary' : 'secondary'}
          label={up ? 'up' : 'down'}
          aria-label={`Ollama is ${up ? 'up' : 'down'}`}
        />
        {entityRef && <Link to={entityPath(entityRef)}>Load card</Link>}
      </Box>
      {loaded.length === 0 ? (
        <Typography variant="body2">No model is loaded.</Typography>
      ) : (
        loaded.map(m => (
          <UsageBar
            key={m.name}
            label={m.name}
            used={m.ramBytes}
            limit={memoryLimitBytes}
            format={formatBytes}
          />
        ))
      )}
      {pairFits && (
        <Typography
          variant="body2"
          color={pairFits.fits ? 'textPrimary' : 'error'}
          aria-label="text and vision models together"
        >
          {pairFits.fits
            ? 'Text and vision models fit together: '
            : 'Text and vision models do not fit together: '}
          {pairFits.detail}
        </Typography>
      )}
    </>
  );
}

/** Ollama up or down, its loaded models against the memory limit, and whether the model pair fits. */
export function OllamaWidget() {
  const polled = useHomeSummary();
  return (
    <SectionStates
      polled={polled}
      pick={s => s.ollama}
      what="Ollama's status"
      isEmpty={() => false}
      empty={{ title: '', description: '' }}
    >
      {data => <OllamaContent data={data} />}
    </SectionStates>
  );
}
