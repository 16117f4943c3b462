-- AlterTable
ALTER TABLE "JitsiEvent" ADD COLUMN     "area" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "endedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "JitsiEvent_roomId_endedAt_idx" ON "JitsiEvent"("roomId", "endedAt");
