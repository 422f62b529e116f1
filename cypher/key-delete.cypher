// Revokes a key by removing it; the next request carrying it finds nothing. $id -> deleted
MATCH (k:ApiKey {id: $id})
DELETE k
RETURN 1 AS deleted
