// Sets a project's lastChangeMs from everything it holds (a rebuild): its latest event of any
// type, a resident's stated joinedAt, or 0. $projectId -> lastChangeMs
MATCH (p:Project {id: $projectId})
CALL (p) {
  OPTIONAL MATCH (e:Event {projectId: p.id})
  RETURN max(e.atMs) AS lastEventMs
}
CALL (p) {
  OPTIONAL MATCH (r:Resident {projectId: p.id})
  RETURN max(r.joinedAtMs) AS lastJoinMs
}
SET p.lastChangeMs = reduce(m = 0, x IN [lastEventMs, lastJoinMs] | CASE WHEN x > m THEN x ELSE m END)
RETURN p.lastChangeMs AS lastChangeMs
