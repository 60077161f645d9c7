import { CodeSnippet } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import type { ScaffoldPreviewResult } from './useScaffoldDryRun';

/** The files of a dry run, each expandable to its content, under the lint result. */
export function PreviewFiles(props: { result: ScaffoldPreviewResult }) {
  const { files, lintSummary, findings } = props.result;
  const hasErrors = findings.some(f => f.startsWith('error: '));
  return (
    <>
      <Alert severity={hasErrors ? 'error' : 'success'}>
        {files.length} file(s) would be generated
        {lintSummary ? `; ${lintSummary}` : ''}
      </Alert>
      {findings.length > 0 && (
        <ul aria-label="Lint findings">
          {findings.map(f => (
            <li key={f}>
              <Typography variant="body2">{f}</Typography>
            </li>
          ))}
        </ul>
      )}
      {files.map(file => (
        <Accordion key={file.path} TransitionProps={{ unmountOnExit: true }}>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography variant="body2">{file.path}</Typography>
          </AccordionSummary>
          <AccordionDetails style={{ display: 'block' }}>
            <CodeSnippet
              text={file.content}
              language="yaml"
              showCopyCodeButton
            />
          </AccordionDetails>
        </Accordion>
      ))}
    </>
  );
}
