// Every erasure tombstone of every project, to re-key them when the hash secret is rotated.
// (no parameters) -> projectId, hash
MATCH (t:Tombstone)
RETURN t.projectId AS projectId, t.hash AS hash
