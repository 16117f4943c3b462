-- AlterTable
ALTER TABLE "User" ADD COLUMN     "digestMails" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "DigestMail" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "delivery" "DeliveryState" NOT NULL DEFAULT 'QUEUED',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "DigestMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DigestMail_userId_day_key" ON "DigestMail"("userId", "day");

-- AddForeignKey
ALTER TABLE "DigestMail" ADD CONSTRAINT "DigestMail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
