#!/bin/sh
# check-po.sh SRCDIR: po/zh_CN.po is valid and complete for every file in
# po/POTFILES.in (no untranslated or fuzzy message, none missing).
set -eu
srcdir=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

po="$srcdir/po/zh_CN.po"

stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1)
echo "zh_CN.po: $stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "zh_CN.po has untranslated or fuzzy messages" >&2; exit 1 ;;
esac

# the keywords of meson's i18n 'glib' preset
grep -v '^#' "$srcdir/po/POTFILES.in" | sed '/^[[:space:]]*$/d' > "$tmp/files"
(cd "$srcdir" && xgettext --from-code=UTF-8 --add-comments \
   --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
   --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
   --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
   --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
   --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
   --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
   --files-from="$tmp/files" -o "$tmp/gxreports.pot")

msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/gxreports.pot" -o "$tmp/merged.po"
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "against the sources: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    msgattrib --untranslated "$tmp/merged.po" | grep '^msgid' | head -50 >&2
    echo "strings of POTFILES.in are missing from zh_CN.po" >&2
    exit 1 ;;
esac
