import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  type CutoverPlan,
  parseCutoverPlan,
  parsePhasePlan,
  type PhasePlan,
} from '@internal/plugin-homelab-common';
import { formatBytes, readAtMost } from '@internal/plugin-homelab-node';
import {
  type PlanReadLimits,
  PlanRefusedError,
  withPlanFile,
} from './readPlanFile';

interface FileEntry {
  version: string;
  plan: PhasePlan;
}

interface UrlEntry {
  etag?: string;
  lastModifiedAt?: Date;
  plan: PhasePlan;
}

/** Rejects with `timedOut()` when `signal` aborts before `work` settles. */
function before<T>(
  work: Promise<T>,
  signal: AbortSignal,
  timedOut: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(timedOut());
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
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
    private readonly limits: PlanReadLimits = {
      maxBytes: 1024 * 1024,
      readTimeoutMs: 5000,
    },
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
    return withPlanFile(path, shown, roots, this.limits, async opened => {
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
    const { maxBytes, readTimeoutMs } = this.limits;
    const signal = AbortSignal.timeout(readTimeoutMs);
    const timedOut = () =>
      new PlanRefusedError(
        `${url} was not read within homelab.phases.readTimeout (${
          readTimeoutMs / 1000
        } s)`,
      );
    const tooLarge = () =>
      new PlanRefusedError(
        `${url} is larger than homelab.phases.maxBytes (${formatBytes(
          maxBytes,
        )}); split the plan or raise the limit`,
      );
    try {
      const res = await before(
        reader.readUrl(url, {
          etag: cached?.etag,
          lastModifiedAfter: cached?.etag ? undefined : cached?.lastModifiedAt,
          signal,
        }),
        signal,
        timedOut,
      );
      let body: Buffer;
      if (res.stream) {
        const stream = res.stream();
        // A body that trickles on past the timeout is not read any further.
        signal.addEventListener('abort', () => stream.destroy(), {
          once: true,
        });
        body = await before(
          readAtMost(stream, maxBytes, tooLarge),
          signal,
          timedOut,
        );
      } else {
        body = await before(res.buffer(), signal, timedOut);
      }
      if (body.byteLength > maxBytes) throw tooLarge();
      const text = body.toString('utf8');
      const plan = this.parse(text, url);
      // Without either marker every read parses again, which is still correct.
      if (res.etag || res.lastModifiedAt) {
        this.urls.set(url, {
          etag: res.etag,
          lastModifiedAt: res.lastModifiedAt,
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
