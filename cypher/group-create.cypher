// Creates groups, marked with the version of the write (the live stream sends what changed after a version).
// $projectId, $version, $groups [{id, name, kind, communityId}] -> created
UNWIND $groups AS g
CREATE (n:Group {projectId: $projectId, id: g.id, name: g.name, kind: g.kind, communityId: g.communityId,
                 changedIn: $version})
RETURN count(n) AS created
