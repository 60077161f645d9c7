import { Command, CommanderError } from 'commander';
import { registerLintCommand } from './commands/lint';
import { registerRenderCommand } from './commands/render';
import { registerPhasesCommand } from './commands/phases';
import { registerComposeImportCommand } from './commands/composeImport';

/** Builds the `homelab` program; each command registers itself from src/commands/. */
export function createProgram(): Command {
  const program = new Command('homelab')
    .description(
      'Homelab manifests: render service specs, lint Kubernetes YAML',
    )
    .exitOverride();
  registerRenderCommand(program);
  registerLintCommand(program);
  registerPhasesCommand(program);
  registerComposeImportCommand(program);
  return program;
}

/** Entry point of bin/homelab. Usage errors exit 2, like unreadable input. */
export async function main(argv: string[]): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(
      `homelab: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  }
}
