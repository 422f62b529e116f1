// Creates groups. $projectId, $groups [{id, name, kind, communityId}] -> created
UNWIND $groups AS g
CREATE (n:Group {projectId: $projectId, id: g.id, name: g.name, kind: g.kind, communityId: g.communityId})
RETURN count(n) AS created
