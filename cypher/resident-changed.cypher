// The residents written after a kept version ($after: created or updated then), and those named
// by events written since ($named: their first event may have moved), as resident-list reads them.
// $projectId, $after, $named -> id, name, communityId, participant, consent, attributesJson, joinedAtMs, status
MATCH (r:Resident {projectId: $projectId})
WHERE r.changedIn > $after OR r.id IN $named
RETURN r.id AS id, r.name AS name, r.communityId AS communityId, r.participant AS participant,
       r.consent AS consent, r.attributesJson AS attributesJson,
       coalesce(r.joinedAtMs, r.firstEventAtMs, r.createdAtMs) AS joinedAtMs,
       r {.movesAtMs, .movesLeave, .participationFromMs, .participationUntilMs,
         .participationOpenFromMs} AS status
ORDER BY r.id
