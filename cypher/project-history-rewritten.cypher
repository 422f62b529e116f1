// Marks a write that changed events already in the log (an erasure deletes them): histories kept
// from before this version must be read whole again. Run after project-lock. $projectId -> (nothing)
MATCH (p:Project {id: $projectId})
SET p.historyRewrittenAt = p.version
