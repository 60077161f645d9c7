import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlanFile, withPlanFile } from './planFile';
import { PlanRefusedError } from './planRefusedError';

const PLAN = '# Phase 9: Backups\n';

describe('readPlanFile', () => {
  let dir: string;
  let roots: string[];
  const rules = (maxBytes = 1024) => ({
    shown: '"docs/phases/p.md"',
    roots,
    rootsDescribed: 'the phase folders; move the plan into one of them',
    limits: { maxBytes, readTimeoutMs: 5000 },
  });
  /** The refusal's message, which names the rule and no host path. */
  async function refusal(path: string, maxBytes?: number) {
    const error = await readPlanFile(path, rules(maxBytes)).catch(e => e);
    expect(error).toBeInstanceOf(PlanRefusedError);
    expect(error.message).not.toContain(dir);
    return error.message;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plan-file-'));
    mkdirSync(join(dir, 'phases'));
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'phases/p.md'), PLAN);
    writeFileSync(join(dir, 'outside/secret.md'), PLAN);
    writeFileSync(join(dir, 'phases/config.yaml'), 'password: x\n');
    roots = [join(dir, 'phases')];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a markdown file inside the roots, and a link to one that stays inside', async () => {
    symlinkSync(join(dir, 'phases/p.md'), join(dir, 'phases/alias.md'));
    expect(await readPlanFile(join(dir, 'phases/p.md'), rules())).toBe(PLAN);
    await withPlanFile(join(dir, 'phases/alias.md'), rules(), async f => {
      expect(f.realPath).toBe(join(dir, 'phases/p.md'));
      expect(f.version).toMatch(/^[\d.]+:19$/);
    });
  });

  it('resolves links before the roots check: a link out of the roots is refused', async () => {
    symlinkSync(join(dir, 'outside/secret.md'), join(dir, 'phases/link.md'));
    expect(await refusal(join(dir, 'phases/link.md'))).toBe(
      '"docs/phases/p.md" resolves outside the phase folders; move the plan into one of them',
    );
    expect(await refusal(join(dir, 'phases/../outside/secret.md'))).toMatch(
      /resolves outside/,
    );
  });

  it('checks the extension on the real path, so a plan-looking link to another file is refused', async () => {
    symlinkSync(join(dir, 'phases/config.yaml'), join(dir, 'phases/x.md'));
    expect(await refusal(join(dir, 'phases/x.md'))).toBe(
      '"docs/phases/p.md" is not a markdown file (.md or .markdown once links are resolved); point at the plan itself',
    );
  });

  it('refuses a missing file, a folder and a FIFO without waiting for a writer', async () => {
    mkdirSync(join(dir, 'phases/folder.md'));
    execFileSync('mkfifo', [join(dir, 'phases/fifo.md')]);
    expect(await refusal(join(dir, 'phases/gone.md'))).toBe(
      '"docs/phases/p.md" does not exist',
    );
    for (const name of ['folder.md', 'fifo.md']) {
      expect(await refusal(join(dir, 'phases', name))).toBe(
        '"docs/phases/p.md" is not a regular file (a folder, device, FIFO or socket); point at a markdown file',
      );
    }
  });

  it('refuses a file over homelab.phases.maxBytes by its size, and one that grew past it after the check', async () => {
    truncateSync(join(dir, 'phases/p.md'), 50 * 1024 * 1024);
    expect(await refusal(join(dir, 'phases/p.md'), 1024 * 1024)).toBe(
      '"docs/phases/p.md" is larger than homelab.phases.maxBytes (1 MiB); split the plan or raise the limit',
    );

    writeFileSync(join(dir, 'phases/p.md'), PLAN);
    const grown = withPlanFile(join(dir, 'phases/p.md'), rules(), f => {
      appendFileSync(join(dir, 'phases/p.md'), 'x'.repeat(2048));
      return f.read();
    });
    await expect(grown).rejects.toThrow(
      'is larger than homelab.phases.maxBytes (1 KiB)',
    );
  });
});
