#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The modules (issue 15): pango, cairo, libxlsxwriter and X11 are loaded
# only by a command that makes a PDF or XLSX, libssh and OpenSSL's libcrypto
# only by the server, a key added or an audit checkpoint signed; none is
# linked into dapter. Without the report module those formats fail with a
# clear, translated error and the others still work; without the server
# module `serve`, `user key add` and `audit head FILE` say what is missing.
. "${top_srcdir:-.}/tests/cli/lib.sh"
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 ||
    { echo "Bail out! cannot create the demo school"; exit 1; }
# minizip and expat read XLSX workbooks, in the report module too (table.h).
heavy='pango|cairo|xlsxwriter|libX|xcb|harfbuzz|fontconfig|minizip|expat'

if command -v ldd >/dev/null 2>&1; then
	ldd "$DAPTER" >"$tmp/ldd" 2>&1
	if grep -Eq "$heavy" "$tmp/ldd"; then
		tap_result 1 "ldd dapter lists no report renderer"
		grep -E "$heavy" "$tmp/ldd" | sed 's/^/#   | /' | head -n 8
	else
		tap_result 0 "ldd dapter lists no report renderer"
	fi
	if grep -Eq 'libssh|libcrypto|libgssapi|libkrb5' "$tmp/ldd"; then
		tap_result 1 "ldd dapter lists no libssh, libcrypto or Kerberos"
		grep -E 'libssh|libcrypto|libgssapi|libkrb5' "$tmp/ldd" | sed 's/^/#   | /'
	else
		tap_result 0 "ldd dapter lists no libssh, libcrypto or Kerberos"
	fi
else
	echo "ok 1 # SKIP no ldd here"
	echo "ok 2 # SKIP no ldd here"
	tap_n=2
fi

mkdir "$tmp/empty"
mkdir "$tmp/bad" && printf 'not a library\n' >"$tmp/bad/dapter-report.so" &&
    cp "$tmp/bad/dapter-report.so" "$tmp/bad/dapter-server.so"

DAPTER_MODULEDIR="$tmp/empty" d report journal "7 Ә" Алгебра --period q1 --format pdf
status 1 "without the module a PDF fails"
has "$tmp/err" "dapter-report.so, which is missing" "the error names the missing module"
has "$tmp/err" "reinstall dapter, or ask for the report as txt or csv" "and says what to do"
lacks "$tmp/out" "%PDF" "nothing half-written reaches the output"
DAPTER_MODULEDIR="$tmp/empty" d report journal "7 Ә" Алгебра --period q1 --format xlsx
status 1 "without the module an XLSX fails"
has "$tmp/err" "dapter-report.so, which is missing" "with the same error"
DAPTER_MODULEDIR="$tmp/empty" DAPTER_LANG=ru d report journal "7 Ә" Алгебра --period q1 \
    --format pdf
has "$tmp/err" "переустановите dapter" "the error speaks Russian"
DAPTER_MODULEDIR="$tmp/empty" DAPTER_LANG=kk d report journal "7 Ә" Алгебра --period q1 \
    --format pdf
has "$tmp/err" "қайта орнатыңыз" "and Kazakh"
DAPTER_MODULEDIR="$tmp/empty" d report journal "7 Ә" Алгебра --period q1 --format csv
status 0 "csv needs no module"
has "$tmp/out" "Әбілқасымова" "and holds the page"
DAPTER_MODULEDIR="$tmp/bad" d report journal "7 Ә" Алгебра --period q1 --format pdf
status 1 "a module that is not a library fails"
has "$tmp/err" "Could not load $tmp/bad/dapter-report.so" "naming it"
DAPTER_MODULEDIR= d report journal "7 Ә" Алгебра --period q1 --format pdf
status 0 "the module beside dapter makes the PDF"
has "$tmp/out" "%PDF" "a PDF indeed"

# Reading a workbook needs the module as well; a CSV class list does not.
d class add "9 В"
DAPTER_MODULEDIR="$tmp/empty" d roster import "9 В" "$top_srcdir/tests/data/roster-7a.xlsx"
status 1 "without the module an XLSX class list is refused"
has "$tmp/err" "Reading an XLSX workbook needs $tmp/empty/dapter-report.so, which is missing: \
reinstall dapter, or save the file as \"CSV UTF-8\"." "saying what to do"
DAPTER_MODULEDIR="$tmp/empty" d roster import "9 В" "$top_srcdir/tests/data/roster-7a.csv"
status 0 "a CSV class list needs no module"
DAPTER_MODULEDIR= d roster import "9 В" "$top_srcdir/tests/data/roster-7a.xlsx" --dry-run
has "$tmp/out" "0 pupils would be added to 9 В (27 already there)" "the module beside dapter reads it"

# The server is a module too: without it `serve` says so and stops.
DAPTER_MODULEDIR="$tmp/empty" d serve --listen 127.0.0.1 --port 1
status 1 "without its module the server does not start"
has "$tmp/err" "the SSH server needs $tmp/empty/dapter-server.so, which is missing" \
    "and names the missing module"
DAPTER_MODULEDIR="$tmp/empty" DAPTER_LANG=ru d serve --listen 127.0.0.1 --port 1
has "$tmp/err" "для SSH-сервера нужен" "in Russian too"

# A public key is read by the server module's libssh, as a login reads it.
ssh-keygen -q -t ed25519 -N '' -C "olga@lab" -f "$tmp/key" >/dev/null ||
    { echo "Bail out! ssh-keygen cannot make a key"; exit 1; }
DAPTER_MODULEDIR="$tmp/empty" d user key add olga "$tmp/key.pub"
status 1 "without the server module a key is not added"
has "$tmp/err" "SSH keys and signed audit checkpoints need $tmp/empty/dapter-server.so, \
which is missing: reinstall dapter." "naming the missing module"
DAPTER_MODULEDIR="$tmp/empty" DAPTER_LANG=kk d user key add olga "$tmp/key.pub"
has "$tmp/err" "қайта орнатыңыз" "in Kazakh too"
d user key list olga
lacks "$tmp/out" "olga@lab" "and no key is stored"
DAPTER_MODULEDIR="$tmp/bad" d user key add olga "$tmp/key.pub"
has "$tmp/err" "Could not load $tmp/bad/dapter-server.so" "a broken module is named"
DAPTER_MODULEDIR= d user key add olga "$tmp/key.pub"
status 0 "with the module beside dapter the key is added"
d user key list olga
has "$tmp/out" "$(ssh-keygen -l -f "$tmp/key.pub" | cut -d' ' -f2)" \
    "under the fingerprint ssh-keygen shows"

# The audit checkpoints are signed by the module's libcrypto.
DAPTER_MODULEDIR="$tmp/empty" d audit head "$tmp/cp0.txt"
status 1 "without the server module no checkpoint is signed"
has "$tmp/err" "dapter-server.so, which is missing" "saying which module is missing"
[ ! -e "$tmp/cp0.txt.sig" ]; tap_result $? "and no signature is written"
DAPTER_MODULEDIR= d audit head "$tmp/cp.txt"
status 0 "with the module audit head FILE writes a checkpoint"
printf 'dapter namespaces="dapter-audit" %s\n' \
    "$(ssh-keygen -y -f "$db.keys/ssh_host_ed25519_key" | cut -d' ' -f1-2)" >"$tmp/allowed"
ssh-keygen -Y verify -f "$tmp/allowed" -I dapter -n dapter-audit -s "$tmp/cp.txt.sig" \
    <"$tmp/cp.txt" >"$tmp/out" 2>&1
tap_result $? "which ssh-keygen -Y verify accepts"
DAPTER_MODULEDIR= d audit verify --checkpoint "$tmp/cp.txt"
status 0 "and audit verify --checkpoint checks its signature"
DAPTER_MODULEDIR="$tmp/empty" d audit verify --checkpoint "$tmp/cp.txt"
status 1 "without the module the signature cannot be checked, and verify says it failed"
has "$tmp/err" "dapter-server.so, which is missing" "naming the module"
done_testing
