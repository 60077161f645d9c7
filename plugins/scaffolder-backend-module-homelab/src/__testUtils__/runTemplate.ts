import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseEntityRef } from '@backstage/catalog-model';
import { createTemplateRenderer } from 'nunjitsu';
import { parse } from 'yaml';
import { actionContext } from './actionContext';

type Handler = { handler: (ctx: any) => Promise<void> };

/**
 * Runs a template's steps against real actions the way the scaffolder's workflow runner
 * does: each string input is rendered with ${{ }} expressions (whole expressions keep
 * their type), `if:` skips steps, and outputs feed later steps.
 */
export async function runTemplate(options: {
  templateFile: string;
  parameters: Record<string, unknown>;
  actions: Record<string, Handler>;
  workspacePath: string;
  user?: { ref?: string; entity?: any };
}) {
  const template = parse(fs.readFileSync(options.templateFile, 'utf8'));
  const renderer = createTemplateRenderer({
    filters: {
      parseEntityRef: (ref: any) => parseEntityRef(String(ref)),
      pick: (value: any, key: any) => value?.[key],
    },
  });
  const context: Record<string, any> = {
    parameters: options.parameters,
    steps: {},
  };
  const render = (value: unknown) =>
    JSON.parse(JSON.stringify(value), (_key, v) =>
      typeof v === 'string' ? renderer.renderValue(v, context) : v,
    );
  const ran: string[] = [];
  /** Every line the actions logged, as the task log shows them. */
  const logs: string[] = [];
  for (const step of template.spec.steps) {
    if (typeof step.if === 'string' && !render(step.if)) continue;
    const action = options.actions[step.action];
    if (!action) throw new Error(`no action ${step.action} in this test`);
    const { ctx, outputs, logLines } = actionContext(render(step.input ?? {}), {
      workspacePath: options.workspacePath,
      templateRef: `template:default/${template.metadata.name}`,
      user: options.user,
    });
    ctx.templateInfo = {
      entityRef: `template:default/${template.metadata.name}`,
      baseUrl: pathToFileURL(options.templateFile).href,
    };
    await action
      .handler(ctx)
      .finally(() =>
        logs.push(...(['info', 'warn', 'error'] as const).flatMap(logLines)),
      );
    context.steps[step.id] = { output: outputs() };
    ran.push(step.id);
  }
  return {
    ran,
    logs,
    steps: context.steps,
    output: render(template.spec.output),
  };
}
