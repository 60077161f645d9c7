import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  roof: { fill: 'none', stroke: '#7df3e1', strokeWidth: 3 },
  body: { fill: '#7df3e1' },
});

/** A small house, shown in the collapsed sidebar. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg viewBox="0 0 32 32" height={28} role="img" aria-label="Homelab">
      <path d="M3 15 L16 4 L29 15" className={classes.roof} />
      <rect x="8" y="15" width="16" height="13" className={classes.body} />
    </svg>
  );
};
