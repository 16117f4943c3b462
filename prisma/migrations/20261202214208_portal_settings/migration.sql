-- CreateTable
CREATE TABLE "PortalSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "PortalSettings_pkey" PRIMARY KEY ("id"),
    -- One row: the settings of this portal.
    CONSTRAINT "PortalSettings_one_row" CHECK ("id" = 1)
);
