import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  type CutoverPlan,
  parseCutoverPlan,
  parsePhasePlan,
  type PhasePlan,
} from '@internal/plugin-homelab-common';
import {
  DEFAULT_PLAN_READ_LIMITS,
  type PlanReadLimits,
  readPlanUrl,
  withPlanFile,
} from '@internal/plugin-homelab-node';
import { PLAN_ROOTS_DESCRIBED } from './planRoots';

interface FileEntry {
  version: string;
  plan: PhasePlan;
}

interface UrlEntry {
  etag?: string;
  lastModifiedAt?: Date;
  plan: PhasePlan;
}

/**
 * Parsed plans keyed by real path or URL, shared by every request. A file is
 * parsed again only when its modification time or size changed; a URL only
 * when the reader says it changed (ETag, else last-modified time). Every read
 * keeps to `limits`; a file is checked against its roots on every call.
 */
export class PlanCache {
  private readonly files = new Map<string, FileEntry>();
  private readonly urls = new Map<string, UrlEntry>();
  /** The cutover section of each parsed plan, read from the same markdown. */
  private readonly cutovers = new WeakMap<PhasePlan, CutoverPlan>();

  constructor(
    private readonly limits: PlanReadLimits = DEFAULT_PLAN_READ_LIMITS,
  ) {}

  /**
   * `file` is the name the plan is shown under (repository-relative when
   * possible); `roots` are the folders its real path must be in.
   */
  async fromFile(
    path: string,
    file: string,
    roots: string[],
    shown: string = `"${file}"`,
  ): Promise<PhasePlan> {
    const rules = {
      shown,
      roots,
      rootsDescribed: PLAN_ROOTS_DESCRIBED,
      limits: this.limits,
    };
    return withPlanFile(path, rules, async opened => {
      const cached = this.files.get(opened.realPath);
      if (cached?.version === opened.version) return cached.plan;
      const plan = this.parse(await opened.read(), file);
      this.files.set(opened.realPath, { version: opened.version, plan });
      return plan;
    });
  }

  /** The cutover section and checks of a plan this cache parsed. */
  cutoverOf(plan: PhasePlan): CutoverPlan | undefined {
    return this.cutovers.get(plan);
  }

  private parse(markdown: string, file: string): PhasePlan {
    const plan = parsePhasePlan(markdown, { file });
    this.cutovers.set(plan, parseCutoverPlan(markdown));
    return plan;
  }

  async fromUrl(reader: UrlReaderService, url: string): Promise<PhasePlan> {
    const cached = this.urls.get(url);
    try {
      const read = await readPlanUrl(reader, url, this.limits, cached);
      const plan = this.parse(read.text, url);
      // Without either marker every read parses again, which is still correct.
      if (read.etag || read.lastModifiedAt) {
        this.urls.set(url, {
          etag: read.etag,
          lastModifiedAt: read.lastModifiedAt,
          plan,
        });
      }
      return plan;
    } catch (error) {
      if ((error as Error)?.name === 'NotModifiedError' && cached) {
        return cached.plan;
      }
      throw error;
    }
  }
}
