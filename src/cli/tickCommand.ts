import type { Command } from "commander";
import type { TickCommands } from "../commands/tick.js";
import { applyCommandsFrom, planCommandsFrom } from "./campaignCommands.js";
import type { CliRuntime } from "./runtime.js";

/** How long a rotation tick runs waits for SES to verify the new key: the rotate command's own default. */
const ROTATE_WAIT_SECONDS = 1800;

type StepModules = {
  readonly keygen: typeof import("../commands/keygen.js").keygen;
  readonly rotate: typeof import("../commands/rotate.js").rotate;
  readonly retire: typeof import("../commands/retire.js").retire;
  readonly enable: typeof import("../commands/enable.js").enable;
  readonly rollback: typeof import("../commands/rollback.js").rollback;
  readonly plan: typeof import("../commands/plan.js").plan;
  readonly apply: typeof import("../commands/apply.js").apply;
  readonly publishKey: typeof import("../commands/publishKey.js").publishKey;
};

/** The commands a person would type for each step, as tick hands them (a command never imports another). */
export function tickCommandsFrom({ keygen, rotate, retire, enable, rollback, plan, apply, publishKey }: StepModules): TickCommands {
  // tick plans one named identity, never "--due": status's rule is not needed.
  const planning = planCommandsFrom({ enable, rotate, rollback }, async () => []);
  return {
    keygen: (ctx, { domain, yes, outDir }) => keygen(ctx, { domain, selector: undefined, bits: 2048, yes, dryRun: false, outDir }),
    rotate: (ctx, { domain, to, yes }) => rotate(ctx, { domain, to, yes, dryRun: false, waitSeconds: ROTATE_WAIT_SECONDS, forceUnlock: false }),
    retire: (ctx, { domain, selector, yes }) => retire(ctx, { selector, domain, deleteKey: false, yes, dryRun: false }),
    publish: (ctx, { domain, selector, yes }) => publishKey(ctx, { domain, selector, yes }),
    plan: async (ctx, { domain }) => {
      const result = await plan(ctx, { command: "rotate", domains: [domain], all: false, due: false, regions: [ctx.region], outFile: undefined }, planning);
      if (result.outcome !== "planned") return { id: null, plannedBy: null, ok: false, problem: "problem" in result ? result.problem : null };
      const ready = result.plan.targets.some((target) => target.domain === domain && target.region === ctx.region && target.state === "ready");
      return { id: result.id, plannedBy: result.plan.plannedBy, ok: ready, problem: null };
    },
    apply: async (ctx, { planId, yes }) => {
      const result = await apply(ctx, { plan: planId, yes }, applyCommandsFrom({ enable, rotate, rollback }, ROTATE_WAIT_SECONDS));
      return { exitCode: result.exitCode, outcome: result.outcome };
    },
  };
}

/** Loaded when tick runs: --help must not pay for them. */
async function tickCommands(): Promise<TickCommands> {
  const [{ keygen }, { rotate }, { retire }, { enable }, { rollback }, { plan }, { apply }, { publishKey }] = await Promise.all([
    import("../commands/keygen.js"),
    import("../commands/rotate.js"),
    import("../commands/retire.js"),
    import("../commands/enable.js"),
    import("../commands/rollback.js"),
    import("../commands/plan.js"),
    import("../commands/apply.js"),
    import("../commands/publishKey.js"),
  ]);
  return tickCommandsFrom({ keygen, rotate, retire, enable, rollback, plan, apply, publishKey });
}

export function registerTick(program: Command, runtime: CliRuntime): void {
  program
    .command("tick")
    .description(runtime.help("help.tick"))
    .argument("[domains...]", runtime.help("help.tick.domains"))
    .option("--all", runtime.help("help.tick.all"))
    .option("--out <dir>", runtime.help("help.tick.out"))
    .action((domains: string[], flags: { all?: boolean; out?: string }, command: Command) =>
      runtime.action(command, async ({ out, context }) => {
        const [{ tick }, { renderTickText, tickJson }, commands] = await Promise.all([
          import("../commands/tick.js"),
          import("../ui/renderTick.js"),
          tickCommands(),
        ]);
        const result = await tick(await context(), { domains, all: flags.all === true, outDir: flags.out }, commands);
        return { exitCode: result.exitCode, text: () => renderTickText(out, result), json: () => tickJson(out, result) };
      }),
    );
}
