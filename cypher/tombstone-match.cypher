// Which of the given keyed hashes of resident ids are tombstones of erased residents.
// $projectId, $hashes -> hash
UNWIND $hashes AS hash
MATCH (t:Tombstone {projectId: $projectId, hash: hash})
RETURN t.hash AS hash
