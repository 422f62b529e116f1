// Records a key's use, at most once per $staleBeforeMs window so busy keys write rarely.
// $id, $nowMs, $staleBeforeMs -> (nothing)
MATCH (k:ApiKey {id: $id})
WHERE coalesce(k.lastUsedAtMs, 0) < $staleBeforeMs
SET k.lastUsedAtMs = $nowMs
