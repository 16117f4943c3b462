import 'server-only';
import { db } from '@/lib/db';
import type { Prisma, PortalSettings } from '@/lib/generated/prisma/client';

/**
 * The portal's settings row, or its column defaults when an admin never saved any: callers read
 * one object either way. Callers that change settings check `admin.access` themselves.
 */
export async function getPortalSettings(): Promise<PortalSettings> {
  const row = await db.portalSettings.findUnique({ where: { id: 1 } });
  return row ?? defaultPortalSettings();
}

/** The defaults of every column (what the database would fill in), without writing a row. */
function defaultPortalSettings(): PortalSettings {
  return { id: 1, updatedAt: new Date(0), updatedBy: null };
}

/** Saves some settings (creating the row on the first save) and records who saved them. */
export function updatePortalSettings(
  changes: Omit<Prisma.PortalSettingsUncheckedUpdateInput, 'id' | 'updatedAt' | 'updatedBy'>,
  updatedBy: string,
): Promise<PortalSettings> {
  return db.portalSettings.upsert({
    where: { id: 1 },
    create: { ...(changes as Prisma.PortalSettingsUncheckedCreateInput), id: 1, updatedBy },
    update: { ...changes, updatedBy },
  });
}
