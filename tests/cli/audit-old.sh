# SPDX-License-Identifier: GPL-3.0-or-later
# append_old ACTION OBJECT NEW: appends to $db's audit a record in the form the old code wrote
# (no row ids), chained with the README's recipe, as an operator's record of 2026-01-01.
# Sourced by the tests of what `audit verify` cannot replay (tests/cli/replay.sh, tests/ui).
append_old() {
	last=$(sqlite3 "$db" "SELECT id FROM audit ORDER BY id DESC LIMIT 1")
	prev=$(sqlite3 "$db" "SELECT hash FROM audit WHERE id = $last")
	id=$((last + 1))
	f() { printf '%s:%s\n' "$(printf %s "$1" | wc -c)" "$1"; }
	if [ -n "$3" ]; then nv=$(f "$3"); nq="'$3'"; else nv='-:'; nq=NULL; fi
	h=$({ f "$prev"; f "$id"; f 2026-01-01T00:00:00Z; f operator; f -; f "$1"; f "$2"; printf -- '-:\n'; printf '%s\n' "$nv"; } |
	    sha256sum | cut -d' ' -f1)
	sqlite3 "$db" "INSERT INTO audit(id, at, login, session, action, object, old, new, prev_hash, hash)
	    VALUES ($id, '2026-01-01T00:00:00Z', 'operator', '-', '$1', '$2', NULL, $nq, '$prev', '$h')"
}
