-- CreateEnum
CREATE TYPE "AdminTokenScope" AS ENUM ('read', 'write');

-- AlterTable
ALTER TABLE "admin_audit_log" ADD COLUMN     "actor_token_id" UUID,
ADD COLUMN     "team_id" UUID;

-- AlterTable
ALTER TABLE "ledger_entries" ADD COLUMN     "refunds_request_id" TEXT;

-- CreateTable
CREATE TABLE "admin_tokens" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "scope" "AdminTokenScope" NOT NULL,
    "team_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "admin_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "admin_tokens_token_hash_key" ON "admin_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "admin_audit_log_team_id_id_idx" ON "admin_audit_log"("team_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entries_refunds_request_id_key" ON "ledger_entries"("refunds_request_id");

-- CreateIndex
CREATE INDEX "ledger_entries_team_id_kind_id_idx" ON "ledger_entries"("team_id", "kind", "id");

-- AddForeignKey
ALTER TABLE "admin_tokens" ADD CONSTRAINT "admin_tokens_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
