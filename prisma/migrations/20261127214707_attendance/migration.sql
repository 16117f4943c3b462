-- AlterEnum
ALTER TYPE "RoomRole" ADD VALUE 'PARTICIPANT';

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL,
    "jti" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "meetingId" TEXT,
    "userId" TEXT,
    "inviteId" TEXT,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "mintedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "joinedAt" TIMESTAMP(3),
    "leftAt" TIMESTAMP(3),

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_jti_key" ON "Attendance"("jti");

-- CreateIndex
CREATE INDEX "Attendance_roomId_mintedAt_idx" ON "Attendance"("roomId", "mintedAt");

-- CreateIndex
CREATE INDEX "Attendance_meetingId_mintedAt_idx" ON "Attendance"("meetingId", "mintedAt");

-- CreateIndex
CREATE INDEX "Attendance_userId_mintedAt_idx" ON "Attendance"("userId", "mintedAt");

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
