import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MANIFEST = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { version: string };
const DOCKERFILE = readFileSync(`${ROOT}Dockerfile`, "utf8");
const run = promisify(execFile);

/** Docker is a daemon nobody here started: where `docker info` fails, building the image is skipped, saying why. */
function dockerAvailable(): boolean {
  const info = spawnSync("docker", ["info", "--format", "{{.ServerVersion}}"], { encoding: "utf8", timeout: 20_000 });
  const ok = info.status === 0 && info.stdout.trim() !== "";
  if (!ok)
    process.stderr.write(
      `[docker] no Docker daemon answers (docker info: ${(info.stderr || String(info.error ?? "")).trim().split("\n")[0]}): building the image is skipped\n`,
    );
  return ok;
}

describe("the Dockerfile", () => {
  it("is Node 22 slim, the packed tarball installed globally, a user without root, byodkim as the entrypoint, nsupdate beside it", () => {
    const stages = DOCKERFILE.match(/^FROM .*$/gm);
    expect(stages).toEqual(["FROM node:22-bookworm-slim AS pack", "FROM node:22-bookworm-slim"]);
    expect(DOCKERFILE).toMatch(/^RUN npm pack /m);
    expect(DOCKERFILE).toMatch(/npm install --global --offline .*\/tmp\/byodkim\.tgz/);
    expect(DOCKERFILE).toContain("bind9-dnsutils");
    expect(DOCKERFILE).toMatch(/^USER node$/m);
    expect(DOCKERFILE).toMatch(/^ENTRYPOINT \["byodkim"\]$/m);
    // An operator's config never goes into the image: it comes from the schedule (README "Run it unattended").
    expect(readFileSync(`${ROOT}.dockerignore`, "utf8").split("\n")).toEqual(expect.arrayContaining(["byodkim.config.yaml", "node_modules", ".git"]));
  });
});

const haveDocker = dockerAvailable();
const image = `byodkim-test:${randomBytes(4).toString("hex")}`;

describe.skipIf(!haveDocker)("the image, built", () => {
  let built = false;
  afterAll(async () => {
    if (built) await run("docker", ["image", "rm", "--force", image]).catch(() => undefined);
  });

  it("builds, prints its version and lists the sandbox's scenarios, as a user without root", { timeout: 900_000 }, async (ctx) => {
    const build = spawnSync("docker", ["build", "--tag", image, ROOT], { encoding: "utf8", timeout: 840_000, maxBuffer: 64 * 2 ** 20 });
    if (build.status !== 0 && /pull|manifest|registry|resolve|lookup|dial tcp|TLS handshake/i.test(build.stderr)) {
      // Only the npm registry and Debian's are reachable from some machines: Docker Hub's base image may not be.
      process.stderr.write(`[docker] the base image could not be pulled: building the image is skipped (${build.stderr.trim().split("\n").pop()})\n`);
      ctx.skip();
    }
    expect(build.status, build.stderr.slice(-4000)).toBe(0);
    built = true;
    const version = await run("docker", ["run", "--rm", image, "--version"]);
    expect(version.stdout.trim()).toBe(MANIFEST.version);
    const scenarios = await run("docker", ["run", "--rm", image, "sandbox", "--list"]);
    expect(scenarios.stdout).toMatch(/^good\s+/m);
    const user = await run("docker", ["run", "--rm", "--entrypoint", "id", image, "-u"]);
    expect(user.stdout.trim()).not.toBe("0");
    const nsupdate = await run("docker", ["run", "--rm", "--entrypoint", "sh", image, "-c", "command -v nsupdate"]);
    expect(nsupdate.stdout.trim()).toMatch(/nsupdate$/);
  });
});
