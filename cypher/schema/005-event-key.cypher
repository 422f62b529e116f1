// Event ids are unique within a project: the constraint that makes a re-sent id a no-op.
CREATE CONSTRAINT event_key IF NOT EXISTS FOR (e:Event) REQUIRE (e.projectId, e.id) IS UNIQUE
