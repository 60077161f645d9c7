import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const startHere = `
Everything that runs in the homelab, what it runs on and how far its migration got.

- **[Browse the catalog](/catalog)**: services, Kubernetes namespaces, nodes and AI models, and how they depend on each other.
- **[Follow the migration](/homelab/migration)**: each phase plan with its status, progress and what blocks it.
- **[Create a service](/create)**: a hardened manifest set (Namespace, Deployment, Service, HTTPRoute, NetworkPolicy, PVC, Secret placeholder) from a form.
- **[Read the runbooks](/docs/default/component/homelab-docs)**: cutover, rollback and Ollama operations.
`;

const startHereWidget = HomePageWidgetBlueprint.make({
  name: 'start-here',
  params: {
    name: 'HomelabStartHere',
    title: 'Homelab',
    description: 'Where to go from here',
    components: async () => ({
      Content: () => <MarkdownContent content={startHere} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [startHereWidget],
});
