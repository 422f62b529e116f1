// Gives events stored before the projection existed what it needs: the spell key of tie and
// membership events, and a batch below every new one (older batches keep their order of receipt).
// $projectId -> updated
MATCH (e:Event {projectId: $projectId})
WHERE e.batch IS NULL OR (e.spellKey IS NULL AND e.type IN ['connection', 'disconnection', 'membership', 'departure'])
WITH e ORDER BY e.recordedAtMs
WITH collect(e) AS events, collect(DISTINCT e.recordedAtMs) AS receipts
UNWIND events AS e
SET e.spellKey = CASE
      WHEN e.type IN ['connection', 'disconnection'] AND e.from <> e.to
        THEN CASE WHEN e.from < e.to THEN e.from + '|' + e.to ELSE e.to + '|' + e.from END
      WHEN e.type IN ['membership', 'departure'] THEN e.resident + '>' + e.group
      ELSE e.spellKey END,
    e.batch = coalesce(e.batch,
      [i IN range(0, size(receipts) - 1) WHERE receipts[i] = e.recordedAtMs][0] - size(receipts))
RETURN count(e) AS updated
