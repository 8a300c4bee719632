# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh: TAP helpers for dapter's shell tests. Source it first.
# Each test runs the real binary ($DAPTER) on a database in a fresh temp dir.
set -u
: "${DAPTER:?run me through make check, or set DAPTER to the dapter binary}"
export DAPTER_TODAY=2026-11-23
export DAPTER_LANG=en
tap_n=0
tap_failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dapter-test.XXXXXX") || { echo "Bail out! cannot make a temp dir"; exit 1; }
trap 'rm -rf "$tmp"' EXIT
db="$tmp/school.db"
shared="${DAPTER_SHARED_DATA:-${top_srcdir:-.}/../shared/data}"

# d ARGS: dapter on the test database; output in $tmp/out, $tmp/err; status in $st.
d() {
	"$DAPTER" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	return 0
}

tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# status WANT DESCRIPTION: the last d call exited WANT.
status() {
	if [ "$st" -eq "$1" ]; then
		tap_result 0 "$2"
	else
		tap_result 1 "$2"
		echo "#   exit status $st, wanted $1"
		sed 's/^/#   stderr: /' "$tmp/err" | head -n 5
		sed 's/^/#   stdout: /' "$tmp/out" | head -n 5
	fi
}

# has FILE PATTERN DESCRIPTION: FILE contains the fixed string PATTERN.
has() {
	if grep -qF -- "$2" "$1"; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		echo "#   \"$2\" not found in:"
		sed 's/^/#   | /' "$1" | head -n 8
	fi
}

# lacks FILE PATTERN DESCRIPTION
lacks() {
	if grep -qF -- "$2" "$1"; then
		tap_result 1 "$3"
		echo "#   \"$2\" found in:"
		grep -F -- "$2" "$1" | sed 's/^/#   | /' | head -n 4
	else
		tap_result 0 "$3"
	fi
}

# same GOT_FILE WANT_FILE DESCRIPTION
same() {
	if cmp -s "$1" "$2"; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		diff -u "$2" "$1" | sed 's/^/#   /' | head -n 20
	fi
}

# A school from nothing: an admin, a teacher, a class and a subject.
make_school() {
	"$DAPTER" --db "$db" init --school "Мектеп № 1" >/dev/null &&
	echo "admin-pass-1" | "$DAPTER" --db "$db" user add boss --name "Бас Админ" \
	    --role admin --password-stdin >/dev/null &&
	echo "teacher-pass-1" | "$DAPTER" --db "$db" user add aruzhan \
	    --name "Аружан Серікқызы" --role teacher --password-stdin >/dev/null &&
	echo "teacher-pass-2" | "$DAPTER" --db "$db" user add pavel \
	    --name "Павел Ким" --role teacher --password-stdin >/dev/null &&
	"$DAPTER" --db "$db" class add "7 Ә" >/dev/null &&
	"$DAPTER" --db "$db" subject add Алгебра --hours 3 >/dev/null &&
	"$DAPTER" --db "$db" assign aruzhan "7 Ә" Алгебра >/dev/null
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
