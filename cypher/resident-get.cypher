// One resident. $projectId, $id -> the columns of resident-list
MATCH (r:Resident {projectId: $projectId, id: $id})
RETURN r.id AS id, r.name AS name, r.communityId AS communityId, r.participant AS participant,
       r.consent AS consent, r.attributesJson AS attributesJson,
       coalesce(r.joinedAtMs, r.firstEventAtMs, r.createdAtMs) AS joinedAtMs,
       r {.movesAtMs, .movesLeave, .participationFromMs, .participationUntilMs,
         .participationOpenFromMs} AS status
