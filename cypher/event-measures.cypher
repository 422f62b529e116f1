// Measure events that are not retracted, in time order. $projectId, $hidden (resident ids left out) -> resident, instrument, score, atMs, wave
MATCH (e:Event {projectId: $projectId, type: 'measure'})
WHERE e.retractedBy IS NULL AND NOT e.resident IN $hidden
RETURN e.resident AS resident, e.instrument AS instrument, e.score AS score, e.atMs AS atMs,
       e.wave AS wave
ORDER BY e.atMs, e.batch, e.seq
