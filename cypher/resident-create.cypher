// Creates residents, marked with the version of the write (read caches re-read what changed after theirs).
// $projectId, $createdAtMs, $version, $residents [{id, name, communityId, participant, joinedAtMs, consent, attributesJson}]
UNWIND $residents AS r
CREATE (n:Resident {projectId: $projectId, id: r.id, createdAtMs: $createdAtMs, changedIn: $version})
SET n.name = r.name, n.communityId = r.communityId, n.participant = r.participant,
    n.joinedAtMs = r.joinedAtMs, n.consent = r.consent, n.attributesJson = r.attributesJson
RETURN count(n) AS created
