-- "No restriction" gets a value of its own. An empty allow-list used to mean every model (or
-- tier). From now on a key is restricted only when its flag says so, and a restricted key with an
-- empty list may use nothing.

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "models_restricted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tiers_restricted" BOOLEAN NOT NULL DEFAULT false;

-- Existing keys keep their meaning: a non-empty list restricted the key, an empty one did not.
UPDATE "api_keys"
   SET "models_restricted" = cardinality("allowed_models") > 0,
       "tiers_restricted" = cardinality("allowed_tiers") > 0;
