import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import type { ComposeDraft } from '../../api/types';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">{props.title}</Typography>
      {props.children}
    </Box>
  );
}

function Items(props: { label: string; items: ReactNode[] }) {
  return (
    <ul aria-label={props.label} style={{ margin: 0, paddingLeft: 20 }}>
      {props.items.map((item, i) => (
        <li key={i}>
          <Typography variant="body2">{item}</Typography>
        </li>
      ))}
    </ul>
  );
}

/** What the importer made of one compose service, to review before the next step. */
export function ComposeDraftPreview(props: { draft: ComposeDraft }) {
  const { service, yaml, secretKeys, unmapped, warnings } = props.draft;
  return (
    <Box
      component="section"
      aria-label="Imported draft"
      mt={2}
      p={2}
      border={1}
      borderColor="divider"
      borderRadius={4}
    >
      <Typography variant="h6">Imported draft</Typography>
      <Typography variant="body2" color="textSecondary">
        What the import makes of the compose service <code>{service}</code>. The
        name, namespace, hostname and image can still be changed on the next
        step.
      </Typography>

      <Section title="Secret variables">
        {secretKeys.length > 0 ? (
          <>
            <Typography variant="body2">
              These move to a Kubernetes Secret. Only their names are shown;
              their values are not copied, so set them on the cluster.
            </Typography>
            <Items
              label="secret variables"
              items={secretKeys.map(k => (
                <code key={k}>{k}</code>
              ))}
            />
          </>
        ) : (
          <Typography variant="body2">None found.</Typography>
        )}
      </Section>

      {warnings.length > 0 && (
        <Section title="Check">
          <Items label="warnings" items={warnings} />
        </Section>
      )}

      {unmapped.length > 0 && (
        <Section title="Not carried over">
          <Items
            label="unmapped keys"
            items={unmapped.map(u => (
              <span key={u.key}>
                <code>{u.key}</code>: {u.reason}
              </span>
            ))}
          />
        </Section>
      )}

      <Section title="Draft service spec">
        <Box mt={1} maxHeight={400} overflow="auto">
          <CodeSnippet text={yaml} language="yaml" />
        </Box>
      </Section>
    </Box>
  );
}
