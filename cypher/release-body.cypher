// One release's frozen body. $projectId, $id -> body
MATCH (r:Release {projectId: $projectId, id: $id})
RETURN r.body AS body
