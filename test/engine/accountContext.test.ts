import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { AwsPorts } from "../../src/aws/types.js";
import type { MemberAccount } from "../../src/config/config.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import type { CommandContext } from "../../src/engine/context.js";
import { accountIdIn, fleetTargets, identityContext, inAccountOf, inAccountOfTyped, portsForDomain, portsOfAccount } from "../../src/engine/fleet.js";
import { MEMBER_ACCOUNTS_YAML, OPERATIONS_ACCOUNT, WITH_EXTERNAL_ID, WITHOUT_EXTERNAL_ID } from "../support/memberAccountsConfig.js";

const config = validateConfig(parse(MEMBER_ACCOUNTS_YAML), "test.yaml");

/** Ports that say whose they are: which account (ops for the operations account) and region. */
const tagged = (account: string, region: string) => ({ tag: `${account}/${region}` }) as unknown as AwsPorts;
const tagOf = (ports: AwsPorts | undefined) => (ports as unknown as { tag: string } | undefined)?.tag;

function rootContext(): CommandContext {
  const awsFor = (account: MemberAccount | undefined, region: string) => tagged(account?.id ?? "ops", region);
  return {
    config,
    region: "ap-northeast-1",
    aws: tagged("ops", "ap-northeast-1"),
    awsIn: (region: string) => tagged("ops", region),
    awsFor,
    events: { emit() {} },
  } as unknown as CommandContext;
}

describe("the context a domain's command runs in", () => {
  it("is the operations account's own for its identities and for domains the config does not list", () => {
    const ctx = rootContext();
    expect(inAccountOf(ctx, "goo.ne.jp")).toBe(ctx);
    expect(inAccountOf(ctx, "mail.goo.ne.jp")).toBe(ctx);
    expect(inAccountOf(ctx, "unlisted.example.jp")).toBe(ctx);
    expect(accountIdIn(ctx)).toBe(OPERATIONS_ACCOUNT);
  });

  it("reaches the member account the config lists the domain under, in every region, with the operations account beside it", () => {
    const shop = inAccountOf(rootContext(), "shop.example.jp");
    expect(shop.account).toEqual(WITH_EXTERNAL_ID);
    expect(accountIdIn(shop)).toBe(WITH_EXTERNAL_ID.id);
    expect(tagOf(shop.aws)).toBe(`${WITH_EXTERNAL_ID.id}/ap-northeast-1`);
    expect(tagOf(shop.awsIn!("us-east-1"))).toBe(`${WITH_EXTERNAL_ID.id}/us-east-1`);
    expect(tagOf(shop.operations)).toBe("ops/ap-northeast-1");
    // Typed as an operator would, in capitals: the same account.
    expect(inAccountOfTyped(rootContext(), "Brand.Example.COM").account).toEqual(WITHOUT_EXTERNAL_ID);
    expect(inAccountOfTyped(rootContext(), "not a domain").account).toBeUndefined();
  });

  it("gives a fleet identity its account's ports in the region it runs in", () => {
    const ctx = rootContext();
    const targets = fleetTargets(config, ctx.region, { domains: [], regions: undefined });
    expect(targets.map(({ domain, account }) => [domain, account])).toEqual([
      ["goo.ne.jp", undefined],
      ["mail.goo.ne.jp", undefined],
      ["shop.example.jp", WITH_EXTERNAL_ID.id],
      ["news.example.jp", WITH_EXTERNAL_ID.id],
      ["brand.example.com", WITHOUT_EXTERNAL_ID.id],
    ]);
    const shop = targets.find((target) => target.domain === "shop.example.jp")!;
    const inUsEast = identityContext(ctx, shop, "us-east-1");
    expect(tagOf(inUsEast.aws)).toBe(`${WITH_EXTERNAL_ID.id}/us-east-1`);
    expect(tagOf(inUsEast.operations)).toBe("ops/us-east-1");
    expect(inUsEast.config.domain).toBe("shop.example.jp");
    const mail = identityContext(ctx, targets.find((target) => target.domain === "mail.goo.ne.jp")!, "ap-northeast-3");
    expect(tagOf(mail.aws)).toBe("ops/ap-northeast-3");
    expect(mail.account).toBeUndefined();
  });

  it("goes back to the operations account for its own domains, from a member account's context", () => {
    const shop = inAccountOf(rootContext(), "shop.example.jp");
    const own = inAccountOf(shop, "goo.ne.jp");
    expect(own.account).toBeUndefined();
    expect(own.operations).toBeUndefined();
    expect(tagOf(own.aws)).toBe("ops/ap-northeast-1");
    expect(tagOf(own.awsIn!("ap-northeast-3"))).toBe("ops/ap-northeast-3");
  });

  it("runs a fleet target in the account it carries: the one whose SES listed it", () => {
    const ctx = rootContext();
    const listedInMember = { ...fleetTargets(config, ctx.region, { domains: ["unlisted.example.jp"], regions: undefined })[0]!, account: WITH_EXTERNAL_ID.id };
    expect(tagOf(identityContext(ctx, listedInMember, "ap-northeast-1").aws)).toBe(`${WITH_EXTERNAL_ID.id}/ap-northeast-1`);
    const shopListedInOperations = { ...fleetTargets(config, ctx.region, { domains: ["shop.example.jp"], regions: undefined })[0]!, account: undefined };
    const there = identityContext(inAccountOf(ctx, "shop.example.jp"), shopListedInOperations, "ap-northeast-3");
    expect(tagOf(there.aws)).toBe("ops/ap-northeast-3");
    expect(there.account).toBeUndefined();
  });

  it("finds ports by account and by domain, from a member context too", () => {
    const shop = inAccountOf(rootContext(), "shop.example.jp");
    expect(tagOf(portsOfAccount(shop)(undefined, "ap-northeast-3"))).toBe("ops/ap-northeast-3");
    expect(tagOf(portsOfAccount(shop)(WITHOUT_EXTERNAL_ID.id, "ap-northeast-1"))).toBe(`${WITHOUT_EXTERNAL_ID.id}/ap-northeast-1`);
    expect(tagOf(portsForDomain(rootContext())("news.example.jp", "ap-northeast-1"))).toBe(`${WITH_EXTERNAL_ID.id}/ap-northeast-1`);
    expect(tagOf(portsForDomain(rootContext())("goo.ne.jp", "ap-northeast-3"))).toBe("ops/ap-northeast-3");
  });

  it("refuses to send a member account's calls anywhere when the context has no member wiring", () => {
    const { awsFor: _none, ...withoutWiring } = rootContext();
    expect(() => inAccountOf(withoutWiring as CommandContext, "shop.example.jp")).toThrow(/no ports for account 210987654321/);
  });
});
