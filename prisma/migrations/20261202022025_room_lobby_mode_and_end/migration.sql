-- CreateEnum
CREATE TYPE "LobbyMode" AS ENUM ('OFF', 'GUESTS', 'EVERYONE');

-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "endedAt" TIMESTAMP(3),
ADD COLUMN     "lobby" "LobbyMode" NOT NULL DEFAULT 'OFF';

-- Rooms that had the lobby ticked become GUESTS: people on open invite links keep waiting as promised,
-- while employees and people invited by address, who never waited before, still walk in. EVERYONE
-- would suddenly hold back colleagues, and OFF would silently drop the host choice.
UPDATE "Room" SET "lobby" = 'GUESTS' WHERE "lobbyEnabled";

ALTER TABLE "Room" DROP COLUMN "lobbyEnabled";
