import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    pool: "forks",
    // Spawned e2e tests spend most of their time waiting (SES is paced at one request a second, as
    // in AWS), about a third of a core each: four at once keep two cores busy without crowding them.
    maxWorkers: 4,
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
