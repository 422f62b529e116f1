// Stores a release, frozen: its body is the JSON every replica serves, byte for byte.
// $release {projectId, id, name, interval, baselineMs, followupMs, publishedAtMs, publishedBy,
// minCount, body, cells} -> id
CREATE (r:Release)
SET r = $release
RETURN r.id AS id
