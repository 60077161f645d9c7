import type { KubePod } from '@internal/plugin-homelab-node';
import { podRow } from './podRow';

// The expected STATUS values are what kubectl get pods prints for these
// states (kubectl's printPod: the last container's waiting or terminated
// reason wins over the phase; Signal:/ExitCode: without a reason).
const pod = (
  status: NonNullable<KubePod['status']>,
  containers = ['app'],
  extra: Partial<KubePod['metadata']> = {},
): KubePod => ({
  metadata: { name: 'web-7d9f', namespace: 'web', ...extra },
  spec: { containers: containers.map(name => ({ name })) },
  status,
});
const ready = { type: 'Ready', status: 'True' };
const notReady = { type: 'Ready', status: 'False' };

describe('podRow', () => {
  it('a Running pod with every container ready is healthy and has no reason', () => {
    expect(
      podRow(
        pod({
          phase: 'Running',
          conditions: [ready],
          containerStatuses: [
            {
              name: 'app',
              ready: true,
              restartCount: 0,
              state: { running: {} },
            },
          ],
        }),
      ),
    ).toEqual({
      namespace: 'web',
      name: 'web-7d9f',
      phase: 'Running',
      ready: '1/1',
      healthy: true,
      restarts: 0,
    });
  });

  it('CrashLoopBackOff after an OOM kill, as kubectl shows it, with the restarts', () => {
    expect(
      podRow(
        pod({
          phase: 'Running',
          conditions: [notReady],
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 4,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
            },
          ],
        }),
      ),
    ).toMatchObject({
      phase: 'Running',
      ready: '0/1',
      healthy: false,
      restarts: 4,
      reason: 'CrashLoopBackOff',
      lastTerminationReason: 'OOMKilled',
    });
  });

  it('a pending pod the scheduler could not place says Unschedulable', () => {
    expect(
      podRow(
        pod({
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/3 nodes are available: 3 Insufficient memory.',
            },
          ],
        }),
      ),
    ).toMatchObject({
      phase: 'Pending',
      ready: '0/1',
      healthy: false,
      restarts: 0,
      reason: 'Unschedulable',
    });
  });

  it('the first container decides when several wait, and counts ready containers of the spec', () => {
    const row = podRow(
      pod(
        {
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: 'ImagePullBackOff' } },
            },
            {
              name: 'sidecar',
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: 'ContainerCreating' } },
            },
          ],
        },
        ['app', 'sidecar'],
      ),
    );
    expect(row).toMatchObject({ ready: '0/2', reason: 'ImagePullBackOff' });
  });

  it('a container that exited without a reason shows its exit code or signal', () => {
    const exited = (terminated: object) =>
      podRow(
        pod({
          phase: 'Failed',
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 0,
              state: { terminated } as never,
            },
          ],
        }),
      ).reason;
    expect(exited({ exitCode: 1 })).toBe('ExitCode:1');
    expect(exited({ exitCode: 137, signal: 9 })).toBe('Signal:9');
    expect(exited({ exitCode: 1, reason: 'Error' })).toBe('Error');
  });

  it('a pod being deleted is Terminating and not healthy', () => {
    const row = podRow(
      pod(
        {
          phase: 'Running',
          conditions: [ready],
          containerStatuses: [
            {
              name: 'app',
              ready: true,
              restartCount: 0,
              state: { running: {} },
            },
          ],
        },
        ['app'],
        { deletionTimestamp: '2026-12-02T03:00:00Z' } as never,
      ),
    );
    expect(row).toMatchObject({ healthy: false, reason: 'Terminating' });
  });

  it('lastTerminationReason comes from the container restarted most', () => {
    const row = podRow(
      pod(
        {
          phase: 'Running',
          conditions: [ready],
          containerStatuses: [
            {
              name: 'app',
              ready: true,
              restartCount: 1,
              state: { running: {} },
              lastState: { terminated: { reason: 'Error' } },
            },
            {
              name: 'worker',
              ready: true,
              restartCount: 3,
              state: { running: {} },
              lastState: { terminated: { reason: 'OOMKilled' } },
            },
          ],
        },
        ['app', 'worker'],
      ),
    );
    expect(row).toMatchObject({
      healthy: true,
      restarts: 4,
      lastTerminationReason: 'OOMKilled',
    });
    expect(row.reason).toBeUndefined();
  });
});
