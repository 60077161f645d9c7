import { constants, promises as fs } from 'node:fs';
import {
  isChildPath,
  type UrlReaderService,
} from '@backstage/backend-plugin-api';
import { formatBytes, readAtMost } from '@internal/plugin-homelab-node';
import type { PlanLimits } from './planLimits';
import type { PlanSource } from './planSource';

/**
 * The plan's markdown, or an error saying why it was not read. A file is read only
 * when its real path stays in the entity's checkout, ends in .md or .markdown and
 * is a regular file (the open does not block on a FIFO nor follow a link swapped
 * in after the check); a URL goes through the UrlReader, so backend.reading.allow
 * applies. Both stop at homelab.phases.maxBytes.
 */
export async function readPlanText(
  source: PlanSource,
  reader: UrlReaderService,
  limits: PlanLimits,
): Promise<string> {
  const tooLarge = () =>
    new Error(
      `the plan is larger than homelab.phases.maxBytes (${formatBytes(
        limits.maxBytes,
      )})`,
    );
  if (source.type === 'url') {
    const response = await reader.readUrl(source.url, {
      signal: AbortSignal.timeout(limits.readTimeoutMs),
    });
    const body = response.stream
      ? await readAtMost(response.stream(), limits.maxBytes, tooLarge)
      : await response.buffer();
    if (body.length > limits.maxBytes) throw tooLarge();
    return body.toString('utf8');
  }
  const realPath = await fs.realpath(source.path);
  if (!isChildPath(source.root, realPath)) {
    throw new Error('the plan resolves outside the checkout of the entity');
  }
  if (!/\.(md|markdown)$/i.test(realPath)) {
    throw new Error('the plan is not a markdown file (.md or .markdown)');
  }
  const handle = await fs.open(
    realPath,
    constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW,
  );
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error('the plan is not a regular file');
    if (stat.size > limits.maxBytes) throw tooLarge();
    const body = await readAtMost(
      handle.createReadStream({ autoClose: false }),
      limits.maxBytes,
      tooLarge,
    );
    return body.toString('utf8');
  } finally {
    await handle.close();
  }
}
