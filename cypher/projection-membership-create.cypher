// Writes MEMBER_OF spells (resident)-[:MEMBER_OF]->(group); times in epoch ms, until null while
// the membership holds. $projectId, $spells [{key, resident, group, since, until}] -> created
UNWIND $spells AS s
MATCH (r:Resident {projectId: $projectId, id: s.resident})
MATCH (g:Group {projectId: $projectId, id: s.group})
CREATE (r)-[m:MEMBER_OF {projectId: $projectId, key: s.key, since: s.since, until: s.until}]->(g)
RETURN count(m) AS created
