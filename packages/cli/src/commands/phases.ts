import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { parsePhasePlan } from '@internal/plugin-homelab-common';
import type { PhasePlan, PhaseSection } from '@internal/plugin-homelab-common';

/** Parses every file, or lists the ones that could not be read (nothing is parsed then). */
export function readPhasePlans(files: string[]): {
  plans: PhasePlan[];
  problems: string[];
} {
  const problems: string[] = [];
  const texts: [string, string][] = [];
  for (const file of files) {
    try {
      texts.push([file, readFileSync(file, 'utf8')]);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        {
          ENOENT: 'no such file; check the path',
          EISDIR: 'it is a folder; pass the markdown files inside it',
          EACCES: 'permission denied',
        }[code ?? ''] ?? (error as Error).message;
      problems.push(`homelab phases: cannot read ${file}: ${reason}`);
    }
  }
  if (problems.length) return { plans: [], problems };
  return {
    plans: texts.map(([file, text]) => parsePhasePlan(text, { file })),
    problems,
  };
}

/** Sections worth listing: phases of their own, and any section holding tasks. */
function listedSections(plan: PhasePlan): PhaseSection[] {
  return plan.sections.filter(
    s => s.status !== undefined || s.tasks.done + s.tasks.open > 0,
  );
}

/** The `--json` shape; absent values are null so every key is always there. */
export function phasePlanToJson(plan: PhasePlan) {
  return {
    file: plan.file ?? null,
    title: plan.title,
    phaseId: plan.phaseId ?? null,
    status: plan.status,
    declaredStatus: plan.declaredStatus ?? null,
    statusSource: plan.statusSource,
    tasks: { done: plan.tasks.done, open: plan.tasks.open },
    sections: listedSections(plan).map(s => ({
      title: s.title,
      phaseId: s.phaseId ?? null,
      status: s.status ?? null,
      statusSource: s.statusSource ?? null,
      tasks: { done: s.tasks.done, open: s.tasks.open },
    })),
    prerequisites: plan.prerequisites,
    drift: plan.drift.map(d => ({ kind: d.kind, message: d.message })),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  return rows
    .map(r =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One row per plan, its phase sections indented under it, then every drift. */
export function formatPhasesTable(plans: PhasePlan[]): string {
  const rows = [['PLAN', 'PHASE', 'STATUS', 'SOURCE', 'DONE', 'OPEN']];
  for (const plan of plans) {
    rows.push([
      plan.file ?? plan.title,
      plan.phaseId ?? '-',
      plan.status,
      plan.statusSource,
      String(plan.tasks.done),
      String(plan.tasks.open),
    ]);
    for (const s of plan.sections.filter(x => x.status !== undefined)) {
      rows.push([
        `  ${s.title}`,
        s.phaseId ?? '-',
        s.status ?? '-',
        s.statusSource ?? '-',
        String(s.tasks.done),
        String(s.tasks.open),
      ]);
    }
  }
  const drift = plans.flatMap(p =>
    p.drift.map(d => `  ${p.file ?? p.title}: ${d.message} [${d.kind}]`),
  );
  return `${table(rows)}\n${
    drift.length ? `\nDrift:\n${drift.join('\n')}\n` : ''
  }`;
}

export function registerPhasesCommand(program: Command): void {
  program
    .command('phases')
    .description(
      'Summarise markdown phase plans: status, task counts, phases, prerequisites and drift',
    )
    .argument('<files...>', 'markdown phase plans')
    .option('--json', 'print a JSON array instead of a table')
    .action((files: string[], opts: { json?: boolean }) => {
      const { plans, problems } = readPhasePlans(files);
      if (problems.length > 0) {
        problems.forEach(p => process.stderr.write(`${p}\n`));
        process.exitCode = 2;
        return;
      }
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(plans.map(phasePlanToJson), null, 2)}\n`
          : formatPhasesTable(plans),
      );
      process.exitCode = 0;
    });
}
