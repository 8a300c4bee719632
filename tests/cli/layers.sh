#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# layers.sh: the curses UI is built in layers, each using only those below
# it (src/ui_term.h draws them): 1 terminal, 2 key loop, 3 widgets, 4 screens.
# Checked from the #include lines of the sources (and, when the objects are
# built, from the symbols they use): only ui_term.c includes curses; no file
# outside the UI includes a ui_ header; no UI file includes a header of a
# layer above its own, or a header that belongs to no layer; ui_admin.h is
# only the admin screens'; the includes form no circle; and no UI object
# calls a function defined in a layer above it (the key loop reaches the
# help and lock screens only through the hooks in struct ui).
. "${top_srcdir:-.}/tests/cli/lib.sh"

root="${top_srcdir:-.}"
src="$root/src"
include="$root/include"
objdir="${top_builddir:-.}/src"

# layer FILE: the layer of a UI file by its name; 0 for a header of no layer.
# A new ui_*.c is a screen unless it is named here; a new header must be.
layer() {
	case "${1##*/}" in
	ui_term.h | ui_term.c | ui_keyseq.c) echo 1 ;;
	ui_keys.h | ui_keys.c) echo 2 ;;
	ui_widgets.h | ui_draw.c | ui_list.c | ui_comment.c) echo 3 ;;
	ui_screens.h | ui_admin.h) echo 4 ;;
	*.h) echo 0 ;;
	*) echo 4 ;;
	esac
}

# name N: what layer N is called in a message.
name() {
	case "$1" in
	1) echo terminal ;; 2) echo "key loop" ;; 3) echo widgets ;; 4) echo screens ;;
	*) echo "no layer" ;;
	esac
}

# includes FILE: the quoted headers FILE includes, one a line.
includes() {
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1"
}

# 1. Only ui_term.c includes curses (or its terminfo, panel, menu, form headers).
bad=$(grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]((n?curses|ncursesw)/)?(n?curses|term|panel|menu|form)\.h[>"]' \
    "$src"/*.c "$src"/*.h "$include"/*.h 2>/dev/null | grep -v '/ui_term\.c$')
if [ -z "$bad" ]; then
	tap_result 0 "only src/ui_term.c includes curses"
else
	tap_result 1 "only src/ui_term.c includes curses"
	for f in $bad; do
		echo "#   ${f#"$root"/} includes curses"
	done
fi

# 2. Nothing outside the UI includes a ui_ header (include/ui.h is the UI's door).
bad=""
for f in "$src"/*.c "$src"/*.h "$include"/*.h; do
	case "${f##*/}" in ui_*) continue ;; esac
	for h in $(includes "$f"); do
		case "$h" in ui_*) bad="$bad#   ${f#"$root"/} includes $h
" ;;
		esac
	done
done
if [ -z "$bad" ]; then
	tap_result 0 "no file outside the UI includes a ui_ header"
else
	tap_result 1 "no file outside the UI includes a ui_ header"
	printf '%s' "$bad"
fi

# 3. A UI file includes only headers of its own layer or below, and only known ones.
bad=""
edges="$tmp/edges"
: >"$edges"
for f in "$src"/ui_*.c "$src"/ui_*.h; do
	lf=$(layer "$f")
	base=${f##*/}
	[ "$lf" -eq 0 ] && bad="$bad#   src/$base belongs to no layer (name it in tests/cli/layers.sh)
"
	echo "$base $base" >>"$edges"
	for h in $(includes "$f"); do
		case "$h" in ui_*) ;; *) continue ;; esac
		echo "$base $h" >>"$edges"
		lh=$(layer "$h")
		if [ "$lh" -eq 0 ]; then
			bad="$bad#   src/$base ($(name "$lf")) includes src/$h, which belongs to no layer
"
		elif [ "$lf" -gt 0 ] && [ "$lh" -gt "$lf" ]; then
			bad="$bad#   src/$base ($(name "$lf")) includes src/$h ($(name "$lh")), a layer above it
"
		fi
		case "$h:$base" in
		ui_admin.h:ui_admin*.c) ;;
		ui_admin.h:*) bad="$bad#   src/$base includes src/ui_admin.h, which only the admin screens share
" ;;
		esac
	done
done
if [ -z "$bad" ]; then
	tap_result 0 "every UI file includes only headers of its layer or below"
else
	tap_result 1 "every UI file includes only headers of its layer or below"
	printf '%s' "$bad"
fi

# 4. No circle among the UI's includes (tsort names the files of a loop).
if tsort <"$edges" >/dev/null 2>"$tmp/tsort"; then
	tap_result 0 "the UI's includes form no circle"
else
	tap_result 1 "the UI's includes form no circle"
	sed 's/^/#   /' "$tmp/tsort"
fi

# 5. No UI object calls a function defined in a layer above its own.
objs=$(ls "$objdir"/ui_*.o "$objdir"/*-ui_*.o 2>/dev/null)
if [ -z "$objs" ] || ! command -v nm >/dev/null 2>&1; then
	echo "ok $((tap_n + 1)) # SKIP no UI objects built in $objdir, or no nm"
	tap_n=$((tap_n + 1))
else
	: >"$tmp/defs"
	for o in $objs; do
		b=${o##*/}
		b=ui_${b#*ui_}
		nm -g --defined-only "$o" | awk -v f="$b" 'NF == 3 { print $3, f }' >>"$tmp/defs"
	done
	bad=""
	for o in $objs; do
		b=${o##*/}
		b=ui_${b#*ui_}
		lo=$(layer "${b%.o}.c")
		for s in $(nm -u "$o" | awk '{ print $NF }'); do
			d=$(awk -v s="$s" '$1 == s { print $2; exit }' "$tmp/defs")
			[ -n "$d" ] || continue
			ld=$(layer "${d%.o}.c")
			[ "$ld" -gt "$lo" ] && bad="$bad#   src/${b%.o}.c ($(name "$lo")) calls $s of src/${d%.o}.c ($(name "$ld")), a layer above it
"
		done
	done
	if [ -z "$bad" ]; then
		tap_result 0 "no UI file calls a function of a layer above it"
	else
		tap_result 1 "no UI file calls a function of a layer above it"
		printf '%s' "$bad"
	fi
fi

done_testing
