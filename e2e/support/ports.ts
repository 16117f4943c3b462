import { testDatabaseUrls } from '../../lib/testing/database-urls';

/** Ports of the processes the end-to-end suite starts (see playwright.config.ts). */
export const PORTAL_PORT = Number(process.env.PORTAL_PORT ?? 3100);
export const PORTAL_URL = `http://localhost:${PORTAL_PORT}`;
export const OIDC_ISSUER = `http://localhost:${process.env.OIDC_PORT ?? 3901}`;
export const E2E_DATABASE_URL = testDatabaseUrls().E2E_DATABASE_URL;
export const STANDIN_PORT = Number(process.env.JITSI_STANDIN_PORT ?? 8444);
export const STANDIN_DOMAIN = `localhost:${STANDIN_PORT}`;
