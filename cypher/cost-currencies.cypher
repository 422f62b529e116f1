// The currencies a project's costs are in (one, once any cost is stored). $projectId -> currency
MATCH (c:Cost {projectId: $projectId})
RETURN DISTINCT c.currency AS currency
