import type { ChecklistItem } from '@internal/plugin-homelab-common';
import Checkbox from '@material-ui/core/Checkbox';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';

/** Task-list items as read-only checkboxes: the plan file is the place to tick them. */
export function Checklist(props: {
  label: string;
  items: (ChecklistItem & { depth?: number })[];
}) {
  return (
    <List dense aria-label={props.label} disablePadding>
      {props.items.map((item, i) => (
        <ListItem
          key={`${i}-${item.text}`}
          style={{ paddingLeft: 16 + (item.depth ?? 0) * 24 }}
          disableGutters
        >
          <ListItemIcon style={{ minWidth: 36 }}>
            <Checkbox
              edge="start"
              size="small"
              checked={item.checked}
              disabled
              inputProps={{ 'aria-label': item.text }}
            />
          </ListItemIcon>
          <ListItemText primary={item.text} />
        </ListItem>
      ))}
    </List>
  );
}
