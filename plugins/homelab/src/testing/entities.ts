import type { Entity } from '@backstage/catalog-model';

export const ollamaComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ollama',
    namespace: 'default',
    annotations: {
      'homelab.dev/phase-plan': 'docs/phases/phase-4.23-ollama.md',
      'homelab.dev/runbooks':
        'component:default/homelab-docs#runbooks/ollama-operations',
    },
  },
  spec: {
    type: 'model-server',
    lifecycle: 'production',
    owner: 'group:default/homelab-admins',
  },
};

export const karakeepComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'karakeep',
    namespace: 'default',
    annotations: {
      'homelab.dev/phase-plan': 'docs/phases/phase-4.24-karakeep.md',
      'homelab.dev/runbooks':
        'component:default/homelab-docs#runbooks/karakeep-rollback,component:default/homelab-docs#runbooks/karakeep-cutover',
      'homelab.dev/cutover-runbook':
        'component:default/homelab-docs#runbooks/karakeep-cutover',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'experimental',
    owner: 'group:default/homelab-admins',
  },
};
