-- CreateTable
CREATE TABLE "JitsiPresence" (
    "id" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "meetingId" TEXT,
    "occupantJid" TEXT NOT NULL,
    "area" TEXT NOT NULL DEFAULT '',
    "tokenUserId" TEXT,
    "userId" TEXT,
    "inviteId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "role" TEXT NOT NULL DEFAULT 'participant',
    "joinedAt" TIMESTAMP(3) NOT NULL,
    "leftAt" TIMESTAMP(3),

    CONSTRAINT "JitsiPresence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JitsiEvent" (
    "fingerprint" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "roomName" TEXT NOT NULL,
    "roomId" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JitsiEvent_pkey" PRIMARY KEY ("fingerprint")
);

-- CreateIndex
CREATE INDEX "JitsiPresence_meetingId_joinedAt_idx" ON "JitsiPresence"("meetingId", "joinedAt");

-- CreateIndex
CREATE INDEX "JitsiPresence_roomId_leftAt_idx" ON "JitsiPresence"("roomId", "leftAt");

-- CreateIndex
CREATE INDEX "JitsiPresence_leftAt_joinedAt_idx" ON "JitsiPresence"("leftAt", "joinedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JitsiPresence_roomId_occupantJid_area_joinedAt_key" ON "JitsiPresence"("roomId", "occupantJid", "area", "joinedAt");

-- CreateIndex
CREATE INDEX "JitsiEvent_receivedAt_idx" ON "JitsiEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "JitsiEvent_roomId_receivedAt_idx" ON "JitsiEvent"("roomId", "receivedAt");

-- AddForeignKey
ALTER TABLE "JitsiPresence" ADD CONSTRAINT "JitsiPresence_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
