// How many residents, groups and events a project holds (tests and the audit use it). $projectId
CALL { MATCH (r:Resident {projectId: $projectId}) RETURN count(r) AS residents }
CALL { MATCH (g:Group {projectId: $projectId}) RETURN count(g) AS groups }
CALL { MATCH (e:Event {projectId: $projectId}) RETURN count(e) AS events }
RETURN residents, groups, events
