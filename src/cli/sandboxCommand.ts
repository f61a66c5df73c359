import { type Command, Help } from "commander";
import { ExitCode } from "../errors.js";
import { collect } from "./options.js";
import type { CliRuntime } from "./runtime.js";
import type { HelpKey } from "../messages/helpMessages.js";

interface SandboxFlags {
  scenario?: string;
  port?: string;
  fault?: string[];
  list?: boolean;
  env?: boolean;
  checksBeforeFailure?: string;
  sesRateLimit?: string;
  as?: string;
}

export function registerSandbox(program: Command, runtime: CliRuntime): void {
  const sandbox = program
    .command("sandbox")
    .description(runtime.help("help.sandbox"))
    .option("--scenario <name>", runtime.help("help.sandbox.scenario"), "good")
    .option("--list", runtime.help("help.sandbox.list"))
    .option("--env", runtime.help("help.sandbox.env"))
    .option("--as <principal>", runtime.help("help.sandbox.as"))
    .option("--port <port>", runtime.help("help.sandbox.port"))
    .option("--fault <Operation=kind>", runtime.help("help.sandbox.fault"), collect)
    .option("--checks-before-failure <n>", runtime.help("help.sandbox.checksBeforeFailure"), "120")
    .option("--ses-rate-limit <n>", runtime.help("help.sandbox.sesRateLimit"))
    .action((flags: SandboxFlags, command: Command) =>
      runtime.action(command, async ({ out, env, onInterrupt }) => {
        // The sandbox and its rendering load only when asked for: --help must not pay for them.
        const { renderSandboxStarted, renderSandboxStopped, renderScenarioList, sandboxJson, scenarioListJson } = await import("../ui/renderSandbox.js");
        if (flags.list) return { exitCode: ExitCode.ok, text: () => renderScenarioList(out), json: scenarioListJson };
        const { runSandboxCommand, sandboxEnvLines } = await import("../commands/sandbox.js");
        const { byodkimInvocation, thisProcessStart } = await import("./invocation.js");
        const invocation = byodkimInvocation(thisProcessStart(env));
        if (flags.env) {
          const lines = await sandboxEnvLines(env, `${invocation} sandbox`, flags.as);
          return { exitCode: ExitCode.ok, text: () => lines, json: () => ({ command: "sandbox", outcome: "ok", script: lines }) };
        }
        await runSandboxCommand(flags, env, {
          started: (sandbox, envFile) =>
            out.stdout.write(out.json ? `${JSON.stringify(sandboxJson(sandbox))}\n` : renderSandboxStarted(out, sandbox, invocation, envFile)),
          onStopRequest: onInterrupt,
        });
        if (!out.json) out.stderr.write(renderSandboxStopped(out));
        return { exitCode: ExitCode.ok, text: () => "", json: () => null };
      }),
    );
  registerSandboxAlarm(sandbox, runtime);
  registerSandboxMail(sandbox, runtime);
}

/** Its help lists byodkim's global options, not the flags that start a sandbox, which a subcommand ignores. */
function withoutStartingOptions(sandbox: Command, startingOptions: ReadonlySet<unknown>) {
  return {
    ...sandbox.configureHelp(),
    visibleGlobalOptions(this: Help, command: Command) {
      return Help.prototype.visibleGlobalOptions.call(this, command).filter((option) => !startingOptions.has(option));
    },
  };
}

/** Subcommands acting on the running sandbox's mail: DMARC reports to rehearse with, and drills shaping what SES signs. */
function registerSandboxMail(sandbox: Command, runtime: CliRuntime): void {
  const startingOptions = new Set(sandbox.options);
  sandbox
    .command("dmarc-reports")
    .configureHelp(withoutStartingOptions(sandbox, startingOptions))
    .description(runtime.help("help.sandbox.dmarcReports"))
    .option("--out <dir|s3://bucket/prefix>", runtime.help("help.sandbox.dmarcReports.out"))
    .option("--days <n>", runtime.help("help.sandbox.dmarcReports.days"))
    .option("--domain <domain>", runtime.help("help.sandbox.dmarcReports.domain"))
    .action((flags: { out?: string; days?: string; domain?: string }, command: Command) =>
      runtime.action(command, async ({ out, env }) => {
        const { writeRunningSandboxDmarcReports } = await import("../commands/sandboxMail.js");
        const { renderSandboxDmarcReports, sandboxDmarcReportsJson } = await import("../ui/renderSandboxMail.js");
        const { byodkimInvocation, thisProcessStart } = await import("./invocation.js");
        const written = await writeRunningSandboxDmarcReports(env, flags, `${byodkimInvocation(thisProcessStart(env))} sandbox`);
        return { exitCode: ExitCode.ok, text: () => renderSandboxDmarcReports(out, written), json: () => sandboxDmarcReportsJson(written) };
      }),
    );
  const drill = (name: string, description: HelpKey, offFlag: string, offHelp: HelpKey, field: "holdPending" | "wrongKey") =>
    sandbox
      .command(name)
      .configureHelp(withoutStartingOptions(sandbox, startingOptions))
      .description(runtime.help(description))
      .argument("<identity>", runtime.help("help.sandbox.identity"))
      .option(offFlag, runtime.help(offHelp))
      .action((identity: string, flags: Record<string, boolean | undefined>, command: Command) =>
        // The identity's region is byodkim's own --region (the sandbox's home region when not given).
        runtime.action(command, async ({ out, env, options }) => {
          const { setRunningSandboxMailDrill } = await import("../commands/sandboxMail.js");
          const { renderSandboxMailDrill, sandboxMailDrillJson } = await import("../ui/renderSandboxMail.js");
          const { byodkimInvocation, thisProcessStart } = await import("./invocation.js");
          const off = Object.values(flags).some((value) => value === true);
          const region = options.region === undefined ? {} : { region: options.region };
          const drills = await setRunningSandboxMailDrill(env, { identity, ...region, [field]: !off }, `${byodkimInvocation(thisProcessStart(env))} sandbox`);
          return {
            exitCode: ExitCode.ok,
            text: () => renderSandboxMailDrill(out, identity, drills),
            json: () => sandboxMailDrillJson(`sandbox ${name}`, identity, drills),
          };
        }),
      );
  drill("hold-pending", "help.sandbox.holdPending", "--release", "help.sandbox.holdPending.release", "holdPending");
  drill("wrong-key", "help.sandbox.wrongKey", "--off", "help.sandbox.wrongKey.off", "wrongKey");
  // Two drills on the running sandbox's calendar, each given a number of days from another shell.
  const daysDrill = (
    name: "age" | "advance",
    help: "help.sandbox.age" | "help.sandbox.advance",
    daysHelp: "help.sandbox.age.days" | "help.sandbox.advance.days",
  ) =>
    sandbox
      .command(name)
      .configureHelp(withoutStartingOptions(sandbox, startingOptions))
      .description(runtime.help(help))
      .argument("<days>", runtime.help(daysHelp))
      .action((days: string, _flags: unknown, command: Command) =>
        runtime.action(command, async ({ out, env }) => {
          const [{ ageRunningSandbox, advanceRunningSandbox }, { renderSandboxAged, renderSandboxAdvanced }, { byodkimInvocation, thisProcessStart }] =
            await Promise.all([import("../commands/sandboxMail.js"), import("../ui/renderSandboxMail.js"), import("./invocation.js")]);
          const startCommand = `${byodkimInvocation(thisProcessStart(env))} sandbox`;
          if (name === "age") {
            const aged = await ageRunningSandbox(env, days, startCommand);
            return { exitCode: ExitCode.ok, text: () => renderSandboxAged(out, aged), json: () => ({ command: "sandbox age", outcome: "aged", ...aged }) };
          }
          const clock = await advanceRunningSandbox(env, days, startCommand);
          return {
            exitCode: ExitCode.ok,
            text: () => renderSandboxAdvanced(out, clock),
            json: () => ({ command: "sandbox advance", outcome: "advanced", ...clock }),
          };
        }),
      );
  daysDrill("age", "help.sandbox.age", "help.sandbox.age.days");
  daysDrill("advance", "help.sandbox.advance", "help.sandbox.advance.days");
}

/**
 * A subcommand, not a flag of `sandbox`: it acts on the sandbox already running in another shell,
 * where every flag of `sandbox` (--scenario, --port, --fault) shapes a new one; and it takes a
 * name, a state and a reason, which read as words (`sandbox alarm bounce-rate ALARM`), not as `--set-alarm name=STATE`.
 */
function registerSandboxAlarm(sandbox: Command, runtime: CliRuntime): void {
  const startingOptions = new Set(sandbox.options);
  sandbox
    .command("alarm")
    // Its help lists byodkim's global options, not the flags that start a sandbox, which it ignores.
    .configureHelp({
      ...sandbox.configureHelp(),
      visibleGlobalOptions(this: Help, command: Command) {
        return Help.prototype.visibleGlobalOptions.call(this, command).filter((option) => !startingOptions.has(option));
      },
    })
    .description(runtime.help("help.sandbox.alarm"))
    .argument("<name>", runtime.help("help.sandbox.alarm.name"))
    .argument("<state>", runtime.help("help.sandbox.alarm.state"))
    .option("--reason <text>", runtime.help("help.sandbox.alarm.reason"))
    .action((name: string, state: string, flags: { reason?: string }, command: Command) =>
      runtime.action(command, async ({ out, env }) => {
        const { setRunningSandboxAlarm } = await import("../commands/sandboxAlarm.js");
        const { renderSandboxAlarmSet, sandboxAlarmJson } = await import("../ui/renderSandboxAlarm.js");
        const { byodkimInvocation, thisProcessStart } = await import("./invocation.js");
        const change = await setRunningSandboxAlarm(env, { name, state, ...flags }, `${byodkimInvocation(thisProcessStart(env))} sandbox`);
        return { exitCode: ExitCode.ok, text: () => renderSandboxAlarmSet(out, change), json: () => sandboxAlarmJson(change) };
      }),
    );
}

export function registerDemo(program: Command, runtime: CliRuntime): void {
  program
    .command("demo")
    .description(runtime.help("help.demo"))
    .action((_flags: unknown, command: Command) =>
      runtime.action(command, async ({ out, options, env }) => {
        const { runDemo } = await import("../commands/demo.js");
        const { renderDemoDone, renderDemoIntro, renderDemoSandboxActs, renderDemoStep } = await import("../ui/renderSandbox.js");
        const { byodkimInvocation, thisProcessStart } = await import("./invocation.js");
        // Only the options the operator gave: without them each step chooses its language and colour as the demo did.
        const given = (name: string) => command.getOptionValueSourceWithGlobals(name) === "cli";
        const carried = [...(given("lang") && options.lang ? ["--lang", options.lang] : []), ...(given("color") && !options.color ? ["--no-color"] : [])];
        const exitCode = await runDemo(
          { carried, interactive: process.stdin.isTTY === true && process.stdout.isTTY === true },
          {
            intro: (sandbox, interactive) => out.stdout.write(renderDemoIntro(out, sandbox, interactive)),
            step: (args) => out.stdout.write(renderDemoStep(out, args)),
            sandboxActs: (what) => out.stdout.write(renderDemoSandboxActs(out, what)),
          },
        );
        if (exitCode === ExitCode.ok) out.stdout.write(renderDemoDone(out, byodkimInvocation(thisProcessStart(env))));
        return { exitCode, text: () => "", json: () => ({ command: "demo", ok: exitCode === ExitCode.ok, exitCode }) };
      }),
    );
}
