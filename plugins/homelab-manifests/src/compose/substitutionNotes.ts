import type {
  MissingVariable,
  NormalizeResult,
  Substitution,
} from './normalize';

const SOURCE: Record<Substitution['source'], string> = {
  'env-file': 'from the env file',
  environment: 'from the environment',
  default: 'its default',
  alternative: 'its alternative value',
  unset: 'unset, so ""',
};

/** "Check" notes for every substitution in one service; secret ones by name only. */
export function substitutionNotes(
  result: NormalizeResult,
  service: string,
): string[] {
  const prefix = `services.${service}.`;
  return result.substitutions
    .filter(s => s.path.startsWith(prefix))
    .map(s => {
      const where = s.path.slice(prefix.length);
      if (s.secret)
        return `\${${s.variable}} in ${where}: ${
          SOURCE[s.source]
        } (secret: value not shown)`;
      return `\${${s.variable}} in ${where}: ${SOURCE[s.source]} "${
        s.value
      }" was used`;
    });
}

/** Required variables without value that this service (or the .env file) needs. */
export function missingFor(
  result: NormalizeResult,
  service: string,
): MissingVariable[] {
  const prefix = `services.${service}.`;
  return result.missing.filter(
    m => m.path.startsWith(prefix) || !m.path.startsWith('services.'),
  );
}

export function describeMissing(missing: MissingVariable[]): string {
  return missing
    .map(
      m =>
        `required variable ${m.variable} is not set${
          m.message ? ` (${m.message})` : ''
        }, used in ${m.path.replace(
          /^services\.[^.]+\./,
          '',
        )}; set it in the env file (--env-file) or the environment (--use-env)`,
    )
    .join('; ');
}
