-- Addition (issue 16, finding 7): files to remove from storage, recorded in the same
-- transaction that leaves them unreferenced (an ad's deletion, a retention pass). A job
-- removes each file, then its row, so a crash midway resumes where it stopped.
CREATE TABLE storage_deletions (
    key TEXT PRIMARY KEY,
    session_id UUID,
    reason VARCHAR(32) NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
--> statement-breakpoint
CREATE INDEX idx_storage_deletions_session_id ON storage_deletions(session_id);
--> statement-breakpoint
-- When an asset's files were handed to storage_deletions: a retention pass never picks
-- the same asset twice, and storage in use can be summed over the rows where it is null.
ALTER TABLE assets ADD COLUMN files_deleted_at TIMESTAMP WITH TIME ZONE;
