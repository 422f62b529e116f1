// A project's residents as stored, for its archive: joinedAtMs as recorded (null: read from their
// first event) and when each was created. $projectId -> id, name, communityId, participant, consent,
// attributesJson, joinedAtMs, createdAtMs
MATCH (r:Resident {projectId: $projectId})
RETURN r.id AS id, r.name AS name, r.communityId AS communityId,
       coalesce(r.participant, false) AS participant, r.consent AS consent,
       r.attributesJson AS attributesJson, r.joinedAtMs AS joinedAtMs, r.createdAtMs AS createdAtMs
ORDER BY r.id
