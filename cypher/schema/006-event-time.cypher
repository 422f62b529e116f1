// Replays read a project's events of some types up to a moment, in time order.
CREATE INDEX event_time IF NOT EXISTS FOR (e:Event) ON (e.projectId, e.type, e.atMs)
