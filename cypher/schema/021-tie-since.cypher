// The network at a moment: the project's TIE segments that started by then (until is checked after).
CREATE INDEX tie_since IF NOT EXISTS FOR ()-[r:TIE]-() ON (r.projectId, r.since)
