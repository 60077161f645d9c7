import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/** A widget's empty state: a line, not the page-sized illustration of EmptyState. */
export function HomeEmpty(props: { title: string; description: ReactNode }) {
  return (
    <div role="status">
      <Typography variant="subtitle2">{props.title}</Typography>
      <Typography variant="body2" color="textSecondary">
        {props.description}
      </Typography>
    </div>
  );
}
