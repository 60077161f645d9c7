import { Progress } from '@backstage/core-components';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { JsonObject } from '@backstage/types';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useParams } from 'react-router-dom';
import { PreviewFiles } from './PreviewFiles';
import { useScaffoldDryRun } from './useScaffoldDryRun';

/** The template of the page the form is on: /create/templates/:namespace/:templateName. */
function useTemplateRef(): string | undefined {
  const { namespace, templateName } = useParams();
  return templateName
    ? `template:${namespace ?? 'default'}/${templateName}`
    : undefined;
}

/**
 * Scaffolder field that shows what the template will generate from the values
 * entered so far: a dry run of its steps on the backend, so the files and the
 * lint result are the ones the real task would produce. Holds no value.
 */
export function ScaffoldPreview(props: FieldExtensionComponentProps<unknown>) {
  const { schema, formContext } = props;
  const templateRef = useTemplateRef();
  const [state, preview] = useScaffoldDryRun(templateRef);
  const values = (formContext?.formData ?? {}) as JsonObject;

  return (
    <Box my={2}>
      <Typography variant="h6">{schema.title ?? 'Preview'}</Typography>
      {schema.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      <Box my={1}>
        <Button
          variant="outlined"
          color="primary"
          disabled={state.loading || !templateRef}
          onClick={() => preview(values)}
        >
          {state.value || state.error
            ? 'Preview again'
            : 'Preview the generated files'}
        </Button>
      </Box>
      {!templateRef && (
        <Typography variant="body2" color="textSecondary">
          The preview runs on the template's own page under Create.
        </Typography>
      )}
      {state.loading && <Progress />}
      {state.error && (
        <Alert severity="error">
          Nothing would be generated: {state.error.message}
        </Alert>
      )}
      {state.value && !state.loading && <PreviewFiles result={state.value} />}
    </Box>
  );
}
