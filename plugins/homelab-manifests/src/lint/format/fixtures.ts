import type { Finding, LintResult } from '../types';

/** A Deployment whose container asks for privileged mode (a baseline error) on line 15. */
export const PRIVILEGED_DEPLOYMENT = `# media: the web frontend
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: media
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext: {privileged: true}
`;

/** A result with one finding, for the escaping rules of each format. */
export function resultOf(finding: Partial<Finding>): LintResult {
  const full: Finding = {
    rule: 'container-image-tag',
    severity: 'error',
    file: 'manifests/media/web.yaml',
    line: 3,
    kind: 'Deployment',
    name: 'web',
    namespace: 'media',
    message: 'a message',
    fix: 'a fix',
    ...finding,
  };
  return {
    files: 1,
    objects: 1,
    findings: [full],
    summary: {
      error: full.severity === 'error' ? 1 : 0,
      warning: full.severity === 'warning' ? 1 : 0,
      info: full.severity === 'info' ? 1 : 0,
    },
  };
}
