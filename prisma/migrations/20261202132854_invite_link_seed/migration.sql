-- AlterTable
ALTER TABLE "Invite" ADD COLUMN     "linkSeed" TEXT;
