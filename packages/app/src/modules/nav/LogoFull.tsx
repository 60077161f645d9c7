import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  text: { fill: '#7df3e1', fontSize: 30, fontWeight: 700, letterSpacing: 1 },
});

/** The word mark shown in the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <svg viewBox="0 0 160 40" height={30} role="img" aria-label="Homelab">
      <text x="0" y="30" className={classes.text}>
        Homelab
      </text>
    </svg>
  );
};
