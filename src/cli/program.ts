/**
 * The `congvan` program. Only the command that runs is imported (registry.ts); the others
 * are stand-ins that carry the name, usage and description `congvan --help` lists.
 */
import { Command, Help } from 'commander';
import { COMMANDS } from './registry.js';

/**
 * The command an argument list runs: the first word that is not an option (the program's
 * own options take no values), or the one after `help`.
 */
export function commandOf(args: string[]): string | null {
  const i = args.findIndex((a) => !a.startsWith('-'));
  if (i < 0) return null;
  return args[i] === 'help' ? args.slice(i + 1).find((a) => !a.startsWith('-')) ?? null : args[i]!;
}

/**
 * The program with the commands named in `load` (or all of them) imported, the others as
 * stand-ins. A stand-in that is run records its name in `missed` instead (the caller loads
 * it and parses again).
 */
export async function makeProgram(load: string[] | 'all', missed: { name: string | null } = { name: null }): Promise<Command> {
  const usage = new Map<Command, string>();
  const program = new Command('congvan')
    .description('Turns Vietnamese official documents (công văn, kế hoạch) into tracked obligations.')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError()
    .configureHelp({
      subcommandTerm(cmd) {
        return usage.has(cmd) ? `${cmd.name()} ${usage.get(cmd)}` : Help.prototype.subcommandTerm.call(this, cmd);
      },
    })
    .addHelpText('after', `
Examples:
  congvan ingest corpus/                     ingest a folder into output/congvan.db and output/json/
  congvan search "so noi vu" --due-before 2021-12-31
  congvan show 000_7a7f3f59d8dfdfb4          print one stored record
  congvan export --format ndjson --out all.ndjson
  congvan eval --gold corpus/gold --pred output/json`);

  const made = await Promise.all(
    COMMANDS.map(async (c) => {
      if (load === 'all' || load.includes(c.name)) return (await c.load())();
      const stub = new Command(c.name)
        .description(c.description)
        .helpOption(false)
        .allowUnknownOption()
        .allowExcessArguments()
        .action(() => {
          missed.name = c.name;
        });
      usage.set(stub, c.usage);
      return stub;
    }),
  );
  for (const cmd of made) program.addCommand(cmd.exitOverride());
  return program;
}
