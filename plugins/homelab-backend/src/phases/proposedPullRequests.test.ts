import { PullRequestLookup } from './proposedPullRequests';

/** A pull request as Gitea's `GET /repos/{owner}/{repo}/pulls` lists it (the fields read). */
const giteaPull = (number: number, head: string) => ({
  number,
  state: 'open',
  html_url: `https://forge.test/homelab/gitops/pulls/${number}`,
  head: { ref: head, label: head },
  base: { ref: 'main', label: 'homelab/gitops:main' },
});

/** The forge's open pull requests, which the test changes, and the calls it answered. */
function giteaForge() {
  const open: object[] = [];
  const calls: string[] = [];
  const fetch = async (url: string) => {
    calls.push(new URL(url).pathname + new URL(url).search);
    const page = new URL(url).searchParams.get('page');
    return new Response(JSON.stringify(page === '1' ? open : []), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { open, calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

describe('PullRequestLookup', () => {
  const settings = {
    provider: 'gitea' as const,
    apiBaseUrl: 'https://forge.test/api/v1',
    owner: 'homelab',
    repo: 'gitops',
  };

  it('asks again within seconds for a branch that had no pull request yet, and reuses a full answer for a minute', async () => {
    const forge = giteaForge();
    let now = 0;
    const lookup = new PullRequestLookup({
      settings,
      baseBranch: 'main',
      fetch: forge.fetch,
      now: () => now,
    });

    // Read between the publish action's push and its pull request.
    expect(await lookup.find(['scaffold/linkding'])).toEqual(new Map());
    expect(forge.calls).toEqual([
      '/api/v1/repos/homelab/gitops/pulls?state=open&limit=50&page=1',
    ]);
    forge.open.push(giteaPull(1, 'scaffold/linkding'));
    now = 1_000;
    expect((await lookup.find(['scaffold/linkding'])).size).toBe(0);
    expect(forge.calls).toHaveLength(1);

    now = 5_000;
    expect(await lookup.find(['scaffold/linkding'])).toEqual(
      new Map([
        [
          'scaffold/linkding',
          { number: 1, url: 'https://forge.test/homelab/gitops/pulls/1' },
        ],
      ]),
    );
    expect(forge.calls).toHaveLength(2);

    // Every branch has its pull request: the answer serves for cacheMs.
    now = 64_999;
    await lookup.find(['scaffold/linkding']);
    expect(forge.calls).toHaveLength(2);
    now = 65_000;
    await lookup.find(['scaffold/linkding']);
    expect(forge.calls).toHaveLength(3);
  });

  it('keeps a short reuse when only some branches have a pull request, and never longer than cacheMs', async () => {
    const forge = giteaForge();
    forge.open.push(giteaPull(3, 'scaffold/vikunja'));
    let now = 0;
    const lookup = new PullRequestLookup({
      settings,
      baseBranch: 'main',
      fetch: forge.fetch,
      cacheMs: 2_000,
      missCacheMs: 10_000,
      now: () => now,
    });
    const branches = ['scaffold/vikunja', 'scaffold/mealie'];
    expect([...(await lookup.find(branches)).keys()]).toEqual([
      'scaffold/vikunja',
    ]);
    now = 1_999;
    await lookup.find(branches);
    expect(forge.calls).toHaveLength(1);
    now = 2_000;
    await lookup.find(branches);
    expect(forge.calls).toHaveLength(2);
  });
});
