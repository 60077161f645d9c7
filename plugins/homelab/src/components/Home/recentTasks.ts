import type {
  ScaffolderApi,
  ScaffolderTask,
} from '@backstage/plugin-scaffolder-common';

export const RECENT_TASKS = 5;
const FINISHED = new Set(['completed', 'failed', 'cancelled', 'skipped']);
const OUTPUT_WAIT_MS = 10_000;

export interface RecentTask {
  id: string;
  title: string;
  status: ScaffolderTask['status'];
  createdAt: string;
  /** The finished task's output links (the pull request of a scaffold), if any. */
  links: { title?: string; url: string }[];
}

/** The output links of a finished task: the body of its completion event. */
function outputLinks(
  api: ScaffolderApi,
  taskId: string,
): Promise<RecentTask['links']> {
  return new Promise(resolve => {
    const run: {
      done: boolean;
      timer?: ReturnType<typeof setTimeout>;
      subscription?: { unsubscribe(): void };
    } = { done: false };
    const finish = (links: RecentTask['links']) => {
      if (run.done) return;
      run.done = true;
      clearTimeout(run.timer);
      run.subscription?.unsubscribe();
      resolve(links);
    };
    run.timer = setTimeout(() => finish([]), OUTPUT_WAIT_MS);
    run.subscription = api.streamLogs({ taskId }).subscribe({
      next: event => {
        if (event.type !== 'completion') return;
        const output = (event.body as { output?: { links?: unknown } }).output;
        const links = Array.isArray(output?.links) ? output!.links : [];
        finish(
          links
            .filter((l: any) => typeof l?.url === 'string')
            .map((l: any) => ({
              url: l.url,
              ...(l.title ? { title: String(l.title) } : {}),
            })),
        );
      },
      error: () => finish([]),
      complete: () => finish([]),
    });
    // A stream that completed while subscribing had no handle to close yet.
    if (run.done) run.subscription.unsubscribe();
  });
}

/** The last scaffolder runs, newest first, with the pull-request links of the finished ones. */
export async function recentTasks(api: ScaffolderApi): Promise<RecentTask[]> {
  const { tasks } = await api.listTasks({
    filterByOwnership: 'all',
    limit: RECENT_TASKS,
  });
  return Promise.all(
    tasks.slice(0, RECENT_TASKS).map(async t => {
      const info = t.spec.templateInfo;
      return {
        id: t.id,
        title:
          info?.entity?.metadata.title ??
          info?.entity?.metadata.name ??
          info?.entityRef ??
          t.id,
        status: t.status,
        createdAt: t.createdAt,
        links: FINISHED.has(t.status) ? await outputLinks(api, t.id) : [],
      };
    }),
  );
}
