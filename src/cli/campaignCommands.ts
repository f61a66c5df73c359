import type { Command } from "commander";
import type { ApplyCommands } from "../commands/apply.js";
import type { PlanCommands } from "../commands/plan.js";
import { byodkimError, ExitCode } from "../errors.js";
import { addChangeProbeOptions, changeIdOption, changeProbeRequest, type ProbeFlags, wholeSeconds } from "./options.js";
import type { ChangeProbeRequest } from "../engine/probe/changeProbes.js";
import type { CliRuntime } from "./runtime.js";

interface PlanFlags {
  all?: boolean;
  due?: boolean;
  regions?: string;
  out?: string;
  format?: string;
}

type SingleCommands = {
  readonly enable: typeof import("../commands/enable.js").enable;
  readonly rotate: typeof import("../commands/rotate.js").rotate;
  readonly rollback: typeof import("../commands/rollback.js").rollback;
};

/** Each single command's dry run, and status's rule for a due key: what plan is handed (a command never imports another). */
export function planCommandsFrom({ enable, rotate, rollback }: SingleCommands, due: PlanCommands["due"]): PlanCommands {
  const common = { yes: false, dryRun: true, forceUnlock: false } as const;
  return {
    dryRun: {
      enable: (ctx, domain) => enable(ctx, { ...common, domain, selector: undefined, waitSeconds: 1800 }),
      rotate: (ctx, domain) => rotate(ctx, { ...common, domain, to: undefined, waitSeconds: 1800 }),
      rollback: (ctx, domain) => rollback(ctx, { ...common, domain, to: "previous", reason: undefined }),
    },
    due,
  };
}

/** The single commands and status, loaded when plan runs: --help must not pay for them. */
async function planCommands(): Promise<PlanCommands> {
  const [{ enable }, { rotate }, { rollback }, { status }] = await Promise.all([
    import("../commands/enable.js"),
    import("../commands/rotate.js"),
    import("../commands/rollback.js"),
    import("../commands/status.js"),
  ]);
  return planCommandsFrom({ enable, rotate, rollback }, async (ctx, targets, regions) => {
    const result = await status(ctx, {
      domains: targets?.map((target) => target.domain) ?? [],
      all: targets === undefined,
      regions: targets === undefined ? regions : undefined,
      publishMetrics: false,
    });
    return result.rows
      .filter((row) => row.reasons.includes("keyOverdue") || row.reasons.includes("rotationDueSoon"))
      .map((row) => ({ domain: row.domain, region: row.region }));
  });
}

export function registerPlan(program: Command, runtime: CliRuntime): void {
  program
    .command("plan")
    .description(runtime.help("help.plan"))
    .argument("<change>", runtime.help("help.plan.change"))
    .argument("[domains...]", runtime.help("help.plan.domains"))
    .option("--all", runtime.help("help.plan.all"))
    .option("--due", runtime.help("help.plan.due"))
    .option("--regions <list>", runtime.help("help.status.regions"))
    .option("--out <file>", runtime.help("help.plan.out"))
    .option("--format <format>", runtime.help("help.plan.format"), "text")
    .action((change: string, domains: string[], flags: PlanFlags, command: Command) =>
      runtime.action(command, async ({ out, context }) => {
        if (change !== "enable" && change !== "rotate" && change !== "rollback") throw byodkimError("usage", "plan.badChange", { change });
        const format = flags.format ?? "text";
        if (format !== "text" && format !== "md") throw byodkimError("usage", "plan.badFormat", { format });
        if (flags.all && domains.length > 0) throw byodkimError("usage", "status.allAndDomains", undefined);
        const [{ plan }, { parseRegions }, render, commands] = await Promise.all([
          import("../commands/plan.js"),
          import("../engine/fleet.js"),
          import("../ui/renderPlan.js"),
          planCommands(),
        ]);
        const regions = parseRegions(flags.regions);
        const result = await plan(
          await context(),
          { command: change, domains, all: flags.all === true, due: flags.due === true, regions, outFile: flags.out },
          commands,
        );
        return {
          exitCode: result.ok ? ExitCode.ok : ExitCode.checkFailed,
          text: () => (format === "md" && "stored" in result ? render.renderPlanMarkdown(out, result) : render.renderPlanText(out, result)),
          json: () => render.planJson(out, result),
        };
      }),
    );
}

export function registerApprove(program: Command, runtime: CliRuntime): void {
  program
    .command("approve")
    .description(runtime.help("help.approve"))
    .argument("<plan>", runtime.help("help.approve.plan"))
    .option("--comment <text>", runtime.help("help.approve.comment"))
    .action((planRef: string, flags: { comment?: string }, command: Command) =>
      runtime.action(command, async ({ out, options, context }) => {
        const [{ approve }, render] = await Promise.all([import("../commands/approve.js"), import("../ui/renderPlan.js")]);
        const result = await approve(await context(), { plan: planRef, comment: flags.comment, yes: options.yes });
        return {
          exitCode: result.ok ? ExitCode.ok : result.outcome === "declined" ? ExitCode.declined : ExitCode.checkFailed,
          text: () => render.renderApproveText(out, result),
          json: () => render.approveJson(out, result),
        };
      }),
    );
}

/** The single commands a campaign runs for its targets, confirmed already: what apply is handed. */
export function applyCommandsFrom({ enable, rotate, rollback }: SingleCommands, waitSeconds: number, probe?: ChangeProbeRequest): ApplyCommands {
  const common = { yes: true, dryRun: false, forceUnlock: false } as const;
  // Each target's switch probes as its own command would; a rollback never does (the incident path).
  const switching = { waitSeconds, ...(probe ? { probe } : {}) };
  return {
    change: {
      enable: (ctx, target) => enable(ctx, { ...common, ...switching, domain: target.domain, selector: target.selector ?? undefined }),
      rotate: (ctx, target) => rotate(ctx, { ...common, ...switching, domain: target.domain, to: target.selector ?? undefined }),
      rollback: (ctx, target) => rollback(ctx, { ...common, domain: target.domain, to: "previous", reason: `campaign ${ctx.planId?.slice(0, 8) ?? ""}` }),
    },
    rollback: (ctx, target, reason) => rollback(ctx, { ...common, domain: target.domain, to: "previous", reason }),
  };
}

async function applyCommands(waitSeconds: number, probe: ChangeProbeRequest | undefined): Promise<ApplyCommands> {
  const [{ enable }, { rotate }, { rollback }] = await Promise.all([
    import("../commands/enable.js"),
    import("../commands/rotate.js"),
    import("../commands/rollback.js"),
  ]);
  return applyCommandsFrom({ enable, rotate, rollback }, waitSeconds, probe);
}

export function registerApply(program: Command, runtime: CliRuntime): void {
  const command = program
    .command("apply")
    .description(runtime.help("help.apply"))
    .argument("<plan>", runtime.help("help.approve.plan"))
    .option("--wait <seconds>", runtime.help("help.apply.wait"), "1800")
    .addOption(changeIdOption(runtime.help("help.option.changeId")));
  addChangeProbeOptions(command, (key) => runtime.help(key)).action((planRef: string, flags: ProbeFlags & { wait?: string }, command: Command) =>
    runtime.action(command, async ({ out, options, context }) => {
      const waitSeconds = wholeSeconds(flags.wait);
      const probe = changeProbeRequest(flags);
      const [{ apply }, render, commands] = await Promise.all([
        import("../commands/apply.js"),
        import("../ui/renderPlan.js"),
        applyCommands(waitSeconds, probe),
      ]);
      const ctx = await context();
      // Asked for probes with nowhere to read them back: said before the first target moves.
      if (probe) (await import("../engine/probe/probe.js")).requireProbeConfig(ctx.config);
      const result = await apply(ctx, { plan: planRef, yes: options.yes }, commands);
      return { exitCode: result.exitCode, text: () => render.renderApplyText(out, result), json: () => render.applyJson(out, result) };
    }),
  );
}
