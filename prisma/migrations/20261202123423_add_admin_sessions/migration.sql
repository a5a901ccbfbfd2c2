-- CreateTable
CREATE TABLE "admin_sessions" (
    "id" UUID NOT NULL,
    "session_hash" TEXT NOT NULL,
    "token_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "admin_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "admin_sessions_session_hash_key" ON "admin_sessions"("session_hash");

-- CreateIndex
CREATE INDEX "admin_sessions_token_id_idx" ON "admin_sessions"("token_id");

-- AddForeignKey
ALTER TABLE "admin_sessions" ADD CONSTRAINT "admin_sessions_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "admin_tokens"("id") ON DELETE CASCADE ON UPDATE CASCADE;
