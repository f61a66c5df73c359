import { describe, expect, it } from "vitest";
import { selectorListing } from "../../src/config/config.js";
import { principalOf } from "../../src/permissions/principal.js";
import { approvalKey, approvalsPrefix, campaignLocation, planKey } from "../../src/state/campaignLocation.js";
import { lockLocation } from "../../src/state/lock.js";

const ID = "0123456789abcdef".repeat(4);
const ALICE = "aws:123456789012:assumed-role:mailops:alice@example.jp";

describe("where a campaign's plan and approvals live", () => {
  it.each([
    ["dkim/{domain}/{selector}.pem", "dkim/plans/"],
    ["{domain}/{selector}.pem", "plans/"],
    ["keys/dkim-{domain}/{selector}.pem", "keys/plans/"],
    ["prod/mail/dkim/{domain}/{selector}.pem", "prod/mail/dkim/plans/"],
    ["dkim/{selector}.pem", "dkim/plans/"],
  ])("beside the locks: template %s → %s", (template, prefix) => {
    const keys = { bucket: "b", key: template };
    expect(campaignLocation(keys)).toEqual({ bucket: "b", plansPrefix: prefix });
    expect(planKey(keys, ID)).toBe(`${prefix}${ID}.json`);
    expect(approvalsPrefix(keys, ID)).toBe(`${prefix}${ID}.approvals/`);
    expect(approvalKey(keys, ID, ALICE)).toBe(`${prefix}${ID}.approvals/aws%3A123456789012%3Aassumed-role%3Amailops%3Aalice%40example.jp.json`);
    // Same folder as the lock, so one grant on the folder's bucket covers both and neither is a selector.
    expect(lockLocation(keys, "goo.ne.jp").key.startsWith(prefix.replace(/plans\/$/, ""))).toBe(true);
  });

  it.each(["goo.ne.jp", "mail.goo.ne.jp"])("keeps plans and approvals out of the selector listing of %s", (domain) => {
    const keys = { bucket: "b", key: "dkim/{domain}/{selector}.pem" };
    const { prefix } = selectorListing(keys.key, domain);
    expect(planKey(keys, ID).startsWith(prefix)).toBe(false);
    expect(approvalKey(keys, ID, ALICE).startsWith(prefix)).toBe(false);
  });

  it.each([
    ["an SSO session", `arn:aws:sts::123456789012:assumed-role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_MailOps_0123/alice@example.jp`],
    ["a user", "arn:aws:iam::123456789012:user/ops/bob"],
    ["root", "arn:aws:iam::123456789012:root"],
  ])("names the approval of %s by its principal key, one object name with no folder in it", (_what, arn) => {
    const principal = principalOf(arn);
    if (principal.kind === "unknown") throw new Error(`not a principal: ${arn}`);
    const key = approvalKey({ bucket: "b", key: "dkim/{domain}/{selector}.pem" }, ID, principal.key);
    expect(key.startsWith(`dkim/plans/${ID}.approvals/`)).toBe(true);
    expect(decodeURIComponent(key.slice(`dkim/plans/${ID}.approvals/`.length))).toBe(`${principal.key}.json`);
    expect(key.slice(`dkim/plans/${ID}.approvals/`.length)).not.toContain("/");
  });

  it.each([
    ["a slash", "a/b", "a%2Fb"],
    ["a percent sign", "a%2Fb", "a%252Fb"],
    ["a space", "a b", "a%20b"],
    ["a non-ASCII character", "営業", "%E5%96%B6%E6%A5%AD"],
    ["a colon", "aws:1", "aws%3A1"],
  ])("percent-encodes %s, so no two principal keys share an object", (_what, principalKey, name) => {
    expect(approvalKey({ bucket: "b", key: "dkim/{domain}/{selector}.pem" }, ID, principalKey)).toBe(`dkim/plans/${ID}.approvals/${name}.json`);
  });
});

describe("the change lock of an identity in a region", () => {
  const keys = { bucket: "dkim-keys", key: "dkim/{domain}/{selector}.pem" };
  it.each([
    ["no region asked (as earlier versions name it)", undefined, "ap-northeast-1", "dkim/locks/goo.ne.jp.json"],
    ["the config's own region keeps that name", "ap-northeast-1", "ap-northeast-1", "dkim/locks/goo.ne.jp.json"],
    ["a config without a region: one lock for every region", "ap-northeast-3", undefined, "dkim/locks/goo.ne.jp.json"],
    ["another region has its own, so Tokyo and Osaka change side by side", "ap-northeast-3", "ap-northeast-1", "dkim/locks/goo.ne.jp@ap-northeast-3.json"],
  ] as const)("%s", (_what, region, configRegion, expected) => {
    expect(lockLocation(keys, "goo.ne.jp", region, configRegion).key).toBe(expected);
  });
});
