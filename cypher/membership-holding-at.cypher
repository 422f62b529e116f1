// The MEMBER_OF spells holding at a moment, through the member_of_since index, of residents none
// of $hidden. $projectId, $atMs, $hidden -> resident, group, since, until
MATCH (r:Resident)-[m:MEMBER_OF]->(g:Group)
USING INDEX SEEK m:MEMBER_OF(projectId, since)
WHERE m.projectId = $projectId AND m.since <= $atMs AND (m.until IS NULL OR m.until > $atMs)
  AND NOT r.id IN $hidden
RETURN r.id AS resident, g.id AS group, m.since AS since, m.until AS until
