/** The picker's value for "every service of the file" (the template's `service: '*'`). */
export const ALL_SERVICES = '*';

/** The .env and env_file contents pasted on the same form, as the draft request takes them. */
export interface PastedEnv {
  envFile?: string;
  envFiles?: Record<string, string>;
}

/**
 * Reads the form's `envFile` (text) and `envFiles` (a list of `{ path, content }`); rows
 * without a path yet are left out, so typing one does not send a half-made entry.
 */
export function pastedEnv(
  formData: Record<string, unknown> | undefined,
): PastedEnv {
  const envFile =
    typeof formData?.envFile === 'string' && formData.envFile.trim() !== ''
      ? formData.envFile
      : undefined;
  const rows = Array.isArray(formData?.envFiles) ? formData!.envFiles : [];
  const entries = rows
    .filter(
      (row): row is { path: string; content?: string } =>
        typeof row?.path === 'string' && row.path.trim() !== '',
    )
    .map(row => [
      row.path.trim(),
      typeof row.content === 'string' ? row.content : '',
    ]);
  return {
    envFile,
    envFiles: entries.length > 0 ? Object.fromEntries(entries) : undefined,
  };
}
