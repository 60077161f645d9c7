import { scaffolderTemplateOutputsBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { GitopsTaskOutputs } from './GitopsTaskOutputs';

/** The templates whose task pages show the scaffold branch and its merge button. */
export const GITOPS_TEMPLATE_REFS = [
  'template:default/homelab-service',
  'template:default/compose-migration',
];

// Attaches to the scaffolder's tasks sub-page: the task page of these templates renders
// GitopsTaskOutputs instead of the default outputs.
export const gitopsTaskOutputs = scaffolderTemplateOutputsBlueprint.make({
  name: 'gitops-merge',
  params: {
    templateRefs: GITOPS_TEMPLATE_REFS,
    component: GitopsTaskOutputs,
  },
});
