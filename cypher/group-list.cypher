// A project's groups. $projectId -> id, name, kind, communityId
MATCH (g:Group {projectId: $projectId})
RETURN g.id AS id, g.name AS name, g.kind AS kind, g.communityId AS communityId
ORDER BY g.id
