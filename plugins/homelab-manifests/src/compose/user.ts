import type { ServiceSpecInput } from '../spec/serviceSpec';
import type { UnmappedKey } from './importComposeService';
import type { NormalizedService } from './normalize';

/** runAsUser from compose `user:`; root lowers the namespace to Pod Security baseline. */
export function mapUser(
  service: NormalizedService,
  spec: ServiceSpecInput,
  warnings: string[],
  unmapped: UnmappedKey[],
) {
  if (service.user === undefined) {
    warnings.push(
      'compose sets no user; check the image runs as non-root (Pod Security restricted requires it) or set namespace.podSecurity to baseline',
    );
    return;
  }
  const user = service.user.split(':')[0];
  if (!/^\d+$/.test(user)) {
    if (user === 'root') spec.runAsUser = 0;
    else {
      unmapped.push({
        key: 'user',
        reason: `"${user}" is a name resolved inside the image; Kubernetes needs the numeric uid (id -u ${user} in the image)`,
      });
      return;
    }
  } else spec.runAsUser = Number(user);
  if (spec.runAsUser === 0) {
    spec.namespace.podSecurity = 'baseline';
    warnings.push(
      'the service runs as root; the draft uses Pod Security baseline: prefer an image that runs as non-root',
    );
  }
}
