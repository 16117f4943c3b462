-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "maxParticipants" INTEGER;
