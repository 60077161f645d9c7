import type { ComponentParts } from '@backstage/plugin-home-react';

/** One home page widget as both frontend systems declare it. */
export interface HomeWidgetDefinition {
  /** The widget's name in a home page layout (`component:` of page:home's defaultConfig). */
  name: string;
  title: string;
  description: string;
  components: () => Promise<ComponentParts>;
}

/** The four homelab widgets, loaded on demand. */
export const HOME_WIDGETS: HomeWidgetDefinition[] = [
  {
    name: 'HomelabMigration',
    title: 'Migration',
    description:
      'Phases in progress, what blocks them, a cutover in progress first',
    components: () =>
      import('./MigrationWidget').then(m => ({ Content: m.MigrationWidget })),
  },
  {
    name: 'HomelabClusterHealth',
    title: 'Cluster health',
    description:
      'Node requests against allocatable; pods not running and ready',
    components: () =>
      import('./ClusterHealthWidget').then(m => ({
        Content: m.ClusterHealthWidget,
      })),
  },
  {
    name: 'HomelabOllama',
    title: 'Ollama',
    description: 'Up or down, loaded models against the memory limit',
    components: () =>
      import('./OllamaWidget').then(m => ({ Content: m.OllamaWidget })),
  },
  {
    name: 'HomelabRecentChanges',
    title: 'Recent changes',
    description:
      'The last scaffolder runs with their outcome and pull requests',
    components: () =>
      import('./RecentChangesWidget').then(m => ({
        Content: m.RecentChangesWidget,
      })),
  },
];
