import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The numbered step of "How a change runs" that starts with `**<title>.**`, up to the next step. */
function changeStep(title: string): string {
  const section = readme.slice(readme.indexOf("### How a change runs"));
  const start = section.indexOf(`**${title}.**`);
  expect(start, `step ${title} in README`).toBeGreaterThan(0);
  const rest = section.slice(start);
  const end = rest.search(/\n\d+\. \*\*/);
  return rest.slice(0, end === -1 ? undefined : end).replace(/\s+/g, " ");
}

describe("README says what the code does", () => {
  it("step 5: the re-check judges the selector the operator confirmed, not a newer one uploaded meanwhile", () => {
    const recheck = changeStep("Re-check");
    expect(recheck).toMatch(/selector the operator confirmed/);
    expect(recheck).toMatch(/newer (key|selector)[^.]*not/);
  });
});
