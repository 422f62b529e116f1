// Starts the write of a release: takes the project's write lock (publications of one project are
// serialised, so each one's differencing has seen every earlier release) and lists the releases
// already there. $projectId, $nowMs -> ids
MATCH (p:Project {id: $projectId})
WHERE p.restoringAtMs IS NULL
SET p.releaseLockedAtMs = $nowMs
WITH p
OPTIONAL MATCH (r:Release {projectId: p.id})
RETURN collect(r.id) AS ids
