import type { PhasePlan } from '@internal/plugin-homelab-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { StatusChip } from '../common/StatusChip';
import { checklistSections } from '../plans/sections';
import { Checklist } from './Checklist';

/** Every section that has tasks, nested as in the plan, each with its own checkboxes. */
export function PlanChecklists(props: { plan: PhasePlan }) {
  const sections = checklistSections(props.plan);
  if (!sections.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        This plan has no task lists (- [ ] items).
      </Typography>
    );
  }
  return (
    <>
      {sections.map(({ section, level, items }, i) => (
        <Box
          key={`${i}-${section.title}`}
          ml={level * 2}
          mb={1}
          component="section"
          aria-label={section.title}
        >
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography
              variant={level === 0 ? 'h6' : 'subtitle1'}
              component="h3"
            >
              {section.title}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {section.tasks.done}/{section.tasks.done + section.tasks.open}
            </Typography>
            {section.status && (
              <StatusChip
                status={section.status}
                source={section.statusSource}
                declared={section.declaredStatus}
              />
            )}
          </Box>
          {items.length > 0 && (
            <Checklist label={`${section.title} tasks`} items={items} />
          )}
        </Box>
      ))}
    </>
  );
}
