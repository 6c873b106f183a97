/* gx-text.c: decoding and label normalisation */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gx-text.h"

/* Is @text (@len bytes) valid UTF-8 without NUL?  What g_utf8_validate_len()
 * answers, written for text that is mostly three-byte CJK characters and
 * read once per file (GLib's takes about three times as long). */
gboolean
gx_text_utf8_valid (const char *text,
                    gsize       len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;

  while (p < end)
    {
      guchar c = p[0];

      if (c < 0x80)
        {
          if (c == 0)
            return FALSE;
          p++;
          /* runs of ASCII, eight bytes at a time */
          while (end - p >= 8)
            {
              guint64 w;

              memcpy (&w, p, 8);
              if ((w & G_GUINT64_CONSTANT (0x8080808080808080)) != 0 ||
                  ((w - G_GUINT64_CONSTANT (0x0101010101010101)) & ~w &
                   G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
                break;
              p += 8;
            }
        }
      else if (c >= 0xE0 && c <= 0xEF)
        {
          /* runs of three-byte characters (CJK), a word at a time: lead
           * 1110xxxx and two 10xxxxxx, and neither E0 80…9F (overlong)
           * nor ED A0…BF (surrogates) */
          while (end - p >= 8)
            {
              guint64 w, t1, t2;

              memcpy (&w, p, 8);
              w = GUINT64_FROM_LE (w);
              t1 = w & 0x200F;
              t2 = (w >> 24) & 0x200F;
              if ((w & G_GUINT64_CONSTANT (0xC0C0F0C0C0F0)) != G_GUINT64_CONSTANT (0x8080E08080E0) ||
                  t1 == 0x0000 || t1 == 0x200D || t2 == 0x0000 || t2 == 0x200D)
                break;
              p += 6;
            }
          if (p >= end || (p[0] & 0xF0) != 0xE0)
            continue;
          c = p[0];
          if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
              (c == 0xE0 && p[1] < 0xA0) ||     /* overlong */
              (c == 0xED && p[1] >= 0xA0))      /* surrogate */
            return FALSE;
          p += 3;
        }
      else if (c >= 0xC2 && c <= 0xDF)
        {
          if (end - p < 2 || (p[1] & 0xC0) != 0x80)
            return FALSE;
          p += 2;
        }
      else if (c >= 0xF0 && c <= 0xF4)
        {
          if (end - p < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
              (p[3] & 0xC0) != 0x80 ||
              (c == 0xF0 && p[1] < 0x90) ||     /* overlong */
              (c == 0xF4 && p[1] >= 0x90))      /* past U+10FFFF */
            return FALSE;
          p += 4;
        }
      else
        return FALSE;   /* a continuation byte, C0, C1 or F5…FF */
    }
  return TRUE;
}

static gboolean
has_nul (const char *s, gsize len)
{
  return memchr (s, '\0', len) != NULL;
}

/* CRLF and lone CR become LF, in place; returns the new length. */
static gsize
normalize_newlines (char *s, gsize len)
{
  gsize w = 0;

  for (gsize r = 0; r < len; r++)
    {
      if (s[r] == '\r')
        {
          s[w++] = '\n';
          if (r + 1 < len && s[r + 1] == '\n')
            r++;
        }
      else
        s[w++] = s[r];
    }
  s[w] = '\0';
  return w;
}

char *
gx_text_decode (const char  *data,
                gsize        len,
                const char **encoding_out,
                GError     **error)
{
  const guchar *u = (const guchar *) data;
  const char *encoding = "UTF-8";
  char *out = NULL;
  gsize out_len = 0;

  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    {
      data += 3, len -= 3;
      encoding = "UTF-8 (BOM)";
    }
  else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
    {
      const char *from = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";

      encoding = from;
      out = g_convert (data + 2, len - 2, "UTF-8", from, NULL, &out_len, error);
      if (out == NULL)
        return NULL;
    }

  if (out == NULL)
    {
      if (has_nul (data, len))
        {
          g_set_error_literal (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                               _("binary data (NUL bytes), not a text file"));
          return NULL;
        }
      if (gx_text_utf8_valid (data, len))
        {
          out = g_strndup (data, len);
          out_len = len;
        }
      else
        {
          g_autoptr(GError) local = NULL;

          encoding = "GB18030";
          out = g_convert (data, len, "UTF-8", "GB18030", NULL, &out_len, &local);
          if (out == NULL)
            {
              g_set_error_literal (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                                   _("not text in UTF-8, UTF-16 or GB18030"));
              return NULL;
            }
        }
    }

  if (has_nul (out, out_len))
    {
      g_free (out);
      g_set_error_literal (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                           _("binary data (NUL characters), not a text file"));
      return NULL;
    }

  if (memchr (out, '\r', out_len) != NULL)
    normalize_newlines (out, out_len);
  if (encoding_out)
    *encoding_out = encoding;
  return out;
}

char *
gx_text_fold_width (const char *text)
{
  g_autofree char *valid = NULL;
  const guchar *p;
  GString *s;

  /* callers pass decoded text, but a cut in the middle of a character must
   * not make us read past the end */
  if (!gx_text_utf8_valid (text, strlen (text)))
    text = valid = g_utf8_make_valid (text, -1);

  /* byte by byte: reports are long, and only a few characters change */
  s = g_string_sized_new (strlen (text));
  for (p = (const guchar *) text; *p; )
    {
      if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD))
        {
          /* U+FF01…U+FF5E (EF BC 81 … EF BD 9E): full-width ASCII */
          gunichar c = 0xFF00 + ((p[1] & 0x03) << 6) + (p[2] & 0x3F);

          if (c >= 0xFF01 && c <= 0xFF5E)
            {
              g_string_append_c (s, (char) (c - 0xFF01 + 0x21));
              p += 3;
              continue;
            }
        }
      else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)   /* ideographic space */
        {
          g_string_append_c (s, ' ');
          p += 3;
          continue;
        }
      else if (p[0] == 0xC2 && p[1] == 0xA0)                   /* no-break space */
        {
          g_string_append_c (s, ' ');
          p += 2;
          continue;
        }
      else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x82 &&  /* 1。5 typed with a Chinese IME */
               s->len > 0 && g_ascii_isdigit (s->str[s->len - 1]) &&
               (g_ascii_isdigit (p[3]) ||                          /* or １。５ */
                (p[3] == 0xEF && p[4] == 0xBC && p[5] >= 0x90 && p[5] <= 0x99)))
        {
          g_string_append_c (s, '.');
          p += 3;
          continue;
        }

      /* anything else, up to the next byte that may start a character
       * to fold (in valid UTF-8 these bytes only ever lead): copied as it
       * is, in one piece */
      {
        const guchar *run = p;

        p += 1 + strcspn ((const char *) p + 1, "\xEF\xE3\xC2");
        g_string_append_len (s, (const char *) run, p - run);
      }
    }
  return g_string_free (s, FALSE);
}

static gboolean
is_cjk_numeral (gunichar c)
{
  return c != 0 && g_utf8_strchr ("一二三四五六七八九十", -1, c) != NULL;
}

gsize
gx_text_numbering_prefix (const char *text)
{
  const char *p = text;
  const char *start;
  gunichar c;

  while (*p == ' ' || *p == '\t')
    p++;
  c = g_utf8_get_char (p);

  /* (二) （二） (2) */
  if (c == '(' || c == 0xFF08)
    {
      const char *q = g_utf8_next_char (p);
      start = q;
      while (*q && (g_ascii_isdigit (*q) || is_cjk_numeral (g_utf8_get_char (q)) ||
                    (g_utf8_get_char (q) >= 0xFF10 && g_utf8_get_char (q) <= 0xFF19)))
        q = g_utf8_next_char (q);
      if (q == start)
        return 0;
      c = g_utf8_get_char (q);
      if (c != ')' && c != 0xFF09)
        return 0;
      q = g_utf8_next_char (q);
      while (*q == ' ')
        q++;
      return (gsize) (q - text);
    }

  /* 二、 2、 2. 2． 十一、 */
  start = p;
  while (*p && (g_ascii_isdigit (*p) || is_cjk_numeral (g_utf8_get_char (p)) ||
                (g_utf8_get_char (p) >= 0xFF10 && g_utf8_get_char (p) <= 0xFF19)))
    p = g_utf8_next_char (p);
  if (p == start)
    return 0;
  c = g_utf8_get_char (p);
  if (c == 0x3001 /* 、 */ || c == 0xFF0E /* ． */ || c == 0xFF0C /* ， */ ||
      (c == '.' && !g_ascii_isdigit (p[1])) || c == ',')
    {
      p = g_utf8_next_char (p);
      while (*p == ' ' || *p == '\t')
        p++;
      return (gsize) (p - text);
    }
  return 0;
}

/* The white space of Unicode (what g_unichar_isspace() says for
 * characters past ASCII), the zero-width space and the BOM. */
static gboolean
is_wide_space (gunichar c)
{
  return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

char *
gx_text_label_key (const char *text,
                   gboolean   *had_prefix)
{
  g_autofree char *valid = NULL;
  const char *p;
  char *key, *w;
  gsize prefix;

  if (!gx_text_utf8_valid (text, strlen (text)))
    text = valid = g_utf8_make_valid (text, -1);

  p = text;
  while (*p && (g_ascii_isspace (*p) || g_str_has_prefix (p, "\u3000")))
    p = g_utf8_next_char (p);
  prefix = gx_text_numbering_prefix (p);
  if (had_prefix)
    *had_prefix = prefix > 0;
  p += prefix;

  /* the key is never longer than the text: characters are dropped or
   * become one byte */
  key = w = g_malloc (strlen (p) + 1);
  while (*p)
    {
      gsize n = (gsize) g_utf8_skip[(guchar) *p];
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isspace (*p))
            *w++ = *p;
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      if (c >= 0xFF01 && c <= 0xFF5E)
        *w++ = (char) (c - 0xFF01 + 0x21);
      else if (c == 0x201C || c == 0x201D)   /* “ ” → " */
        *w++ = '"';
      else if (!is_wide_space (c))
        {
          memcpy (w, p, n);
          w += n;
        }
      p += n;
    }
  *w = '\0';
  return key;
}
