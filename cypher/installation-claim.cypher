// The secrets' verifiers this database was first served with: recorded by the first start, read
// back by every later one. $hashVerifier, $pseudonymVerifier, $nowMs
// -> hashVerifier, pseudonymVerifier, previousHashSecrets, created
MERGE (i:Installation {id: 'peoplemap'})
ON CREATE SET i.hashVerifier = $hashVerifier, i.pseudonymVerifier = $pseudonymVerifier,
  i.createdAtMs = $nowMs, i.fresh = true
WITH i, coalesce(i.fresh, false) AS created
REMOVE i.fresh
RETURN i.hashVerifier AS hashVerifier, i.pseudonymVerifier AS pseudonymVerifier,
  i.previousHashSecrets AS previousHashSecrets, created
