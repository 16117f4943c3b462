-- CreateIndex
CREATE INDEX "Invite_email_idx" ON "Invite"("email");
