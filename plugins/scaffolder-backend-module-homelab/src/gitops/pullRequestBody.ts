/** The pull request's body: the files, the lint summary and what the import left behind. */
export function pullRequestBody(options: {
  files: string[];
  appended: string[];
  lint?: { errors?: number; warnings?: number; infos?: number };
  notCarriedOver?: Array<{ key: string; reason: string }>;
  entityRef?: string;
  template: string;
}): string {
  const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
  const lines = [
    `Scaffolded by the homelab portal from ${code(options.template)}.`,
    '',
  ];
  if (options.entityRef) {
    lines.push(
      `Once merged, the catalog shows ${code(options.entityRef)}.`,
      '',
    );
  }
  lines.push('### Files', '');
  const appended = new Set(options.appended);
  for (const file of options.files) {
    lines.push(
      `- ${code(file)}${
        appended.has(file) ? ' (existing file, service appended)' : ''
      }`,
    );
  }
  lines.push('', '### homelab lint', '');
  lines.push(
    options.lint
      ? `${options.lint.errors ?? 0} errors, ${
          options.lint.warnings ?? 0
        } warnings, ${options.lint.infos ?? 0} infos.`
      : 'Not run by the template.',
  );
  if (options.notCarriedOver?.length) {
    lines.push('', '### Not carried over from compose', '');
    for (const item of options.notCarriedOver) {
      lines.push(`- ${code(item.key)}: ${item.reason.replace(/\n/g, ' ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
