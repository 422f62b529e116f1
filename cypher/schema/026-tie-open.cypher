// The network after a project's last change: its open TIE segments (until null), which carry the
// project's id as openIn (a range index holds no nulls, so "until IS NULL" alone cannot be sought).
CREATE INDEX tie_open IF NOT EXISTS FOR ()-[r:TIE]-() ON (r.openIn)
