import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import { useState } from 'react';
import type { CutoverSummary, PhasePlanSummary } from '../../api/types';
import { StatusChip } from '../common/StatusChip';
import { TaskProgress } from '../common/TaskProgress';
import { CutoverPlanLink } from '../CutoverView/CutoverPlanLink';
import { DriftList } from '../plans/DriftList';
import { Prerequisites } from '../plans/Prerequisites';
import { ProposedLabel } from './ProposedLabel';

const COLUMNS = 6;

/** One plan file; opens to the phases inside it. */
export function PlanRow(props: {
  plan: PhasePlanSummary;
  plans: PhasePlanSummary[];
  /** Set when the plan has a cutover section. */
  cutover?: CutoverSummary;
}) {
  const { plan, plans, cutover } = props;
  const [open, setOpen] = useState(false);
  const canOpen = plan.phases.length > 0;
  return (
    <>
      <TableRow aria-label={plan.title} selected={cutover?.inProgress}>
        <TableCell padding="checkbox">
          {canOpen && (
            <IconButton
              size="small"
              aria-label={`${open ? 'hide' : 'show'} phases of ${plan.title}`}
              aria-expanded={open}
              onClick={() => setOpen(o => !o)}
            >
              {open ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
            </IconButton>
          )}
        </TableCell>
        <TableCell>
          <Typography variant="body1">{plan.title}</Typography>
          <Typography variant="caption" color="textSecondary">
            {plan.file}
          </Typography>
        </TableCell>
        <TableCell>
          <StatusChip
            status={plan.status}
            source={plan.statusSource}
            declared={plan.declaredStatus}
          />
          <ProposedLabel plan={plan} />
          <CutoverPlanLink cutover={cutover} />
        </TableCell>
        <TableCell>
          <TaskProgress tasks={plan.tasks} declared={plan.progress} />
        </TableCell>
        <TableCell>
          <Prerequisites plan={plan} plans={plans} />
          <DriftList drift={plan.drift} />
        </TableCell>
        <TableCell style={{ minWidth: 140 }}>
          {plan.entityRefs.length > 0 && (
            <EntityRefLinks
              entityRefs={plan.entityRefs}
              defaultKind="component"
            />
          )}
        </TableCell>
      </TableRow>
      {canOpen && (
        <TableRow>
          <TableCell
            style={{ paddingBottom: 0, paddingTop: 0 }}
            colSpan={COLUMNS}
          >
            <Collapse in={open} timeout="auto" unmountOnExit>
              <Box ml={6} mb={2}>
                <Table size="small" aria-label={`phases of ${plan.title}`}>
                  <TableBody>
                    {plan.phases.map(p => (
                      <TableRow key={`${p.phaseId}-${p.title}`}>
                        <TableCell>{p.title}</TableCell>
                        <TableCell>
                          <StatusChip status={p.status} />
                        </TableCell>
                        <TableCell>
                          <TaskProgress tasks={p.tasks} />
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Box>
            </Collapse>
          </TableCell>
        </TableRow>
      )}
    </>
  );
}
