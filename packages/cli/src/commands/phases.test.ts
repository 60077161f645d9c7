import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import {
  formatPhasesTable,
  phasePlanToJson,
  readPhasePlans,
  registerPhasesCommand,
} from './phases';

const PLAN = [
  '# Phase 3: Backups',
  '',
  '> **Status:** Complete',
  '> **Prerequisite:** Phase 2 complete',
  '',
  '## 3.1 Restic',
  '',
  '- [x] Create the bucket',
  '- [ ] Schedule the CronJob',
  '',
  '## Notes',
  '',
  'Nothing to tick here.',
].join('\n');

function writePlan(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phases-'));
  const file = join(dir, 'backups.md');
  writeFileSync(file, PLAN);
  return file;
}

describe('homelab phases', () => {
  it('turns a plan into the documented JSON shape', () => {
    const file = writePlan();
    const { plans, problems } = readPhasePlans([file]);
    expect(problems).toEqual([]);
    expect(phasePlanToJson(plans[0])).toEqual({
      file,
      title: 'Phase 3: Backups',
      phaseId: '3',
      status: 'complete',
      declaredStatus: 'Complete',
      statusSource: 'declared',
      tasks: { done: 1, open: 1 },
      // "Notes" is neither a phase nor holds tasks, so it is left out
      sections: [
        {
          title: '3.1 Restic',
          phaseId: '3.1',
          status: 'in-progress',
          statusSource: 'derived',
          tasks: { done: 1, open: 1 },
        },
      ],
      prerequisites: ['2'],
      drift: [
        {
          kind: 'complete-with-open-tasks',
          message:
            'The plan is marked complete but 1 task is still open; tick it or change the status',
        },
      ],
    });
  });

  it('prints a table with the phases under their plan and the drift below', () => {
    const file = writePlan();
    const text = formatPhasesTable(readPhasePlans([file]).plans);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^PLAN\s+PHASE\s+STATUS\s+SOURCE\s+DONE\s+OPEN$/);
    expect(lines[1]).toMatch(/backups\.md\s+3\s+complete\s+declared\s+1\s+1$/);
    expect(lines[2]).toMatch(/^ {2}3\.1 Restic\s+3\.1\s+in-progress\s+derived/);
    expect(text).toContain('Drift:');
    expect(text).toContain('[complete-with-open-tasks]');
  });

  it('names every unreadable file and parses nothing', () => {
    const file = writePlan();
    const { plans, problems } = readPhasePlans([
      file,
      '/nonexistent/plan.md',
      tmpdir(),
    ]);
    expect(plans).toEqual([]);
    expect(problems).toEqual([
      'homelab phases: cannot read /nonexistent/plan.md: no such file; check the path',
      `homelab phases: cannot read ${tmpdir()}: it is a folder; pass the markdown files inside it`,
    ]);
  });

  describe('as a command', () => {
    let stdout: jest.SpyInstance;
    let stderr: jest.SpyInstance;
    beforeEach(() => {
      stdout = jest.spyOn(process.stdout, 'write').mockReturnValue(true);
      stderr = jest.spyOn(process.stderr, 'write').mockReturnValue(true);
    });
    afterEach(() => {
      jest.restoreAllMocks();
      process.exitCode = undefined;
    });

    async function run(...args: string[]) {
      const program = new Command('homelab').exitOverride();
      registerPhasesCommand(program);
      await program.parseAsync(['phases', ...args], { from: 'user' });
    }

    it('prints a JSON array with --json', async () => {
      await run(writePlan(), '--json');
      const printed = JSON.parse(stdout.mock.calls.map(c => c[0]).join(''));
      expect(printed).toHaveLength(1);
      expect(printed[0]).toMatchObject({ status: 'complete', phaseId: '3' });
      expect(process.exitCode).toBe(0);
    });

    it('exits 2 with a clear message for a missing file', async () => {
      await run('missing-plan.md');
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).toHaveBeenCalledWith(
        'homelab phases: cannot read missing-plan.md: no such file; check the path\n',
      );
      expect(process.exitCode).toBe(2);
    });
  });
});
