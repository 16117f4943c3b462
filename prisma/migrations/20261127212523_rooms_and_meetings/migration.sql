-- AlterTable
ALTER TABLE "User" ADD COLUMN     "calendarTokenHash" TEXT;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "cancelledOccurrences" TIMESTAMP(3)[] DEFAULT ARRAY[]::TIMESTAMP(3)[];

-- CreateIndex
CREATE UNIQUE INDEX "User_calendarTokenHash_key" ON "User"("calendarTokenHash");

-- CreateIndex
CREATE INDEX "Meeting_seriesEndsAt_idx" ON "Meeting"("seriesEndsAt");
