import { describe, expect, it } from "vitest";
import { byodkimInvocation } from "../../src/cli/invocation.js";
import { defaultConfigPath } from "../../src/cli/options.js";

const checkout = "/home/op/byodkim";

describe("the words that run byodkim in a shell beside this one (the sandbox's hints)", () => {
  it.each([
    ["npx in a checkout", { npm_command: "exec" }, `${checkout}/node_modules/.bin/byodkim`, checkout, "npx byodkim"],
    ["npm run demo in a checkout", { npm_lifecycle_event: "demo" }, `${checkout}/bin/byodkim.js`, checkout, "npx byodkim"],
    ["node bin/byodkim.js in the checkout", {}, `${checkout}/bin/byodkim.js`, checkout, "node bin/byodkim.js"],
    ["node with the launcher's path from elsewhere", {}, `${checkout}/bin/byodkim.js`, "/tmp", `node ${checkout}/bin/byodkim.js`],
    ["a path the shell must quote", {}, "/home/op/my byodkim/bin/byodkim.js", "/tmp", "node '/home/op/my byodkim/bin/byodkim.js'"],
    ["installed globally", {}, "/usr/local/bin/byodkim", "/home/op", "byodkim"],
  ])("%s: %s", (_how, env, script, cwd, expected) => {
    expect(byodkimInvocation({ env, script, cwd })).toBe(expected);
  });
});

describe("--config's default", () => {
  it("is BYODKIM_CONFIG when set (what `sandbox --env` exports), else ./byodkim.config.yaml", () => {
    expect(defaultConfigPath({ BYODKIM_CONFIG: "/tmp/box/byodkim.config.yaml" }, "./byodkim.config.yaml").path).toBe("/tmp/box/byodkim.config.yaml");
    expect(defaultConfigPath({ BYODKIM_CONFIG: "" }, "./byodkim.config.yaml").path).toBe("./byodkim.config.yaml");
    expect(defaultConfigPath({}, "./byodkim.config.yaml").path).toBe("./byodkim.config.yaml");
  });
});
