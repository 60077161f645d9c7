import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ScaffoldPreview } from './ScaffoldPreview';

export { ScaffoldPreview } from './ScaffoldPreview';

/** `ui:field: ScaffoldPreview`: a dry run of the template with the values entered so far. */
export const scaffoldPreviewField = createFormField({
  name: 'ScaffoldPreview',
  component: ScaffoldPreview,
});
