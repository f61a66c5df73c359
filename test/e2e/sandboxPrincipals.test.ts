import { expect, it } from "vitest";
import { principalOf, samePrincipal } from "../../src/permissions/principal.js";
import { printedUntil, runInBash, sandboxInOwnHome } from "../support/sandboxProcess.js";
import { spawnCli } from "../support/spawnCli.js";

it("points one shell at the sandbox as the operator and another as the approver: byodkim sees two callers, two people", async () => {
  const { home, checkout, env, child: sandbox, exited } = sandboxInOwnHome();
  try {
    await printedUntil(sandbox.stdout, "Ctrl-C");
    /** Who a shell pointed at the sandbox with `eval "$(… sandbox --env ARGS)"` plans as: the caller `enable --dry-run --json` names. */
    const callerOfShell = async (envArgs: string) => {
      const shell = await runInBash(`eval "$(node bin/byodkim.js sandbox --env${envArgs})"\nnode bin/byodkim.js enable --dry-run --json`, {
        cwd: checkout,
        env,
      });
      expect(shell.code, shell.stdout + shell.stderr).toBe(0);
      return (JSON.parse(shell.stdout) as { plan: { callerArn: string } }).plan.callerArn;
    };
    const operator = await callerOfShell("");
    const approver = await callerOfShell(" --as approver");
    expect(operator).toBe("arn:aws:sts::123456789012:assumed-role/MailOps/operator");
    expect(approver).toBe("arn:aws:sts::123456789012:assumed-role/MailOps/approver");
    expect(samePrincipal(principalOf(operator), principalOf(approver))).toBe(false);

    // The sandbox's own log names who made each request, in the order the two shells made them.
    const script = await spawnCli(["sandbox", "--env", "--as", "approver"], { env: { HOME: home } });
    const endpoint = /^export AWS_ENDPOINT_URL=(\S+)$/m.exec(script.stdout)?.[1];
    const log = (await (await fetch(`${endpoint}/_sandbox/log`)).json()) as { operation: string; caller?: string }[];
    const callers = log.filter((entry) => entry.operation === "GetCallerIdentity").map((entry) => entry.caller);
    expect(callers.length).toBeGreaterThanOrEqual(2);
    expect(new Set(callers)).toEqual(new Set([operator, approver]));
    expect(callers.at(-1)).toBe(approver);

    const unknown = await spawnCli(["sandbox", "--env", "--as", "auditor"], { env: { HOME: home } });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain("the sandbox has no principal named auditor (known: operator, approver)");
  } finally {
    sandbox.kill("SIGINT");
  }
  expect(await exited).toBe(0);
});
