import { existsSync } from 'node:fs';

type Sources = {
  /** CHROMIUM_PATH, when set. */
  configured?: string;
  /** Where Playwright keeps the Chromium `npx playwright install chromium` downloads. */
  playwrightDownload: string;
  exists?: (path: string) => boolean;
};

const DISTRIBUTION_CHROMIUM = '/usr/bin/chromium';

/**
 * Which Chromium the end-to-end suite drives: CHROMIUM_PATH, else the distribution's, else
 * Playwright's own download (`undefined`: Playwright then uses it by itself). With none of them it
 * fails before any server starts, with the commands that get one.
 */
export function chooseChromium({ configured, playwrightDownload, exists = existsSync }: Sources): string | undefined {
  if (configured) {
    if (exists(configured)) return configured;
    throw new Error(`CHROMIUM_PATH is ${configured}, but there is no such file. Point it at a Chromium or Chrome executable.`);
  }
  if (exists(DISTRIBUTION_CHROMIUM)) return DISTRIBUTION_CHROMIUM;
  if (exists(playwrightDownload)) return undefined;
  throw new Error(
    `The end-to-end tests need Chromium, and there is none at ${DISTRIBUTION_CHROMIUM} nor from Playwright. Get one with\n` +
      '  npx playwright install --with-deps chromium   (Playwright\'s own build; needs its download servers)\n' +
      'or, where only Debian\'s packages are reachable,\n' +
      '  sudo apt-get install chromium\n' +
      'or set CHROMIUM_PATH to a Chromium or Chrome you already have.',
  );
}
