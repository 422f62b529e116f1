// Records rotated secrets: their verifiers and the earlier hash secrets, sealed with the new one.
// $hashVerifier, $pseudonymVerifier, $previousHashSecrets, $nowMs -> (nothing)
MATCH (i:Installation {id: 'peoplemap'})
SET i.hashVerifier = $hashVerifier, i.pseudonymVerifier = $pseudonymVerifier,
  i.previousHashSecrets = $previousHashSecrets, i.rotatedAtMs = $nowMs
