import type { LoggerService } from '@backstage/backend-plugin-api';

/** Logs one warning when a source goes down and one line when it is back. */
export class OutageLog {
  private readonly down = new Set<string>();

  constructor(private readonly logger: LoggerService) {}

  failed(source: string, message: string): void {
    if (this.down.has(source)) return;
    this.down.add(source);
    this.logger.warn(message);
  }

  recovered(source: string, message: string): void {
    if (this.down.delete(source)) this.logger.info(message);
  }
}
