// A project's residents with their effective joinedAt (explicit, else first event, else creation).
// $projectId -> id, name, communityId, participant, consent, attributesJson, joinedAtMs
MATCH (r:Resident {projectId: $projectId})
RETURN r.id AS id, r.name AS name, r.communityId AS communityId, r.participant AS participant,
       r.consent AS consent, r.attributesJson AS attributesJson,
       coalesce(r.joinedAtMs, r.firstEventAtMs, r.createdAtMs) AS joinedAtMs
ORDER BY r.id
