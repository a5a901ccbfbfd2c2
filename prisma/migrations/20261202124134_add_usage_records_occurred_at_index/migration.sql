-- CreateIndex
CREATE INDEX "usage_records_occurred_at_idx" ON "usage_records"("occurred_at");
