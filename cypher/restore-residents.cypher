// Recreates a project's residents from its archive, as they were stored (createdAtMs and the
// recorded joinedAtMs kept), marked with the restore's version.
// $projectId, $version, $residents [{id, name, communityId, participant, consent, attributesJson,
// joinedAtMs, createdAtMs}] -> created
UNWIND $residents AS r
CREATE (n:Resident {projectId: $projectId, id: r.id, createdAtMs: r.createdAtMs, changedIn: $version})
SET n.name = r.name, n.communityId = r.communityId, n.participant = r.participant,
    n.joinedAtMs = r.joinedAtMs, n.consent = r.consent, n.attributesJson = r.attributesJson
RETURN count(n) AS created
