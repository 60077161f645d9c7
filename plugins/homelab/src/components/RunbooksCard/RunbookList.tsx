import { Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { RunbookLink } from './runbookLinks';

export function RunbookList(props: { links: RunbookLink[]; entity: Entity }) {
  const own = stringifyEntityRef(props.entity);
  return (
    <List dense aria-label="runbooks">
      {props.links.map(l => (
        <ListItem key={l.href} divider>
          <ListItemText
            primary={
              <>
                <Link to={l.href}>{l.title}</Link>
                {l.pinned && (
                  <Chip
                    size="small"
                    color="secondary"
                    label="cutover in progress"
                    style={{ marginLeft: 8 }}
                  />
                )}
                {!l.pinned && l.isCutover && (
                  <Chip
                    size="small"
                    variant="outlined"
                    label="cutover"
                    style={{ marginLeft: 8 }}
                  />
                )}
              </>
            }
            secondary={`${l.path}${
              l.docsEntityRef === own
                ? ''
                : ` in the docs of ${l.docsEntityRef}`
            }`}
          />
        </ListItem>
      ))}
    </List>
  );
}
