// The measurement waves named on measure events, with their first and last instant, in time order.
// Retracted measures and those of hidden residents are left out.
// $projectId, $hidden -> wave, firstMs, lastMs, measures
MATCH (e:Event {projectId: $projectId, type: 'measure'})
WHERE e.wave IS NOT NULL AND e.retractedBy IS NULL AND NOT e.resident IN $hidden
RETURN e.wave AS wave, min(e.atMs) AS firstMs, max(e.atMs) AS lastMs, count(e) AS measures
ORDER BY firstMs, wave
