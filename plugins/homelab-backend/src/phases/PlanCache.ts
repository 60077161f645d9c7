import { promises as fs } from 'node:fs';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  parsePhasePlan,
  type PhasePlan,
} from '@internal/plugin-homelab-common';

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
 * Parsed plans keyed by file or URL. A file is parsed again only when its
 * modification time or size changed; a URL only when the reader says it
 * changed (ETag, else last-modified time).
 */
export class PlanCache {
  private readonly files = new Map<string, FileEntry>();
  private readonly urls = new Map<string, UrlEntry>();

  /** `file` is the name the plan is shown under (repository-relative when possible). */
  async fromFile(absPath: string, file: string): Promise<PhasePlan> {
    const stat = await fs.stat(absPath);
    const version = `${stat.mtimeMs}:${stat.size}`;
    const cached = this.files.get(absPath);
    if (cached?.version === version) return cached.plan;
    const text = await fs.readFile(absPath, 'utf8');
    const plan = parsePhasePlan(text, { file });
    this.files.set(absPath, { version, plan });
    return plan;
  }

  async fromUrl(reader: UrlReaderService, url: string): Promise<PhasePlan> {
    const cached = this.urls.get(url);
    try {
      const res = await reader.readUrl(url, {
        etag: cached?.etag,
        lastModifiedAfter: cached?.etag ? undefined : cached?.lastModifiedAt,
      });
      const text = (await res.buffer()).toString('utf8');
      const plan = parsePhasePlan(text, { file: url });
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
