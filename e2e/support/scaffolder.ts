import type { Page } from 'playwright-core';
import { baseUrl } from './browser.ts';
import { portalApi } from './api.ts';

export type TaskResult = { status: string; output?: Record<string, unknown>; log: string[] };

/** The scaffolder's REST API of the portal at `base`, as the guest user (the exports below: the main portal's). */
export function scaffolderApi(base: string) {
  const { guestToken } = portalApi(base);
  async function call(path: string, init: RequestInit = {}) {
    return fetch(`${base}/api/scaffolder${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await guestToken()}`, ...init.headers },
    });
  }

  /** Creates a task; a refused request (bad input) comes back as its HTTP status and body. */
  async function createTask(templateRef: string, values: Record<string, unknown>) {
    const res = await call('/v2/tasks', { method: 'POST', body: JSON.stringify({ templateRef, values }) });
    return { status: res.status, body: (await res.json()) as { id?: string; errors?: { property?: string; message: string; stack?: string }[] } };
  }

  /** Waits until a task ends and returns its status, output and step log. */
  async function waitForTask(id: string, timeoutMs = 120_000): Promise<TaskResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = (await (await call(`/v2/tasks/${id}`)).json()) as { status: string };
      if (['completed', 'failed', 'cancelled'].includes(task.status) || Date.now() > deadline) {
        const events = (await (await call(`/v2/tasks/${id}/events`)).json()) as {
          type: string;
          body: { message?: string; output?: Record<string, unknown> };
        }[];
        const log = events.filter(e => e.type === 'log').map(e => e.body.message ?? '');
        const output = events.find(e => e.type === 'completion')?.body.output;
        return { status: task.status, output, log };
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  return { createTask, waitForTask };
}

export const { createTask, waitForTask } = scaffolderApi(baseUrl);

/**
 * Fills the homelab-service form from its first page to its last (Publish): a name, an
 * existing namespace from the catalog, image and hostname; the other pages keep their defaults.
 */
export async function fillHomelabServiceForm(page: Page, values: { name: string; namespace: RegExp; image: string; hostname: string }) {
  const next = () => page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Name').first().fill(values.name);
  await next();
  await page.getByRole('combobox').click();
  await page.getByRole('option', { name: values.namespace }).click();
  await next();
  await page.getByLabel('Image').fill(values.image);
  await page.getByLabel('Hostname').fill(values.hostname);
  await next();
  await next();
  await next();
}
