import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ComposeServicePicker } from './ComposeServicePicker';
import { validateComposeService } from './validation';

export { ComposeServicePicker } from './ComposeServicePicker';

/** `ui:field: ComposeServicePicker`: pick a service of the pasted compose file and review its draft. */
export const composeServicePickerField = createFormField({
  name: 'ComposeServicePicker',
  component: ComposeServicePicker,
  validation: validateComposeService,
  schema: makeFieldSchema({ output: z => z.string() }),
});
