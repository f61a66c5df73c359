import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // e2e tests spawn the built binary and bind UDP ports; two cores is the budget.
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**"],
          // test/moto runs too: it skips with a message where moto_server is not installed.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          // A spawned test runs several CLIs, SES paced at 1 request/s; on a machine running two
          // suites at once it takes two or three times as long. These bound a hang, not a run.
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
