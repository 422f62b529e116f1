// Every MEMBER_OF spell of a project. $projectId -> key, resident, group, since, until
MATCH (r:Resident)-[m:MEMBER_OF {projectId: $projectId}]->(g:Group)
RETURN m.key AS key, r.id AS resident, g.id AS group, m.since AS since, m.until AS until
ORDER BY key, since
