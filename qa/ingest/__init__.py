"""Files -> Report -> Sections -> Chunks -> store."""
