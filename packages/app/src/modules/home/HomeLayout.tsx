import { Content, Header, Page } from '@backstage/core-components';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { AREAS, MEDIUM, templateFor, WIDE } from './homeGrid';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gap: theme.spacing(2),
    gridTemplateColumns: 'minmax(0, 1fr)',
    alignItems: 'stretch',
  },
  cell: {
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    // The widget's card fills its cell, so cards of a row end at the same line.
    '& > *': { flex: 1 },
  },
  rest: {
    display: 'grid',
    gap: theme.spacing(2),
    gridColumn: '1 / -1',
    gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))',
  },
}));

/**
 * The homelab's home page: a CSS grid with a fixed place for each homelab
 * widget and the starred entities, and the remaining widgets in a last row
 * sharing its width, so no card leaves a gap at any width.
 */
export function HomeLayout(props: HomePageLayoutProps) {
  const classes = useStyles();
  const known = props.widgets.filter(w => w.name && AREAS[w.name]);
  const rest = props.widgets.filter(w => !w.name || !AREAS[w.name]);
  const gridStyle = useMemo(() => {
    const present = new Set(known.map(w => AREAS[w.name!]));
    return {
      wide: templateFor(present, WIDE),
      medium: templateFor(present, MEDIUM),
      narrow: [...present].map(a => `"${a}"`).join(' '),
    };
  }, [known]);
  const styleTag = `
    .homelab-home-grid { grid-template-areas: ${gridStyle.narrow}; }
    @media (min-width: 600px) {
      .homelab-home-grid { grid-template-columns: repeat(2, minmax(0, 1fr)); grid-template-areas: ${gridStyle.medium}; }
    }
    @media (min-width: 1280px) {
      .homelab-home-grid { grid-template-columns: repeat(3, minmax(0, 1fr)); grid-template-areas: ${gridStyle.wide}; }
    }`;
  return (
    <Page themeId="home">
      <Header
        title="Homelab"
        subtitle="Is everything fine, and what am I in the middle of?"
      />
      <Content>
        <style>{styleTag}</style>
        <div
          className={`${classes.grid} homelab-home-grid`}
          data-testid="home-grid"
        >
          {known.map(w => (
            <div
              key={w.name}
              className={classes.cell}
              style={{ gridArea: AREAS[w.name!] }}
              data-widget={w.name}
            >
              {w.component}
            </div>
          ))}
          {rest.length > 0 && (
            <div className={classes.rest}>
              {rest.map((w, i) => (
                <div
                  key={w.name ?? i}
                  className={classes.cell}
                  data-widget={w.name}
                >
                  {w.component}
                </div>
              ))}
            </div>
          )}
        </div>
      </Content>
    </Page>
  );
}
