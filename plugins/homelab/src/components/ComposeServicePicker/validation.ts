import { ResponseError } from '@backstage/errors';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { homelabApiRef } from '../../api/HomelabApi';
import { composeErrorMessage, notInFile } from './messages';
import { ALL_SERVICES } from './pastedEnv';

/**
 * Runs on "Next": the picked service (unless every service) must still be in the pasted file, which
 * may have been edited after the pick. Only the backend's 400 blocks the step;
 * when the backend cannot be asked, the import step reports the problem later.
 */
export const validateComposeService: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  const composeYaml = context.formData?.composeYaml;
  const api = context.apiHolder.get(homelabApiRef);
  if (!value || typeof composeYaml !== 'string' || !api) return;
  try {
    const { services } = await api.draftComposeService({ composeYaml });
    if (value !== ALL_SERVICES && !services.some(s => s.name === value)) {
      validation.addError(notInFile(value, services));
    }
  } catch (e) {
    if (e instanceof ResponseError && e.statusCode === 400) {
      validation.addError(composeErrorMessage(e));
    }
  }
};
