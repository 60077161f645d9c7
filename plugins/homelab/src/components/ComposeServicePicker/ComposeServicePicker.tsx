import { Progress } from '@backstage/core-components';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { ComposeServiceSummary } from '../../api/types';
import { ComposeDraftPreview } from './ComposeDraftPreview';
import { ComposeStackPreview } from './ComposeStackPreview';
import { notInFile } from './messages';
import { ALL_SERVICES, pastedEnv } from './pastedEnv';
import { useComposeDraft } from './useComposeDraft';

const PASTE_FIRST =
  'Paste the docker-compose.yml above first; its services are listed here.';

function optionLabel(s: ComposeServiceSummary) {
  return `${s.name} (${s.image ?? 'no image, built from source'})`;
}

const ALL_LABEL = 'Every service of the file (one namespace)';

/**
 * Scaffolder field that lists the services of the compose file pasted into
 * `composeYaml` on the same form, and "every service of the file", and shows the
 * draft the import makes of the choice (with the pasted .env and env_file
 * contents), so it can be reviewed before the next step.
 */
export function ComposeServicePicker(
  props: FieldExtensionComponentProps<string>,
) {
  const { schema, required, rawErrors, idSchema, formContext, onChange } =
    props;
  const pasted = formContext?.formData?.composeYaml;
  const composeYaml = typeof pasted === 'string' ? pasted : '';
  const hasText = composeYaml.trim() !== '';
  const value = props.formData || undefined;
  const env = pastedEnv(formContext?.formData);
  const {
    value: answer,
    error,
    loading,
  } = useComposeDraft(composeYaml, value, env);

  const services = answer?.services ?? [];
  // Whether `services` is the answer for the text as it is now.
  const checked = !!answer && !loading && !error;
  const all = value === ALL_SERVICES;
  const known = !value || all || services.some(s => s.name === value);
  const options = services.map(s => ({ name: s.name, label: optionLabel(s) }));
  if (services.length > 0 || all)
    options.unshift({ name: ALL_SERVICES, label: ALL_LABEL });
  // Keep a value the file no longer has selectable, so it is not dropped silently.
  if (!known) {
    options.push({
      name: value!,
      label: checked ? `${value} (not in this file)` : value!,
    });
  }

  // The form prints rawErrors under the field itself; the helper text adds only
  // what it does not already say.
  const formErrors = rawErrors ?? [];
  const problems = [
    ...(error ? [error] : []),
    ...(!known && checked ? [notInFile(value!, services)] : []),
  ].filter(p => !formErrors.includes(p));
  let helperText: string | undefined = schema.description;
  if (problems.length > 0) helperText = problems.join(' ');
  else if (!hasText) helperText = PASTE_FIRST;

  const draft = answer?.draft?.service === value ? answer?.draft : undefined;
  const stack = all ? answer?.stack : undefined;
  return (
    <div aria-busy={loading}>
      <TextField
        id={idSchema?.$id}
        select
        fullWidth
        margin="normal"
        variant="outlined"
        label={schema.title ?? 'Service to migrate'}
        required={required}
        disabled={props.disabled || props.readonly || !hasText}
        value={value ?? ''}
        onChange={e => onChange(e.target.value || undefined)}
        error={problems.length > 0 || formErrors.length > 0}
        helperText={helperText}
      >
        {options.map(o => (
          <MenuItem key={o.name} value={o.name}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
      {loading && <Progress />}
      {(draft || stack) && !error && (
        // Dimmed rather than hidden while it updates, so typing does not make it flicker.
        <div style={{ opacity: loading ? 0.5 : 1 }}>
          {stack ? (
            <ComposeStackPreview stack={stack} />
          ) : (
            <ComposeDraftPreview draft={draft!} />
          )}
        </div>
      )}
    </div>
  );
}
