import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import CheckBoxIcon from '@material-ui/icons/CheckBox';
import CheckBoxOutlineBlankIcon from '@material-ui/icons/CheckBoxOutlineBlank';
import type { CutoverCheckResult, CutoverItemView } from '../../api/types';
import { formatDuration } from '../common/format';
import { CheckChip } from './CheckChip';
import { DisagreementFlag } from './DisagreementFlag';

/** Plan text with its `code` spans, as the plan shows them on GitHub. */
function ItemText(props: { text: string }) {
  const parts = props.text.split('`');
  return (
    <>
      {parts.map((part, i) =>
        i % 2 ? <code key={i}>{part}</code> : <span key={i}>{part}</span>,
      )}
    </>
  );
}

function CheckResultLine(props: { result: CutoverCheckResult; now: number }) {
  const { result, now } = props;
  const age = (now - Date.parse(result.checkedAt)) / 1000;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="baseline"
      style={{ gap: 8 }}
      mt={0.5}
      aria-label={`check ${result.description}`}
      role="group"
    >
      <CheckChip status={result.status} />
      <Typography
        variant="body2"
        component="span"
        style={{ overflowWrap: 'anywhere', minWidth: 0 }}
      >
        {result.description}
        {result.evidence ? `: ${result.evidence}` : ''}
      </Typography>
      {Number.isFinite(age) && (
        <Typography variant="caption" color="textSecondary" component="span">
          checked {formatDuration(age)} ago
        </Typography>
      )}
    </Box>
  );
}

/** The cutover section's tasks: the tick from the markdown, each declared check and where they disagree. */
export function CutoverItems(props: { items: CutoverItemView[]; now: number }) {
  return (
    <List dense aria-label="cutover tasks" disablePadding>
      {props.items.map(item => (
        <ListItem
          key={item.line}
          divider
          disableGutters
          alignItems="flex-start"
          aria-label={item.text}
        >
          <ListItemIcon style={{ minWidth: 36, marginTop: 4 }}>
            {item.checked ? (
              <CheckBoxIcon aria-label="ticked" color="primary" />
            ) : (
              <CheckBoxOutlineBlankIcon aria-label="open" />
            )}
          </ListItemIcon>
          <ListItemText
            // The app theme keeps list text on one line; evidence must be read whole.
            style={{ whiteSpace: 'normal' }}
            disableTypography
            primary={
              <Box
                display="flex"
                flexWrap="wrap"
                alignItems="center"
                style={{ gap: 8 }}
              >
                <Typography variant="body1" component="span">
                  <ItemText text={item.text} />
                </Typography>
                <DisagreementFlag disagreement={item.disagreement} />
              </Box>
            }
            secondary={
              item.results.length ? (
                item.results.map(r => (
                  <CheckResultLine key={r.key} result={r} now={props.now} />
                ))
              ) : (
                <Typography variant="caption" color="textSecondary">
                  no live check declared
                </Typography>
              )
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
