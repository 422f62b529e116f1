// Deletes up to $limit of a hidden project's nodes (its relationships with them), for a restore
// that failed, a dry run, or a stale restore, each kind found through its key's index; the audit
// log is kept (it keys on `project`). $projectId, $limit -> deleted
CALL {
  MATCH (n:Event {projectId: $projectId}) RETURN n
  UNION ALL
  MATCH (n:Resident {projectId: $projectId}) RETURN n
  UNION ALL
  MATCH (n:Group {projectId: $projectId}) RETURN n
  UNION ALL
  MATCH (n:Community {projectId: $projectId}) RETURN n
  UNION ALL
  MATCH (n:Instrument {projectId: $projectId}) RETURN n
  UNION ALL
  MATCH (n:Cost {projectId: $projectId}) RETURN n
  UNION ALL
  MATCH (n:Tombstone {projectId: $projectId}) RETURN n
  UNION ALL
  MATCH (n:Release {projectId: $projectId}) RETURN n
}
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(n) AS deleted
