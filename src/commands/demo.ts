import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { ROTATION_DEFAULTS } from "../config/config.js";
import { parseZoneFileRecord } from "../dkim/handoff.js";
import { type Msg, msg } from "../messages/msg.js";
import { packagePath } from "../packagePath.js";
import { ageStateSecret } from "../sandbox/ageState.js";
import { SANDBOX_DEFAULTS } from "../sandbox/defaults.js";
import { checkIdentityDkim } from "../sandbox/dkimVerifier.js";
import { publishRecord } from "../sandbox/dnsAdmin.js";
import { EASY_DKIM_HOSTED_ZONE } from "../sandbox/sesDkim.js";
import { sandboxShellEnv } from "../sandbox/shellEnv.js";
import { type Sandbox, startSandbox } from "../sandbox/start.js";
import { type KeyStatus, readKeyHistory } from "../state/keyHistory.js";
import { readOwnFile } from "../state/ownFiles.js";
import { readStateObject } from "../state/stateSecret.js";

const BIN = packagePath("bin", "byodkim.js");
const { domain } = SANDBOX_DEFAULTS;
/** A day past the grace period the sandbox's config keeps (the default). */
const DAYS_AGED = ROTATION_DEFAULTS.graceDays + 1;

/** A runbook step as the operator types it; `confirms`: it asks before it changes anything (`--yes` when no one is there to answer). */
interface CommandStep {
  readonly kind: "command";
  readonly args: (sandbox: Sandbox) => readonly string[];
  readonly confirms: boolean;
}

/** What the sandbox does in the world between two steps, standing in for another team or the calendar; said before it is done. */
interface SandboxStep {
  readonly kind: "sandbox";
  readonly says: (sandbox: Sandbox) => Msg;
  readonly act: (sandbox: Sandbox) => void | Promise<void>;
}

type DemoStep = CommandStep | SandboxStep;

/** Each step runs in the sandbox's folder, so the DNS team's files land beside its config, as `./ticket` in the README. */
const workDir = (sandbox: Sandbox) => dirname(sandbox.configPath);
const HANDOFF_DIR = "ticket";

/** The one key of the history in `status`: keygen's new key (created), the old one after a rotation (retiring). */
function selectorWith(sandbox: Sandbox, status: KeyStatus): string {
  const text = sandbox.world.secrets.get(SANDBOX_DEFAULTS.secretId)?.versions.at(-1)?.value ?? "{}";
  const found = Object.entries(readKeyHistory(readStateObject(text))).find(([, entry]) => entry.status === status);
  if (!found) throw new Error(`the rehearsal's key history has no ${status} key`);
  return found[0];
}

/** keygen's zone-file line for the DNS team, as the steps (run in the sandbox's folder) name it. */
const zoneFile = (sandbox: Sandbox) => join(HANDOFF_DIR, `${selectorWith(sandbox, "created")}._domainkey.${domain}.zone`);

const command = (args: readonly string[] | ((sandbox: Sandbox) => readonly string[]), confirms = false): CommandStep => ({
  kind: "command",
  args: typeof args === "function" ? args : () => args,
  confirms,
});

/** The runbook, from the first check to the change report: every command an operator runs in a change window and a rotation. */
export const DEMO_STEPS: readonly DemoStep[] = [
  command(["precheck"]),
  command(["enable", "--wait", "120"], true),
  command(["verify", "--send-test", "postmaster@example.org"]),
  command(["keygen", "--out", `./${HANDOFF_DIR}`], true),
  {
    kind: "sandbox",
    says: (sandbox) => msg("demo.publishes", { file: zoneFile(sandbox) }),
    act(sandbox) {
      const line = parseZoneFileRecord(readOwnFile(join(workDir(sandbox), zoneFile(sandbox))));
      if (!line) throw new Error("keygen's zone file holds no TXT record");
      publishRecord(sandbox.world, { name: line.name, type: "TXT", data: line.strings });
    },
  },
  command(["rotate", "--wait", "120"], true),
  {
    kind: "sandbox",
    says: () => msg("demo.ages", { days: DAYS_AGED, graceDays: ROTATION_DEFAULTS.graceDays }),
    act: (sandbox) => ageStateSecret(sandbox.world, DAYS_AGED),
  },
  command((sandbox) => ["retire", selectorWith(sandbox, "retiring")], true),
  command(["rollback", "--to", "easy-dkim", "--reason", "rehearsal"], true),
  {
    kind: "sandbox",
    says: () => msg("demo.publishesCnames"),
    async act(sandbox) {
      const identity = sandbox.world.identities.get(domain);
      if (!identity) throw new Error(`the sandbox has no identity ${domain}`);
      const zone = identity.dkim.signingHostedZone ?? EASY_DKIM_HOSTED_ZONE;
      for (const token of identity.dkim.tokens)
        publishRecord(sandbox.world, { name: `${token}._domainkey.${domain}`, type: "CNAME", data: `${token}.${zone}` });
      // SES's next look at the records, now rather than on its interval: status reads what SES then says.
      await checkIdentityDkim(sandbox.world, identity, sandbox.dnsServers[0]!, () => new Date());
    },
  },
  command(["status"]),
  command(["report"]),
];

/**
 * The sandbox's endpoint, credentials and config over the operator's environment, as
 * `eval "$(byodkim sandbox --env)"` sets them. The SDK's Node 20 notice would repeat at every
 * step, so the demo says it once itself (renderDemoIntro).
 */
function demoEnv(sandbox: Sandbox): NodeJS.ProcessEnv {
  const { AWS_PROFILE: _profile, ...operator } = process.env;
  return { ...operator, ...sandboxShellEnv(sandbox), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
}

/** What the operator is told between the steps; the steps' own output goes straight to the terminal. */
export interface DemoReport {
  intro(sandbox: Sandbox, interactive: boolean): void;
  step(args: readonly string[]): void;
  sandboxActs(what: Msg): void;
}

export interface DemoOptions {
  /** The demo's own options that each step carries (`--lang ja`, `--no-color`), as the operator gave them. */
  readonly carried: readonly string[];
  /**
   * Someone is at a terminal: each change stops at its confirmation for them to answer (the
   * domain typed, as in a change window). Otherwise (CI, a test) each change is confirmed with `--yes`.
   */
  readonly interactive: boolean;
}

/** Starts a sandbox in this process and runs each runbook step as a real `byodkim` process against it. */
export async function runDemo(options: DemoOptions, report: DemoReport): Promise<number> {
  const sandbox = await startSandbox({ scenario: "good", verifyIntervalMs: 250 });
  try {
    report.intro(sandbox, options.interactive);
    for (const step of DEMO_STEPS) {
      if (step.kind === "sandbox") {
        report.sandboxActs(step.says(sandbox));
        await step.act(sandbox);
        continue;
      }
      const args = [...step.args(sandbox), ...(step.confirms && !options.interactive ? ["--yes"] : []), ...options.carried];
      report.step(args);
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], {
          env: demoEnv(sandbox),
          cwd: workDir(sandbox),
          stdio: [options.interactive ? "inherit" : "ignore", "inherit", "inherit"],
        });
        child.on("error", reject);
        child.on("close", (exitCode) => resolve(exitCode ?? 1));
      });
      if (code !== 0) return code;
    }
    return 0;
  } finally {
    await sandbox.stop();
  }
}
