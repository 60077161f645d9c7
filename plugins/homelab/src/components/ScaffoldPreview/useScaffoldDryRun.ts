import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import type { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import type { JsonObject } from '@backstage/types';
import useAsyncFn from 'react-use/esm/useAsyncFn';

export interface ScaffoldPreviewResult {
  files: { path: string; content: string }[];
  /** The lint step's summary line, e.g. "lint: 5 file(s), 0 error(s), 1 warning(s), 0 info(s)". */
  lintSummary?: string;
  /** Lint findings and other warnings or errors of the run, one line each. */
  findings: string[];
}

// Task log lines carry the logger's colours and level: "\u001b[33mwarn\u001b[39m: …".
// eslint-disable-next-line no-control-regex
const ANSI_COLOUR = /\u001b\[[0-9;]*m/g;
const LEVEL = /^(info|warn|error): /;

function logLines(response: { log: { body: { message?: string } }[] }) {
  return response.log.map(l =>
    String(l.body.message ?? '').replace(ANSI_COLOUR, ''),
  );
}

/** The backend's reason when it refuses the run (400 with an InputError). */
function refusal(error: any): Error {
  const message = error?.body?.error?.message;
  return message ? new Error(message) : error;
}

function decode(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Runs the template as a dry run on the scaffolder backend with the form's
 * current values: the same render and lint steps the real task runs, nothing
 * published or registered. The template is read from the catalog.
 */
export function useScaffoldDryRun(templateRef: string | undefined) {
  const catalogApi = useApi(catalogApiRef);
  const scaffolderApi = useApi(scaffolderApiRef);

  return useAsyncFn(
    async (values: JsonObject): Promise<ScaffoldPreviewResult> => {
      if (!templateRef) throw new Error('no template to preview on this page');
      if (!scaffolderApi.dryRun)
        throw new Error('this scaffolder backend cannot do dry runs');
      const template = (await catalogApi.getEntityByRef(templateRef)) as
        | TemplateEntityV1beta3
        | undefined;
      if (!template) throw new Error(`${templateRef} is not in the catalog`);
      // A step that fails makes the backend answer 400 with the step's error.
      const response = await scaffolderApi
        .dryRun({ template, values, secrets: {}, directoryContents: [] })
        .catch(error => {
          throw refusal(error);
        });
      const messages = logLines(response);
      return {
        files: response.directoryContents.map(f => ({
          path: f.path,
          content: decode(f.base64Content),
        })),
        lintSummary: messages
          .find(m => /^info: lint: \d+ file/.test(m))
          ?.replace(LEVEL, ''),
        findings: messages.filter(m => /^(warn|error): /.test(m)),
      };
    },
    [templateRef, catalogApi, scaffolderApi],
  );
}
