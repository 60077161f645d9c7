import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';

/**
 * The action, except that an error it throws reaches the task log as `Name: message`. The
 * scaffolder writes a failed step's `error.stack` into the task log, which every user who
 * can read the task sees: file paths of the portal's host and its code. The whole stack
 * goes to the backend log at debug instead.
 */
export function withMessageOnlyErrors<A extends TemplateAction<any, any, any>>(
  action: A,
  logger: LoggerService,
): A {
  return {
    ...action,
    handler: async ctx => {
      try {
        await action.handler(ctx);
      } catch (thrown) {
        const error = thrown instanceof Error ? thrown : new Error(String(thrown));
        logger.debug(`${action.id} failed: ${error.stack ?? error.message}`);
        // The same error (class, message, cause) for the scaffolder; only its stack is cut.
        Object.defineProperty(error, 'stack', {
          value: `${error.name}: ${error.message}`,
          configurable: true,
          writable: true,
        });
        throw error;
      }
    },
  };
}
