import { isHealthy, kubectlStatus, problemReason } from './podStatus';
import type { RequestPod } from './types';

// The STATUS column of `kubectl get pods`, by the rules of kubectl's printPod
// (k8s.io/kubernetes pkg/printers/internalversion/printers.go).

type Status = NonNullable<RequestPod['status']>;
type ContainerStatus = NonNullable<Status['containerStatuses']>[number];

const cs = (
  name: string,
  state: ContainerStatus['state'],
  extra: Partial<ContainerStatus> = {},
) => ({
  name,
  ready: false,
  restartCount: 0,
  state,
  ...extra,
});
const pod = (
  status: Status,
  spec: Partial<NonNullable<RequestPod['spec']>> = {},
  metadata = {},
): RequestPod => ({
  metadata: { name: 'p', namespace: 'ns', ...metadata },
  spec: { containers: [{ name: 'app' }], ...spec },
  status,
});
const inits = [{ name: 'migrate' }, { name: 'seed' }];

describe('kubectlStatus', () => {
  it('a container killed by a signal without a reason shows Signal:<n>, else its exit code', () => {
    expect(
      kubectlStatus(
        pod({
          phase: 'Failed',
          containerStatuses: [
            cs('app', { terminated: { exitCode: 137, signal: 9 } }),
          ],
        }),
      ),
    ).toBe('Signal:9');
    expect(
      kubectlStatus(
        pod({
          phase: 'Failed',
          containerStatuses: [cs('app', { terminated: { exitCode: 2 } })],
        }),
      ),
    ).toBe('ExitCode:2');
  });

  it('names the first unfinished init container', () => {
    expect(
      kubectlStatus(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [
              cs('migrate', {
                terminated: { exitCode: 0, reason: 'Completed' },
              }),
              cs('seed', { waiting: { reason: 'CrashLoopBackOff' } }),
            ],
          },
          { initContainers: inits },
        ),
      ),
    ).toBe('Init:CrashLoopBackOff');
    expect(
      kubectlStatus(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [
              cs('migrate', { terminated: { exitCode: 3 } }),
            ],
          },
          { initContainers: inits },
        ),
      ),
    ).toBe('Init:ExitCode:3');
    expect(
      kubectlStatus(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [cs('migrate', { running: {} })],
          },
          { initContainers: inits },
        ),
      ),
    ).toBe('Init:0/2');
  });

  it('passes over a started sidecar (restartPolicy Always)', () => {
    expect(
      kubectlStatus(
        pod(
          {
            phase: 'Running',
            conditions: [{ type: 'Initialized', status: 'True' }],
            initContainerStatuses: [
              {
                ...cs('proxy', { running: {} }),
                started: true,
              } as ContainerStatus,
            ],
            containerStatuses: [
              cs('app', { waiting: { reason: 'ContainerCreating' } }),
            ],
          },
          { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
        ),
      ),
    ).toBe('ContainerCreating');
  });

  it('takes the app containers’ waiting or terminated reason, Completed back to Running while one still runs', () => {
    expect(
      kubectlStatus(
        pod({
          phase: 'Running',
          containerStatuses: [
            cs('app', { terminated: { exitCode: 137, reason: 'OOMKilled' } }),
          ],
        }),
      ),
    ).toBe('OOMKilled');
    const completedAndRunning = (ready: boolean) =>
      pod({
        phase: 'Running',
        conditions: ready ? [{ type: 'Ready', status: 'True' }] : [],
        containerStatuses: [
          cs('a', { running: {} }, { ready: true }),
          cs('b', { terminated: { exitCode: 0, reason: 'Completed' } }),
        ],
      });
    expect(kubectlStatus(completedAndRunning(true))).toBe('Running');
    expect(kubectlStatus(completedAndRunning(false))).toBe('NotReady');
  });

  it('says Terminating for a pod being deleted', () => {
    expect(
      kubectlStatus(
        pod(
          { phase: 'Running' },
          {},
          { deletionTimestamp: '2026-12-02T00:00:00Z' },
        ),
      ),
    ).toBe('Terminating');
  });
});

describe('problemReason and isHealthy', () => {
  it('counts a finished pod as healthy and a running unready one as a problem', () => {
    expect(isHealthy(pod({ phase: 'Succeeded' }))).toBe(true);
    const unready = pod({
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [cs('app', { running: {} })],
    });
    expect(isHealthy(unready)).toBe(false);
    expect(problemReason(unready)).toBe('Running, not ready');
  });

  it('adds the last termination of a restarting container', () => {
    expect(
      problemReason(
        pod({
          phase: 'Running',
          containerStatuses: [
            cs(
              'app',
              { waiting: { reason: 'CrashLoopBackOff' } },
              {
                lastState: {
                  terminated: { reason: 'OOMKilled', exitCode: 137 },
                },
              },
            ),
          ],
        }),
      ),
    ).toBe('CrashLoopBackOff: OOMKilled');
  });
});
