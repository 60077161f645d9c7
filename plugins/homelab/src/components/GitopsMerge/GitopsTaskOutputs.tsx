import Box from '@material-ui/core/Box';
import type { ScaffolderTaskOutput } from '@backstage/plugin-scaffolder-common';
import { DefaultTemplateOutputs } from '@backstage/plugin-scaffolder-react/alpha';
import { scaffoldName } from './scaffoldBranchClient';
import { ScaffoldMergeCard } from './ScaffoldMergeCard';

/**
 * The task page's outputs of the templates that publish to the GitOps repository: the
 * usual links and texts, then the branch with its merge button once the task has one
 * (the template's output `scaffoldBranch`).
 */
export function GitopsTaskOutputs(props: { output?: ScaffolderTaskOutput }) {
  const name = scaffoldName(props.output?.scaffoldBranch);
  return (
    <>
      <DefaultTemplateOutputs output={props.output} />
      {name && (
        <Box paddingBottom={2}>
          <ScaffoldMergeCard name={name} />
        </Box>
      )}
    </>
  );
}
