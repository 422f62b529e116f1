// The projection recomputes one pair's or one membership's spells from its events: found by key.
CREATE INDEX event_spell_key IF NOT EXISTS FOR (e:Event) ON (e.projectId, e.spellKey)
