// The groups written after a version and up to another (the live stream's change between them).
// $projectId, $after, $upTo -> id, name, kind, communityId
MATCH (g:Group {projectId: $projectId})
WHERE g.changedIn > $after AND g.changedIn <= $upTo
RETURN g.id AS id, g.name AS name, g.kind AS kind, g.communityId AS communityId
ORDER BY g.id
