/**
 * V8 settings for `dossier build` on a machine of two cores or fewer, where the build's own
 * threads (this one, a render worker, the search index's worker) keep every core busy and any work
 * V8 does beside them is taken from them.
 *
 * - **Scavenging on the thread that asked.** A cold build allocates fast in every thread: at 1,000
 *   memos V8 collected their young objects about 400 times, 2 s of CPU in all. By default each such
 *   collection (a scavenge) is shared out to tasks on V8's own threads, and the thread that asked
 *   waits for them all; on two busy cores those tasks first wait for a core. Scavenging on the
 *   thread that asked does the same work without that wait: in thirteen alternating pairs of cold
 *   builds at 1,000 memos (5 December) the build was shorter in twelve, by about 0.28 s (3 %) at the
 *   median of the pairs.
 * - **Optimising less, later.** `perf` over every thread of a cold build at 1,000 memos (5 December)
 *   put 18 % of its CPU in V8's optimising compiler, each thread optimising for itself the code it
 *   runs often, much of it code that runs for a second or two. A function is optimised once it has
 *   run four times as much as V8's default asks (`--interrupt-budget`), and an optimised function
 *   takes in at most half as much of the functions it calls (`--max-inlined-bytecode-size-cumulative`).
 *   In three alternating triples of cold builds at 1,000 memos the build used 14.7–14.8 s of CPU
 *   against 15.8–16.4 s with V8's defaults, and was 0.3–1.2 s shorter.
 *
 * V8's settings are for the whole process and every thread in it; each is read when it is used
 * (at a scavenge, when a function's budget is set or it is optimised), so it takes effect when set.
 * They are made only where they were measured (two cores or fewer) and never over a setting the user
 * made on Node's command line (Node refuses these flags in NODE_OPTIONS). They hold for the rest of
 * the process: a watching build runs on with them, and only builds. A server keeps V8's defaults: it
 * runs for hours, where code optimised early and fully pays for itself.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

/** Each setting: V8's flag and what the build sets it to. */
export const BUILD_V8_SETTINGS: ReadonlyArray<{ readonly flag: string; readonly value: number | false }> = [
  { flag: 'parallel-scavenge', value: false },
  // Four times V8's default of 67,584 (bytecode size run before a function is optimised).
  { flag: 'interrupt-budget', value: 270_336 },
  // Half V8's default of 920.
  { flag: 'max-inlined-bytecode-size-cumulative', value: 460 },
];

/** Whether a flag is given, in any form V8 reads (`--flag`, `--no-flag`, `--noflag`, `--flag=…`, with `-` or `_`), among arguments. */
function flagGiven(flag: string, argumentsGiven: readonly string[]): boolean {
  const name = flag.replaceAll('-', '[-_]');
  const pattern = new RegExp(`^--(?:no[-_]?)?${name}(?:=|$)`, 'u');
  return argumentsGiven.some((argument) => pattern.test(argument));
}

/** The V8 flags a build sets: none above two cores, and none the user gave in Node's arguments. */
export function buildV8Flags(cores: number, execArgv: readonly string[]): string[] {
  if (cores > 2) return [];
  return BUILD_V8_SETTINGS.filter(({ flag }) => !flagGiven(flag, execArgv)).map(({ flag, value }) => (value === false ? `--no-${flag}` : `--${flag}=${value}`));
}

let applied: string[] | null = null;

/** Sets the flags buildV8Flags gives, once per process; returns those set (from now on, in this process). */
export function applyBuildV8Settings(cores: number = availableParallelism()): readonly string[] {
  if (applied !== null) return applied;
  applied = buildV8Flags(cores, process.execArgv);
  for (const flag of applied) setFlagsFromString(flag);
  return applied;
}
