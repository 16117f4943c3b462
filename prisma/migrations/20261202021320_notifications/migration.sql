-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('UPDATE', 'CANCEL', 'REMINDER');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "reminderMinutes" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "updateMails" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "scheduleChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Invite" ADD COLUMN     "unsubscribedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "meetingId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "inviteId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "delivery" "DeliveryState" NOT NULL DEFAULT 'QUEUED',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_meetingId_createdAt_idx" ON "Notification"("meetingId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_kind_meetingId_subject_email_key" ON "Notification"("kind", "meetingId", "subject", "email");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
