/**
 * Where the tests find PostgreSQL: integration tests create their databases on the server of
 * TEST_DATABASE_URL, the end-to-end suite uses the database E2E_DATABASE_URL names. When nothing answers
 * there, scripts/test-postgres.ts points them at an embedded server for the run.
 */
export function testDatabaseUrls(env: NodeJS.ProcessEnv = process.env) {
  return {
    TEST_DATABASE_URL: env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    E2E_DATABASE_URL: env.E2E_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/gatehouse_e2e',
  };
}
