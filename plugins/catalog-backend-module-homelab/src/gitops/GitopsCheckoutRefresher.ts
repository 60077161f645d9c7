import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { GitopsCheckout } from '@internal/plugin-homelab-node';
import { checkoutRefreshKey } from './GitopsCheckoutProcessor';

/**
 * Emits no entities: after a fetch that moved the checkout (or its scaffold branches),
 * it asks the catalog to read the homelab-gitops locations again at once, instead of
 * at the next processing interval, so a merged service shows within one fetch.
 */
export class GitopsCheckoutRefresher implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(private readonly checkout: GitopsCheckout) {}

  getProviderName(): string {
    return 'homelab-gitops-checkout';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  async changed(): Promise<void> {
    await this.connection?.refresh({
      keys: [checkoutRefreshKey(this.checkout.dir)],
    });
  }
}
