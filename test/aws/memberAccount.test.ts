import { describe, expect, it } from "vitest";
import { retryingLazy } from "../../src/aws/clients.js";
import { memberAccountPorts } from "../../src/aws/memberAccount.js";
import type { AwsPorts, CallerIdentity } from "../../src/aws/types.js";
import { ByodkimError } from "../../src/errors.js";

const OPERATIONS = "123456789012";
const MEMBER = "111111111111";
const tag = (name: string) => ({ name }) as never;

function ports(account: string): AwsPorts {
  return {
    sts: { getCallerIdentity: async () => ({ account, arn: `arn:aws:sts::${account}:assumed-role/r/s` }) },
    ses: tag(`ses ${account}`),
    keys: tag(`keys ${account}`),
    locks: tag(`locks ${account}`),
    alarms: tag(`alarms ${account}`),
    state: tag(`state ${account}`),
    iam: tag(`iam ${account}`),
  } as AwsPorts;
}

describe("a member account's ports", () => {
  const operator = async (): Promise<CallerIdentity> => ({ account: OPERATIONS, arn: `arn:aws:sts::${OPERATIONS}:assumed-role/MailOps/alice` });

  it("reach the member account for SES, the role's caller and its simulation, and the operations account for everything kept", async () => {
    let assumed = 0;
    const made = memberAccountPorts(ports(OPERATIONS), ports(MEMBER), async () => ({ accessKeyId: `ASIA${++assumed}`, secretAccessKey: "s" }), {
      operator,
      operationsAccount: OPERATIONS,
    });
    expect(made.ses).toEqual({ name: `ses ${MEMBER}` });
    expect(made.iam).toEqual({ name: `iam ${MEMBER}` });
    for (const kept of [made.keys, made.locks, made.state, made.alarms]) expect(JSON.stringify(kept)).toContain(OPERATIONS);
    expect((await made.sts.getCallerIdentity()).account).toBe(MEMBER);
    expect(assumed).toBe(1);
  });

  it("refuses, before assuming the role, when the operator's own credentials are another account's", async () => {
    let assumed = 0;
    const made = memberAccountPorts(ports(OPERATIONS), ports(MEMBER), async () => ({ accessKeyId: `ASIA${++assumed}`, secretAccessKey: "s" }), {
      operator,
      operationsAccount: "999999999999",
    });
    const error = await made.sts.getCallerIdentity().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ByodkimError);
    expect((error as ByodkimError).what).toMatchObject({ key: "account.operatorElsewhere", params: { account: OPERATIONS, expected: "999999999999" } });
    expect(assumed).toBe(0);
  });
});

describe("retryingLazy", () => {
  it("keeps an answer for the run and forgets a failure", async () => {
    let calls = 0;
    const answers = [Promise.reject(new Error("throttled")), Promise.resolve("alice")];
    answers[0]!.catch(() => {});
    const once = retryingLazy(() => {
      calls++;
      return answers[calls - 1]!;
    });
    await expect(once()).rejects.toThrow("throttled");
    expect(await once()).toBe("alice");
    expect(await once()).toBe("alice");
    expect(calls).toBe(2);
  });
});
