import type { Config } from '@backstage/config';

/**
 * The portal as a git identity (the committer of scaffolds and merges; a person is the
 * author): Backstage's scaffolder.defaultAuthor, else the homelab default.
 */
export function portalGitIdentity(config: Config): {
  name: string;
  email: string;
} {
  return {
    name:
      config.getOptionalString('scaffolder.defaultAuthor.name') ??
      'Homelab portal',
    email:
      config.getOptionalString('scaffolder.defaultAuthor.email') ??
      'portal@homelab.home.arpa',
  };
}
