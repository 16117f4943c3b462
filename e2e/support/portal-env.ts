import { E2E_DATABASE_URL } from './ports';

/** The configuration the portal runs with in the end-to-end suite (test values, never real secrets). */
export const portalTestEnv: Record<string, string> = {
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  DATABASE_URL: E2E_DATABASE_URL,
};
