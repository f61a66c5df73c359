import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // test/moto runs too: it skips with a message where moto_server is not installed.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // e2e tests spawn the built binary and bind UDP ports; two cores is the budget.
    pool: "forks",
    maxWorkers: 2,
  },
});
