import { formatCommandHelp, isHelpRequest, type CommandHelp } from './command-help.ts';
import { writeLine, type CliContext, type Command } from './context.ts';

/** What every command file exports: `run`, and the `help` its parseArgs options come from. */
export interface CommandModule {
  run: Command;
  help: CommandHelp;
}

/**
 * Runs a loaded command, or prints its help (stdout, exit 0) when the arguments ask for it. A
 * command with subcommands leaves `sift sources check --help` to the subcommand it names.
 */
export async function runCommand(module: CommandModule, args: string[], ctx: CliContext): Promise<number> {
  const { subcommands } = module.help;
  const isForSubcommand = subcommands !== undefined && args[0] !== undefined && Object.hasOwn(subcommands, args[0]);
  if (!isForSubcommand && isHelpRequest(args)) {
    writeLine(ctx.stdout, formatCommandHelp(module.help));
    return 0;
  }
  return module.run(args, ctx);
}
