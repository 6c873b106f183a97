/* test-text.c: the text helpers of gx-text.c
 *
 * gx_text_utf8_valid() replaces g_utf8_validate_len() on the reader's hot
 * path, so it is held to GLib's answer on every kind of sequence and on
 * random bytes; the label key is checked on labels seen in real reports.
 */
#include "gx-config.h"

#include <string.h>

#include "gx-text.h"

static void
assert_same_as_glib (const char *bytes,
                     gsize       len)
{
  gboolean ours = gx_text_utf8_valid (bytes, len);
  gboolean glib = g_utf8_validate_len (bytes, len, NULL);

  if (ours != glib)
    {
      g_autoptr(GString) hex = g_string_new (NULL);

      for (gsize i = 0; i < len; i++)
        g_string_append_printf (hex, "%02X ", (guchar) bytes[i]);
      g_error ("gx_text_utf8_valid says %d, g_utf8_validate_len %d, for %s", ours, glib, hex->str);
    }
}

static void
test_utf8_sequences (void)
{
  /* the length of a literal, NULs inside included */
#define CASE(literal, valid) { literal, sizeof (literal) - 1, valid }
  static const struct { const char *bytes; gsize len; gboolean valid; } cases[] = {
    CASE ("", TRUE),
    CASE ("abc", TRUE),
    CASE ("政府信息公开", TRUE),
    CASE ("a\0b", FALSE),                    /* NUL */
    CASE ("\xC2\xA0", TRUE),                 /* U+00A0 */
    CASE ("\xC0\x80", FALSE),                /* overlong NUL */
    CASE ("\xC1\xBF", FALSE),                /* overlong */
    CASE ("\xE0\x9F\xBF", FALSE),            /* overlong three-byte */
    CASE ("\xE0\xA0\x80", TRUE),             /* U+0800 */
    CASE ("\xED\x9F\xBF", TRUE),             /* U+D7FF */
    CASE ("\xED\xA0\x80", FALSE),            /* U+D800, a surrogate */
    CASE ("\xEF\xBF\xBF", TRUE),             /* U+FFFF */
    CASE ("\xF0\x8F\xBF\xBF", FALSE),        /* overlong four-byte */
    CASE ("\xF0\x90\x80\x80", TRUE),         /* U+10000 */
    CASE ("\xF4\x8F\xBF\xBF", TRUE),         /* U+10FFFF */
    CASE ("\xF4\x90\x80\x80", FALSE),        /* past U+10FFFF */
    CASE ("\xF5\x80\x80\x80", FALSE),
    CASE ("\x80", FALSE),                    /* lone continuation */
    CASE ("\xE6\x94", FALSE),                /* cut short */
    CASE ("\xE6\x94\xBF\xE5", FALSE),
    CASE ("abcdefgh\xE6\x94\xBFijklmnop", TRUE),
    CASE ("abcdefghijklmno\x80", FALSE),    /* after an ASCII run */
    CASE ("abcdefghijklmn\0p", FALSE),      /* NUL inside a word */
    CASE ("政府信息\xED\xA0\x80公开", FALSE),  /* in a run of CJK */
    CASE ("政府信息\xE0\x9F\xBF公开", FALSE),
    CASE ("政府信息\xE0\xA0\x80公开", TRUE),
    CASE ("政府信息\xE6\x94公开", FALSE),
    CASE ("政府信息公\xE5", FALSE),
  };
#undef CASE

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (gx_text_utf8_valid (cases[i].bytes, cases[i].len), ==, cases[i].valid);
      assert_same_as_glib (cases[i].bytes, cases[i].len);
    }
}

/* Random strings built from pieces of UTF-8 (and broken pieces), so that
 * both answers come up often. */
static void
test_utf8_random (void)
{
  static const char *const pieces[] = {
    "a", " ", "1234567", "\n", "政", "府", "，", "\xC2\xA0", "\xF0\x9F\x98\x80",
    "\xE6", "\x94", "\xBF", "\xED\xA0\x80", "\xC0\x80", "\xF4\x90\x80\x80", "\xFF",
  };
  GRand *rand = g_rand_new_with_seed (20221122);
  guint n_valid = 0;

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      guint n = (guint) g_rand_int_range (rand, 0, 24);
      /* most rounds draw only from the valid pieces */
      guint n_pieces = round % 4 == 0 ? G_N_ELEMENTS (pieces) : 9;

      for (guint k = 0; k < n; k++)
        g_string_append (s, pieces[g_rand_int_range (rand, 0, (gint32) n_pieces)]);
      assert_same_as_glib (s->str, s->len);
      n_valid += gx_text_utf8_valid (s->str, s->len);
    }
  /* both answers were exercised */
  g_assert_cmpuint (n_valid, >, 1000);
  g_assert_cmpuint (n_valid, <, 20000);
  g_rand_free (rand);
}

static void
test_label_key (void)
{
  static const struct { const char *text; const char *key; gboolean prefix; } cases[] = {
    /* numbering, full-width letters and spaces of every kind go */
    { "（七）总计", "总计", TRUE },
    { "三、收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请情况", TRUE },
    { "2. 部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开(区分处理的,只计这一情形,不计其他情形)", TRUE },
    { "\u3000 商业\u00A0企业\u200B", "商业企业", FALSE },
    { "“其他”处理", "\"其他\"处理", FALSE },
    { "ＡＢＣ１２３", "ABC123", FALSE },
    { "\xEF\xBB\xBF规章", "规章", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean had_prefix = !cases[i].prefix;
      g_autofree char *key = gx_text_label_key (cases[i].text, &had_prefix);

      g_assert_cmpstr (key, ==, cases[i].key);
      g_assert_cmpint (had_prefix, ==, cases[i].prefix);
    }

  /* text that is not UTF-8 is made valid, never read past its end */
  {
    g_autofree char *key = gx_text_label_key ("总计\xE6", NULL);

    g_assert_true (g_utf8_validate (key, -1, NULL));
    g_assert_true (g_str_has_prefix (key, "总计"));
  }
}

static void
test_fold_width (void)
{
  g_autofree char *folded = gx_text_fold_width ("共受理申请１，２３４件，收费１。５万元\u3000合计");
  g_autofree char *cut = gx_text_fold_width ("１２\xE6");

  g_assert_cmpstr (folded, ==, "共受理申请1,234件,收费1.5万元 合计");
  g_assert_true (g_utf8_validate (cut, -1, NULL));
  g_assert_true (g_str_has_prefix (cut, "12"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/utf8/sequences", test_utf8_sequences);
  g_test_add_func ("/text/utf8/random", test_utf8_random);
  g_test_add_func ("/text/label-key", test_label_key);
  g_test_add_func ("/text/fold-width", test_fold_width);
  return g_test_run ();
}
