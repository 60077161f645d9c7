import { makeStyles } from '@material-ui/core/styles';
import type { MouseEvent } from 'react';

const useStyles = makeStyles(theme => ({
  article: {
    ...theme.typography.body2,
    overflowWrap: 'anywhere',
    // A long runbook scrolls on its own, so the checks beside it stay in view.
    maxHeight: '80vh',
    overflowY: 'auto',
    '& h1': { ...theme.typography.h5, margin: theme.spacing(0, 0, 1) },
    '& h2': { ...theme.typography.h6, margin: theme.spacing(2, 0, 1) },
    '& h3, & h4': {
      ...theme.typography.subtitle1,
      margin: theme.spacing(2, 0, 1),
    },
    '& a': { color: theme.palette.primary.main },
    '& code': {
      fontFamily: 'monospace',
      fontSize: '0.9em',
      background: theme.palette.action.hover,
      padding: '0 3px',
      borderRadius: 3,
    },
    '& pre': {
      background: theme.palette.action.hover,
      padding: theme.spacing(1),
      overflowX: 'auto',
      '& code': { background: 'none', padding: 0 },
    },
    '& img': { maxWidth: '100%' },
    '& table': { borderCollapse: 'collapse' },
    '& th, & td': {
      border: `1px solid ${theme.palette.divider}`,
      padding: theme.spacing(0.5, 1),
    },
    '& .admonition, & details': {
      borderLeft: `4px solid ${theme.palette.info.main}`,
      padding: theme.spacing(0.5, 1),
      margin: theme.spacing(1, 0),
    },
  },
}));

/** Runbook HTML that prepareRunbookHtml has sanitized. */
export function RunbookArticle(props: {
  html: string;
  label: string;
  onClick: (event: MouseEvent<HTMLElement>) => void;
}) {
  const classes = useStyles();
  return (
    // The click handler only routes clicks on links the article holds.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions
    <article
      aria-label={props.label}
      className={classes.article}
      onClick={props.onClick}
      // Sanitized with DOMPurify in prepareRunbookHtml, as the TechDocs reader does.
      dangerouslySetInnerHTML={{ __html: props.html }}
    />
  );
}
