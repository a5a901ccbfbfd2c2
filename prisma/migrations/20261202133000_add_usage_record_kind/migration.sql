-- What a usage record served: a chat completion or an embeddings batch.
ALTER TABLE "usage_records" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'chat';
