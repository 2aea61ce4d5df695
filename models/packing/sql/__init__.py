"""SQL of packing: package state, letters, users, the station identity, the rule checks on stored contents."""
