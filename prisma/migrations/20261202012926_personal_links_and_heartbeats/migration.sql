-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "allowLinkSharing" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Invite" ADD COLUMN     "refusedUses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sharedUses" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Attendance" ADD COLUMN     "device" TEXT,
ADD COLUMN     "lastSeenAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Attendance_inviteId_mintedAt_idx" ON "Attendance"("inviteId", "mintedAt");
