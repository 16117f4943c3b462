-- One live invite per person and meeting, even when two organisers invite at the same moment.
-- (A partial unique index: Prisma's schema language cannot express it, so it lives only here.)
CREATE UNIQUE INDEX "Invite_meetingId_email_live_key" ON "Invite"("meetingId", "email") WHERE "revokedAt" IS NULL AND "email" IS NOT NULL;
