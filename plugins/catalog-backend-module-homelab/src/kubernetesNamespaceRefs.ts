import { discoveredRef } from './provider/names';

/**
 * Which entity stands for each Kubernetes namespace (the declared one if any, else the
 * discovered one), as of the provider's last pass. The processor relates a component to
 * the entity of its `backstage.io/kubernetes-namespace` through it.
 */
export class KubernetesNamespaceRefs {
  private refs?: Map<string, string>;

  /** Replaces the whole map (Kubernetes namespace name -> entity ref). */
  update(refs: Map<string, string>): void {
    this.refs = new Map(
      [...refs].map(([name, ref]) => [name.toLowerCase(), ref]),
    );
  }

  /**
   * The entity ref for a Kubernetes namespace, or undefined before the provider has run
   * (or with discovery off). A namespace unknown to a pass gets the ref discovery will give it.
   */
  refFor(namespace: string): string | undefined {
    if (!this.refs) return undefined;
    return (
      this.refs.get(namespace.toLowerCase()) ??
      discoveredRef('kubernetes-namespace', namespace)
    );
  }
}
