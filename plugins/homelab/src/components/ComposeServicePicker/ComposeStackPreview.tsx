import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  ComposeStackPreview as StackPreview,
  ComposeStackServicePreview,
} from '../../api/types';

function roleLabel(s: ComposeStackServicePreview): string {
  const pods = s.runsIn?.join(', ');
  switch (s.role) {
    case 'job':
      return 'Job (runs once)';
    case 'init':
      return `init container of ${pods}`;
    case 'sidecar':
      return `container in the pod of ${pods} (shares its network)`;
    default:
      return 'Deployment';
  }
}

function Notes(props: { label: string; items: React.ReactNode[] }) {
  if (props.items.length === 0) return null;
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

function ServiceEntry(props: { service: ComposeStackServicePreview }) {
  const s = props.service;
  return (
    <Box component="li" mt={1} aria-label={`service ${s.service}`}>
      <Typography variant="body2">
        <strong>{s.service}</strong>
        {s.name !== s.service && <> (as {s.name})</>}:{' '}
        {s.decision ? (
          <Typography component="span" variant="body2" color="error">
            not rendered: {s.decision.fix} ({s.decision.reason})
          </Typography>
        ) : (
          <>
            renders as {roleLabel(s)}, Pod Security {s.podSecurity}
          </>
        )}
      </Typography>
      <Notes
        label={`${s.service} secret variables`}
        items={
          s.secretKeys.length > 0
            ? [
                <>
                  Secret (values not copied):{' '}
                  {s.secretKeys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && ', '}
                      <code>{k}</code>
                    </span>
                  ))}
                </>,
              ]
            : []
        }
      />
      <Notes
        label={`${s.service} not carried over`}
        items={s.unmapped.map(u => (
          <>
            not carried over: <code>{u.key}</code>: {u.reason}
          </>
        ))}
      />
      <Notes
        label={`${s.service} check`}
        items={s.warnings.map(w => `check: ${w}`)}
      />
    </Box>
  );
}

/** What the import makes of every service of the file, to review before the next step. */
export function ComposeStackPreview(props: { stack: StackPreview }) {
  const { stack } = props;
  const rendered = stack.services.filter(s => !s.decision).length;
  const inactive = Object.entries(stack.inactive);
  return (
    <Box
      component="section"
      aria-label="Imported stack"
      mt={2}
      p={2}
      border={1}
      borderColor="divider"
      borderRadius={4}
    >
      <Typography variant="h6">Imported stack</Typography>
      <Typography variant="body2" color="textSecondary">
        Every service of the file goes into the namespace{' '}
        <code>{stack.namespace}</code> (Pod Security {stack.podSecurity}; the
        namespace can still be changed on the next step): {rendered} of{' '}
        {stack.services.length} services render, {stack.files.length} files.
        Services that need a decision are listed with the fix; the rest is
        published anyway.
      </Typography>
      <ul aria-label="services" style={{ paddingLeft: 20 }}>
        {stack.services.map(s => (
          <ServiceEntry key={s.service} service={s} />
        ))}
      </ul>
      {inactive.length > 0 && (
        <Notes
          label="left out"
          items={inactive.map(
            ([name, profiles]) =>
              `${name}: left out, its profiles (${profiles.join(
                ', ',
              )}) are not active`,
          )}
        />
      )}
      <Notes
        label="file check"
        items={stack.warnings.map(w => `check: ${w}`)}
      />
      <Box mt={2}>
        <Typography variant="subtitle2">Phase plan</Typography>
        <Box mt={1} maxHeight={300} overflow="auto">
          <CodeSnippet text={stack.phasePlan} language="markdown" />
        </Box>
      </Box>
    </Box>
  );
}
