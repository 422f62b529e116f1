// Recomputes residents' leaving, returning and dated participation from their events that are not
// retracted, in replay order, onto their nodes (server/metrics/moment.ts reads presence and
// participation from these): movesAtMs and movesLeave (true: a leave, false: a return);
// participationFromMs and participationUntilMs (the participations with an end, pairwise) and
// participationOpenFromMs (the earliest without one, or null). $projectId, $ids -> refreshed
UNWIND $ids AS rid
MATCH (r:Resident {projectId: $projectId, id: rid})
OPTIONAL MATCH (r)<-[:NAMES]-(e:Event)
WHERE e.type IN ['leave', 'return', 'participation'] AND e.retractedBy IS NULL
WITH r, e
ORDER BY e.atMs, e.batch, e.seq
WITH r, collect(e) AS events
WITH r, [e IN events WHERE e.type <> 'participation'] AS moves,
     [e IN events WHERE e.type = 'participation'] AS participations
SET r.movesAtMs = [e IN moves | e.atMs],
    r.movesLeave = [e IN moves | e.type = 'leave'],
    r.participationFromMs = [e IN participations WHERE e.untilMs IS NOT NULL | e.atMs],
    r.participationUntilMs = [e IN participations WHERE e.untilMs IS NOT NULL | e.untilMs],
    r.participationOpenFromMs = head([e IN participations WHERE e.untilMs IS NULL | e.atMs])
RETURN count(r) AS refreshed
