import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { contactLine, contactRoleForError, contactRoleForGate, contactsFor } from "../../src/config/contacts.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const DNS = { role: "dns", name: "DNS 管理チーム", address: "dns-team@example.jp" };
const NIGHT = { role: "emergency", name: "夜間当番", address: "03-0000-0000" };

describe("timeZone:", () => {
  it("is undefined when absent, so TZ and the language decide", () => {
    expect(validateConfig(example, "test.yaml").timeZone).toBeUndefined();
  });

  it.each([
    ["Asia/Tokyo", "Asia/Tokyo"],
    ["America/New_York", "America/New_York"],
    ["UTC", "UTC"],
    ["asia/tokyo", "Asia/Tokyo"],
  ])("takes the IANA zone %s", (zone, canonical) => {
    expect(validateConfig({ ...example, timeZone: zone }, "test.yaml").timeZone).toBe(canonical);
  });

  it.each([["Asia/Tokio"], ["+09:00"], [""], [9], [" Asia/Tokyo"]])("refuses %j, naming the key", (zone) => {
    const problem = problemOf({ ...example, timeZone: zone });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe("timeZone");
    expect(problem.params["expected"]).toContain("IANA time zone");
  });
});

describe("contacts:", () => {
  it("is empty when absent", () => {
    expect(validateConfig(example, "test.yaml").contacts).toEqual([]);
  });

  it("takes a list of role, name and address, in order", () => {
    const config = validateConfig({ ...example, contacts: [DNS, NIGHT, { ...DNS, name: "DNS 夜間" }] }, "test.yaml");
    expect(config.contacts).toEqual([DNS, NIGHT, { ...DNS, name: "DNS 夜間" }]);
    expect(contactsFor("dns", config).map((contact) => contact.name)).toEqual(["DNS 管理チーム", "DNS 夜間"]);
    expect(contactsFor("aws", config)).toEqual([]);
  });

  it.each([
    ["a mapping in place of a list", { dns: "x" }, "contacts"],
    ["a bare string", ["dns-team@example.jp"], "contacts[0]"],
    ["an unknown role", [{ ...DNS, role: "network" }], "contacts[0].role"],
    ["no name", [{ role: "dns", address: "x@example.jp" }], "contacts[0].name"],
    ["an empty address", [{ ...DNS, address: "  " }], "contacts[0].address"],
    ["a name over two lines", [{ ...DNS, name: "DNS\nteam" }], "contacts[0].name"],
    ["an unknown key", [{ ...DNS, phone: "03" }], "contacts[0].phone"],
  ])("refuses %s, naming the key", (_what, contacts, key) => {
    const problem = problemOf({ ...example, contacts });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
  });
});

describe("contact lines", () => {
  const config = validateConfig({ ...example, contacts: [DNS, NIGHT, { ...DNS, name: "DNS 夜間", address: "#dns-oncall" }] }, "test.yaml");

  it("say who to reach in both languages, every contact of the role on one line", () => {
    const line = contactLine("dns", config)!;
    expect(createTranslator("en")(line)).toBe("Reach the DNS team: DNS 管理チーム dns-team@example.jp / DNS 夜間 #dns-oncall");
    expect(createTranslator("ja")(line)).toBe("DNS チームの連絡先：DNS 管理チーム dns-team@example.jp / DNS 夜間 #dns-oncall");
  });

  it("are nothing when the config names nobody in that role", () => {
    expect(contactLine("aws", config)).toBeNull();
    expect(contactLine("dns", {})).toBeNull();
  });

  it("go with the failures that need another team", () => {
    expect(contactRoleForGate("dns")).toBe("dns");
    expect(contactRoleForGate("permissions")).toBe("aws");
    expect(contactRoleForGate("alarms")).toBe("emergency");
    expect(contactRoleForGate("selector")).toBeUndefined();
    expect(contactRoleForError("aws", "aws.accessDenied")).toBe("aws");
    expect(contactRoleForError("dns", "dns.unresolvableServer")).toBe("dns");
    expect(contactRoleForError("aws", "aws.expiredCredentials")).toBeUndefined();
  });
});
