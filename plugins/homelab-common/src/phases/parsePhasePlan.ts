import type { Nodes } from 'mdast';
import type {
  PhaseDrift,
  PhasePlan,
  PhaseProgress,
  PhaseSection,
} from '../types';
import { repairMojibake } from './mojibake';
import { parseMarkdown, textOf, walkBlocks } from './markdown';
import { tameMarkdown } from './tame';
import { buildOutline, itemText, type OutlineSection } from './outline';
import { headingStatus, phaseIdOf, type DeclaredStatus } from './headings';
import {
  fieldLine,
  type FieldLine,
  prerequisiteEntries,
  PREREQUISITE_LABEL,
  PROGRESS_LABEL,
  STATUS_LABEL,
  TARGET_LABEL,
} from './fields';
import { parseProgress, statusAtStart } from './status';
import { findDrift, statusFromPhases, statusFromTasks } from './derive';
import { readStatusSummary } from './summary';
import { pickRollback, pickVerification } from './special';
import { readFrontMatter } from './frontMatter';

const STATUS_HEADING_VALUE =
  /^(?:(?:overall|current|migration|project|plan)\s+)?status\s*[:\-–—]\s*(.+)$/i;

/** What the author declared for the plan or for one phase section. */
interface Scope {
  declared?: DeclaredStatus;
  progress?: PhaseProgress;
}

export interface ParsePhasePlanOptions {
  /** Path of the plan, echoed in the result and used as title when there is no h1. */
  file?: string;
}

function fileTitle(file: string | undefined): string | undefined {
  const base = file
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.(md|markdown)$/i, '');
  return base || undefined;
}

/**
 * Reads a markdown migration plan in any of the styles people write them in
 * (status header fields, phases as headings with a status, status summary
 * lists, numbered checkbox tasks) and returns its status, task counts,
 * phases, prerequisites and where the declared status disagrees with the
 * checkboxes. Never throws; time grows linearly with the input.
 */
export function parsePhasePlan(
  markdown: string,
  options: ParsePhasePlanOptions = {},
): PhasePlan {
  const text = repairMojibake(
    typeof markdown === 'string' ? markdown : String(markdown ?? ''),
  ).replace(/^\uFEFF/, '');
  const frontMatter = readFrontMatter(text);
  const body = tameMarkdown(frontMatter.body);
  const outline = buildOutline(parseMarkdown(body));

  const drift: PhaseDrift[] = [];
  const plan: Scope = {};
  const scopes = new Map<OutlineSection, Scope>();
  let targetVersion: string | undefined;
  let frontMatterTitle: string | undefined;
  const prerequisites: string[] = [];

  const ownerOf = (section?: OutlineSection) => {
    let s = section;
    while (s && !s.phase) s = s.parent;
    return s;
  };
  const scopeOf = (owner?: OutlineSection): Scope => {
    if (!owner) return plan;
    let scope = scopes.get(owner);
    if (!scope) scopes.set(owner, (scope = {}));
    return scope;
  };

  // `inHeader`: front matter, the text before the first section, or a status
  // section; a "Target:" deeper in the plan describes something else.
  const readField = (
    field: FieldLine | undefined,
    owner?: OutlineSection,
    inHeader = false,
  ) => {
    if (!field) return;
    const scope = scopeOf(owner);
    if (STATUS_LABEL.test(field.label)) {
      const match = statusAtStart(field.value);
      if (match && !scope.declared) {
        scope.declared = { status: match.status, text: field.value };
        scope.progress ??= parseProgress(match.rest);
      } else if (!match && /^status$/i.test(field.label) && field.value) {
        drift.push({
          kind: 'unknown-status',
          message: `Status "${field.value}" is not one the portal knows; start it with Planned, In Progress, Complete or Blocked`,
          ...(owner ? { section: owner.title } : {}),
        });
      }
    } else if (PROGRESS_LABEL.test(field.label)) {
      scope.progress ??= parseProgress(field.value);
    } else if (
      !owner &&
      inHeader &&
      TARGET_LABEL.test(field.label) &&
      field.value
    ) {
      targetVersion ??= field.value;
    } else if (!owner && PREREQUISITE_LABEL.test(field.label)) {
      prerequisites.push(...prerequisiteEntries(field.value));
    } else if (!owner && /^title$/i.test(field.label)) {
      frontMatterTitle ??= field.value || undefined;
    }
  };
  const readFields = (
    nodes: Nodes[],
    owner?: OutlineSection,
    inHeader = false,
  ) => {
    for (const { node, inTask } of walkBlocks(nodes)) {
      if (node.type === 'paragraph' && !inTask) {
        for (const line of textOf(node).split('\n')) {
          readField(fieldLine(line), owner, inHeader);
        }
      }
    }
  };

  frontMatter.fields.forEach(field => readField(field, undefined, true));
  if (frontMatter.problem) {
    drift.push({ kind: 'invalid-front-matter', message: frontMatter.problem });
  }
  if (outline.title && !plan.declared) {
    plan.declared = headingStatus(outline.title);
  }
  readFields(outline.preamble, undefined, true);
  for (const section of outline.sections) {
    const owner = ownerOf(section);
    const isStatusSection = !section.phase && /\bstatus\b/i.test(section.title);
    if (isStatusSection) {
      // "## Status: In Progress" or "## Status — Blocked"
      const inHeading = STATUS_HEADING_VALUE.exec(section.title)?.[1];
      if (inHeading)
        readField({ label: 'Status', value: inHeading.trim() }, owner);
      const summary = readStatusSummary(section.own);
      const scope = scopeOf(owner);
      if (summary && !scope.declared) scope.declared = summary;
    }
    if (
      !owner &&
      !section.phase &&
      /^pre-?requisites?\b/i.test(section.title)
    ) {
      for (const { node, listDepth } of walkBlocks(section.own)) {
        if (node.type === 'listItem' && listDepth === 0) {
          prerequisites.push(...prerequisiteEntries(itemText(node)));
        } else if (node.type === 'paragraph' && listDepth === 0) {
          const line = textOf(node).trim();
          if (!line.endsWith(':'))
            prerequisites.push(...prerequisiteEntries(line));
        }
      }
    }
    readFields(section.own, owner, isStatusSection);
  }

  const sections: PhaseSection[] = outline.sections.map(section => {
    const result: PhaseSection = {
      title: section.title,
      depth: section.depth,
      tasks: section.tasks,
      items: section.items,
    };
    if (!section.phase) return result;
    const scope = scopeOf(section);
    const declared = section.phase.headingStatus ?? scope.declared;
    if (section.phase.id) result.phaseId = section.phase.id;
    if (declared) {
      result.status = declared.status;
      result.declaredStatus = declared.text;
      result.statusSource = 'declared';
      drift.push(
        ...findDrift(
          declared.status,
          scope.progress,
          section.tasks,
          section.title,
        ),
      );
    } else {
      result.status = statusFromTasks(section.tasks);
      result.statusSource = 'derived';
    }
    return result;
  });

  const tasks = { done: 0, open: 0 };
  for (const item of [
    ...outline.preambleItems,
    ...outline.sections.flatMap(s => s.ownItems),
  ]) {
    tasks[item.checked ? 'done' : 'open']++;
  }
  const outermostPhases = sections.filter(
    (s, i) => s.status && !ownerOf(outline.sections[i].parent),
  );
  let status = statusFromTasks(tasks);
  if (plan.declared) status = plan.declared.status;
  else if (status === 'unknown') {
    status = statusFromPhases(outermostPhases.map(s => s.status!));
  }
  drift.unshift(...findDrift(plan.declared?.status, plan.progress, tasks));

  const title =
    outline.title ||
    frontMatterTitle ||
    fileTitle(options.file) ||
    'Untitled plan';
  const phaseId = phaseIdOf(title);
  return {
    ...(options.file !== undefined ? { file: options.file } : {}),
    title,
    ...(phaseId ? { phaseId } : {}),
    status,
    ...(plan.declared ? { declaredStatus: plan.declared.text } : {}),
    statusSource: plan.declared ? 'declared' : 'derived',
    ...(plan.progress ? { progress: plan.progress } : {}),
    tasks,
    sections,
    prerequisites: [...new Set(prerequisites)],
    ...(targetVersion ? { targetVersion } : {}),
    ...pickVerification(outline.sections),
    ...pickRollback(outline.sections, body),
    drift,
  };
}
