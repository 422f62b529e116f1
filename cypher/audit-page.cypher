// One page of the audit log, oldest first, after a cursor.
// $project (or null), $resident (a resident hash, or null), $fromMs, $toMs, $after ({atMs, id} or
// null), $limit -> entry
MATCH (a:AuditEntry)
WHERE a.atMs >= $fromMs AND a.atMs <= $toMs
  AND ($project IS NULL OR a.project = $project)
  AND ($resident IS NULL OR a.resident = $resident)
  AND ($after IS NULL OR a.atMs > $after.atMs OR (a.atMs = $after.atMs AND a.id > $after.id))
RETURN a {.*} AS entry
ORDER BY a.atMs, a.id
LIMIT $limit
