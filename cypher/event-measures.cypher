// Measure events that are not retracted, in time order. $projectId -> resident, instrument, score, atMs
MATCH (e:Event {projectId: $projectId, type: 'measure'})
WHERE e.retractedBy IS NULL
RETURN e.resident AS resident, e.instrument AS instrument, e.score AS score, e.atMs AS atMs
ORDER BY e.atMs, e.batch, e.seq
