// The residents who may be in the network at a moment: joined by $atMs (joinedAt, else first
// event, else creation), of one community when $communityId is set, none of $hidden. Who is in it
// then is the time rule's (server/metrics/moment.ts), which reads these.
// $projectId, $atMs, $communityId (or null), $hidden -> id, name, communityId, participant, joinedAtMs, status
// (status: the leaving, returning and participation the node holds, as resident-list reads it)
MATCH (r:Resident {projectId: $projectId})
WHERE NOT r.id IN $hidden AND ($communityId IS NULL OR r.communityId = $communityId)
WITH r, coalesce(r.joinedAtMs, r.firstEventAtMs, r.createdAtMs) AS joinedAtMs
WHERE joinedAtMs <= $atMs
RETURN r.id AS id, r.name AS name, r.communityId AS communityId,
       coalesce(r.participant, false) AS participant, joinedAtMs,
       r {.movesAtMs, .movesLeave, .participationFromMs, .participationUntilMs,
         .participationOpenFromMs} AS status
ORDER BY joinedAtMs, r.id
