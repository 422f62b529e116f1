// A project's residents with their effective joinedAt (explicit, else first event, else creation)
// and status: the leaving, returning and dated participation their node holds (resident-status-refresh).
// $projectId -> id, name, communityId, participant, consent, attributesJson, joinedAtMs, status
MATCH (r:Resident {projectId: $projectId})
RETURN r.id AS id, r.name AS name, r.communityId AS communityId, r.participant AS participant,
       r.consent AS consent, r.attributesJson AS attributesJson,
       coalesce(r.joinedAtMs, r.firstEventAtMs, r.createdAtMs) AS joinedAtMs,
       r {.movesAtMs, .movesLeave, .participationFromMs, .participationUntilMs,
         .participationOpenFromMs} AS status
ORDER BY r.id
