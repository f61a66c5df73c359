import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { problemOf } from "../support/configProblem.js";

const exampleText = readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8");
const example = parse(exampleText) as Record<string, unknown> & { dns: Record<string, unknown> };
const withPublish = (publish: unknown) => validateConfig({ ...example, dns: { ...example.dns, publish } }, "test.yaml").dns.publish;
const TSIG = { keyName: "byodkim-key", algorithm: "hmac-sha256", secretId: "byodkim/tsig" };

/** The example's commented `publish:` block that follows `# publish: # <title>`, uncommented. */
function exampleBlock(title: string): unknown {
  const lines = exampleText.split("\n");
  const start = lines.indexOf(`  # publish: # ${title}`);
  const block = ["publish:"];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("  #   ")) break;
    block.push(line.replace(/^ {2}# /, "").replace(/ # .*$/, ""));
  }
  return (parse(block.join("\n")) as { publish: unknown }).publish;
}

describe("dns.publish", () => {
  it("is absent when the config does not say (handoff files, as before)", () => {
    expect(validateConfig(example, "test.yaml").dns).toEqual({ servers: [] });
  });

  it.each([
    ["handoff", { provider: "handoff" }, { provider: "handoff" }],
    ["route53, the zone found by name", { provider: "route53" }, { provider: "route53" }],
    ["route53 with a zone id", { provider: "route53", hostedZoneId: "Z0123456789ABC" }, { provider: "route53", hostedZoneId: "Z0123456789ABC" }],
    [
      "route53 with the zone id as the console shows it",
      { provider: "route53", hostedZoneId: "/hostedzone/Z0123" },
      { provider: "route53", hostedZoneId: "Z0123" },
    ],
    [
      "rfc2136 with everything",
      { provider: "rfc2136", server: "192.0.2.53:5353", zone: "Goo.ne.jp.", tsig: { ...TSIG, algorithm: "HMAC-SHA512" } },
      { provider: "rfc2136", server: "192.0.2.53:5353", zone: "goo.ne.jp", tsig: { ...TSIG, algorithm: "hmac-sha512" } },
    ],
    [
      "rfc2136, the zone and algorithm defaulted",
      { provider: "rfc2136", server: "ns1.goo.ne.jp", tsig: { keyName: "byodkim-key.", secretId: "byodkim/tsig" } },
      { provider: "rfc2136", server: "ns1.goo.ne.jp", tsig: TSIG },
    ],
  ])("reads %s", (_what, publish, expected) => {
    expect(withPublish(publish)).toEqual(expected);
  });

  it.each([
    ["Route 53", { provider: "route53", hostedZoneId: "Z0123456789ABCDEFGHIJ" }],
    ["or RFC 2136", { provider: "rfc2136", server: "192.0.2.53:53", zone: "goo.ne.jp", tsig: TSIG }],
  ])("the example's commented %s block, uncommented, is valid", (title, expected) => {
    expect(withPublish(exampleBlock(title))).toEqual(expected);
  });

  it.each([
    ["not a mapping", "route53", "dns.publish"],
    ["no provider", {}, "dns.publish.provider"],
    ["an unknown provider", { provider: "cloudflare" }, "dns.publish.provider"],
    ["an unknown key", { provider: "route53", ttl: 60 }, "dns.publish.ttl"],
    ["a zone id that is not one", { provider: "route53", hostedZoneId: "my zone" }, "dns.publish.hostedZoneId"],
    ["a server with route53", { provider: "route53", server: "192.0.2.53" }, "dns.publish.server"],
    ["a zone id with rfc2136", { provider: "rfc2136", hostedZoneId: "Z1", server: "192.0.2.53", tsig: TSIG }, "dns.publish.hostedZoneId"],
    ["a zone id with handoff", { provider: "handoff", hostedZoneId: "Z1" }, "dns.publish.hostedZoneId"],
    ["rfc2136 without a server", { provider: "rfc2136", tsig: TSIG }, "dns.publish.server"],
    ["rfc2136 with a bad server", { provider: "rfc2136", server: "192.0.2.53:99999", tsig: TSIG }, "dns.publish.server"],
    ["rfc2136 with a bad zone", { provider: "rfc2136", server: "192.0.2.53", zone: "not a zone", tsig: TSIG }, "dns.publish.zone"],
    ["rfc2136 without tsig", { provider: "rfc2136", server: "192.0.2.53" }, "dns.publish.tsig"],
    ["tsig as a string", { provider: "rfc2136", server: "192.0.2.53", tsig: "byodkim-key" }, "dns.publish.tsig"],
    ["the TSIG secret itself in the config", { provider: "rfc2136", server: "192.0.2.53", tsig: { ...TSIG, secret: "c2VjcmV0" } }, "dns.publish.tsig.secret"],
    ["an unknown algorithm", { provider: "rfc2136", server: "192.0.2.53", tsig: { ...TSIG, algorithm: "rsa" } }, "dns.publish.tsig.algorithm"],
    ["a key name with a space", { provider: "rfc2136", server: "192.0.2.53", tsig: { ...TSIG, keyName: "my key" } }, "dns.publish.tsig.keyName"],
    ["no secretId", { provider: "rfc2136", server: "192.0.2.53", tsig: { keyName: "k" } }, "dns.publish.tsig.secretId"],
  ])("refuses %s, naming the key", (_what, publish, key) => {
    const problem = problemOf({ ...example, dns: { ...example.dns, publish } });
    expect(problem.params["key"]).toBe(key);
  });
});
