import type { Sandbox } from "../sandbox/start.js";
import { SCENARIOS } from "../sandbox/scenarios.js";
import { sandboxEnvScript, shellQuote } from "../sandbox/shellEnv.js";
import { type Msg, msg } from "../messages/msg.js";
import { afterInParentheses, labelled } from "./punctuation.js";
import type { Output } from "./output.js";

export function renderScenarioList(out: Output): string {
  const width = Math.max(...SCENARIOS.map((scenario) => scenario.name.length));
  return `${SCENARIOS.map((scenario) => `${out.color.bold(scenario.name.padEnd(width))}  ${scenario.description}`).join("\n")}\n`;
}

export function scenarioListJson(): Record<string, unknown> {
  return { command: "sandbox", outcome: "ok", scenarios: SCENARIOS.map(({ name, description }) => ({ name, description })) };
}

/** Printed once the sandbox is ready, the one document of a run that lasts until Ctrl-C. */
export function sandboxJson(sandbox: Sandbox): Record<string, unknown> {
  return {
    command: "sandbox",
    outcome: "started",
    scenario: sandbox.scenario,
    endpoint: sandbox.endpoint,
    dnsServers: sandbox.dnsServers,
    env: sandbox.env,
    configPath: sandbox.configPath,
  };
}

/**
 * `invocation`: how byodkim runs in a shell beside this one (`npx byodkim` in a checkout); every
 * command shown begins with it, so it runs there as printed. `envFile`: where `--env` reads.
 */
export function renderSandboxStarted(
  out: Output,
  sandbox: Sandbox,
  invocation: string,
  envFile: { readonly path: string } | { readonly error: unknown },
): string {
  const { t, color } = out;
  const first = sandbox.firstCommand ?? "precheck";
  const dnsFlags = sandbox.dnsServers.map((server) => `--dns-server ${server}`).join(" ");
  const byHand = sandboxEnvScript(sandbox).trimEnd().split("\n");
  const oneLine =
    "path" in envFile
      ? [t(msg("sandbox.howTo")), `  eval "$(${invocation} sandbox --env)"`, `  ${invocation} ${first}`, "", color.dim(t(msg("sandbox.byHand")))]
      : [
          color.yellow(t(msg("sandbox.envNotWritten", { reason: envFile.error instanceof Error ? envFile.error.message : String(envFile.error) }))),
          t(msg("sandbox.byHandOnly")),
        ];
  return [
    color.bold(t(msg("sandbox.started", { scenario: sandbox.scenario }))),
    `  ${labelled(out.lang, t(msg("sandbox.endpoint")), sandbox.endpoint)}`,
    `  ${labelled(out.lang, t(msg("sandbox.dns")), sandbox.dnsServers.join(", "))}`,
    `  ${labelled(out.lang, t(msg("sandbox.config")), sandbox.configPath)}`,
    ...(sandbox.mailboxes
      ? [
          `  ${labelled(out.lang, t(msg("sandbox.mailbox.s3")), `${sandbox.mailboxes.inbound.address} → ${sandbox.mailboxes.inbound.uri}`)}`,
          `  ${labelled(out.lang, t(msg("sandbox.mailbox.imap", { secret: sandbox.mailboxes.passwordSecret })), sandbox.mailboxes.imap.map((box) => `${box.address} ${box.server}`).join(", "))}`,
        ]
      : []),
    "",
    ...oneLine,
    ...byHand.map((line) => color.dim(`  ${line}`)),
    ...("path" in envFile ? [] : [`  ${invocation} ${first}`]),
    color.dim(`  ${afterInParentheses(out.lang, labelled(out.lang, t(msg("sandbox.dnsFlags")), dnsFlags)).trimStart()}`),
    "",
    color.dim(t(msg("sandbox.stopHint"))),
    "",
  ].join("\n");
}

export function renderSandboxStopped(out: Output): string {
  return `${out.t(msg("sandbox.stopped"))}\n`;
}

export function renderDemoIntro(out: Output, sandbox: Sandbox, interactive: boolean, nodeVersion = process.versions.node): string {
  const major = Number(nodeVersion.split(".")[0]);
  const nodeNote = major < 22 ? `${out.color.dim(out.t(msg("demo.nodeNote", { version: nodeVersion })))}\n` : "";
  const confirming = out.t(msg(interactive ? "demo.interactive" : "demo.unattended"));
  return `${out.color.bold(out.t(msg("demo.intro", { scenario: sandbox.scenario, endpoint: sandbox.endpoint })))}\n${confirming}\n${nodeNote}`;
}

/**
 * A step as it ran: in the sandbox's shell, whose settings point every command at the rehearsal. The
 * prompt says so, as a line pasted into an ordinary shell (with its --yes) would run against the real config.
 */
export function renderDemoStep(out: Output, args: readonly string[]): string {
  return `\n${out.color.cyan(`sandbox$ byodkim ${args.map(shellQuote).join(" ")}`)}\n`;
}

/** The sandbox standing in for another team or the calendar, between two steps. */
export function renderDemoSandboxActs(out: Output, what: Msg): string {
  return `\n${out.color.magenta(`# ${out.t(what)}`)}\n`;
}

/** After the last step: what ran, and the way to rehearse step by step, as it runs where the demo ran. */
export function renderDemoDone(out: Output, invocation: string): string {
  return `\n${out.color.bold(out.t(msg("demo.done", { command: `${invocation} sandbox` })))}\n`;
}
