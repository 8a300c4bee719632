#!/bin/sh
# The modules (issue 15): pango, cairo, libxlsxwriter and X11 are loaded
# only by a command that makes a PDF or XLSX, libssh only by the server;
# neither is linked into dapter. Without the report module those formats
# fail with a clear, translated error and the others still work; without
# the server module `serve` says what is missing.
. "${top_srcdir:-.}/tests/cli/lib.sh"
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 ||
    { echo "Bail out! cannot create the demo school"; exit 1; }
heavy='pango|cairo|xlsxwriter|libX|xcb|harfbuzz|fontconfig'

if command -v ldd >/dev/null 2>&1; then
	ldd "$DAPTER" >"$tmp/ldd" 2>&1
	if grep -Eq "$heavy" "$tmp/ldd"; then
		tap_result 1 "ldd dapter lists no report renderer"
		grep -E "$heavy" "$tmp/ldd" | sed 's/^/#   | /' | head -n 8
	else
		tap_result 0 "ldd dapter lists no report renderer"
	fi
else
	echo "ok 1 # SKIP no ldd here"
	tap_n=1
fi

mkdir "$tmp/empty"
mkdir "$tmp/bad" && printf 'not a library\n' >"$tmp/bad/dapter-report.so"

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

# The server is a module too: without it `serve` says so and stops.
DAPTER_MODULEDIR="$tmp/empty" d serve --listen 127.0.0.1 --port 1
status 1 "without its module the server does not start"
has "$tmp/err" "the SSH server needs $tmp/empty/dapter-server.so, which is missing" \
    "and names the missing module"
DAPTER_MODULEDIR="$tmp/empty" DAPTER_LANG=ru d serve --listen 127.0.0.1 --port 1
has "$tmp/err" "для SSH-сервера нужен" "in Russian too"
done_testing
