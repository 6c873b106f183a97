/* gx-sections.c: the report's own sections, read in its prose
 *
 * The prose is one paragraph a line.  Each line is folded (width, every
 * kind of white space removed); a line is the heading of section N when,
 * after a top-level number (五、 5、 5. or none; never （五）, a sub-item),
 * it starts with the words of that heading (政府信息公开工作 before them
 * allowed).  An unnumbered line must be the heading alone.  Section 五 runs
 * to the next heading; 六 to the end of the text.  See gx-sections.h for
 * the rules.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gx-sections.h"
#include "gx-rules.h"
#include "gx-text.h"

#define N_HEADINGS 6

typedef struct {
  const char *starts[5];   /* the words a heading starts with */
  const char *also;        /* and words it must contain, or NULL */
  const char *number;      /* 一 … 六 */
  const char *words;       /* the national form's words */
} Heading;

static const Heading headings[N_HEADINGS] = {
  { { "总体情况" }, NULL, "一", "总体情况" },
  { { "主动公开政府信息" }, NULL, "二", "主动公开政府信息情况" },
  { { "收到和处理" }, "申请", "三", "收到和处理政府信息公开申请情况" },
  { { "行政复议" }, "行政诉讼", "四", "政府信息公开行政复议、行政诉讼情况" },
  /* also worded 五、存在问题及改进情况, 五、存在的问题和改进措施 */
  { { "存在的主要问题", "存在主要问题", "存在的问题", "存在问题", "主要问题" }, NULL, "五",
    "存在的主要问题及改进情况" },
  { { "其他需要报告" }, NULL, "六", "其他需要报告的事项" },
};

/* words that may come before a heading's own words */
static const char *const heading_lead_ins[] = { "政府信息公开工作", "政府信息公开", "政务公开工作", NULL };

/* a heading is short: its words and a few more */
#define HEADING_MAX_CHARS 26

typedef struct {
  char **lines;          /* compact lines (folded, no white space) */
  guint n_lines;
  int line_of[N_HEADINGS];       /* first line of each heading, -1 */
  const char *rest_of[N_HEADINGS];   /* text after the heading on its line */
} Text;

gboolean
gx_sections_key_follows_tables (const char *key)
{
  const Heading *after[] = { &headings[4], &headings[5] };

  for (guint h = 0; h < G_N_ELEMENTS (after); h++)
    for (guint s = 0; s < G_N_ELEMENTS (after[h]->starts) && after[h]->starts[s]; s++)
      if (g_str_has_prefix (key, after[h]->starts[s]))
        return TRUE;
  return FALSE;
}

/* Helpers -------------------------------------------------------------------- */

static char *
compact_line (const char *line)
{
  char *folded = gx_text_fold_width (line);
  char *out = folded;

  /* in place: what is kept is never longer than what was there; the
   * bytes of a character kept are copied as they are */
  for (const char *p = folded; *p; )
    {
      const char *next = g_utf8_next_char (p);

      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isspace (*p))
            *out++ = *p;
        }
      else
        {
          gunichar c = g_utf8_get_char (p);

          if (!(g_unichar_isspace (c) || c == 0x00A0 || c == 0x3000 || c == 0x200B || c == 0xFEFF))
            {
              memmove (out, p, (gsize) (next - p));
              out += next - p;
            }
        }
      p = next;
    }
  *out = '\0';
  return folded;
}

/* Text with punctuation and symbols removed: what is left of "无。" is "无". */
static char *
words_only (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ispunct (c) || g_unichar_isspace (c) ||
          g_unichar_type (c) == G_UNICODE_MATH_SYMBOL || g_unichar_type (c) == G_UNICODE_OTHER_SYMBOL)
        continue;
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static gboolean
says_nothing (const char *text)
{
  static const char *const nothing[] = { "", "无", "暂无", "没有", "无问题", "略", "无其他需要报告的事项",
                                         "暂无其他需要报告的事项", "无其他事项", NULL };
  g_autofree char *w = words_only (text);

  return g_strv_contains (nothing, w);
}

/* Bytes of @text up to its first , ; : 。 ， ； ： (or its end). */
static gsize
phrase_length (const char *text)
{
  const char *p = text;

  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ',' || c == ';' || c == ':' || c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A)
        break;
    }
  return (gsize) (p - text);
}

/* Which heading @line is (0-based), or -1; @rest: the text after the
 * heading's words on the line. */
static int
heading_of (const char  *line,
            const char **rest)
{
  const char *p = line;
  gsize prefix;
  gboolean numbered;
  glong n_chars;

  if (g_str_has_prefix (p, "(") || g_str_has_prefix (p, "（") || g_str_has_prefix (p, "【"))
    return -1;
  prefix = gx_text_numbering_prefix (p);
  numbered = prefix > 0;
  p += prefix;
  for (guint i = 0; heading_lead_ins[i]; i++)
    if (g_str_has_prefix (p, heading_lead_ins[i]))
      {
        p += strlen (heading_lead_ins[i]);
        break;
      }

  for (int h = 0; h < N_HEADINGS; h++)
    {
      const char *start = NULL;
      const char *end;
      const char *stop;
      gsize phrase_len;

      for (guint s = 0; s < G_N_ELEMENTS (headings[h].starts) && headings[h].starts[s]; s++)
        if (g_str_has_prefix (p, headings[h].starts[s]))
          {
            start = p;
            break;
          }
      if (start == NULL)
        continue;

      /* the heading's phrase: to the first stop */
      phrase_len = phrase_length (start);
      stop = start + phrase_len;
      n_chars = g_utf8_strlen (start, (gssize) phrase_len);
      if (n_chars > HEADING_MAX_CHARS)
        return -1;
      if (headings[h].also && !g_strstr_len (start, (gssize) phrase_len, headings[h].also))
        return -1;
      if (!numbered)
        {
          /* the heading alone: nothing but a colon after it */
          if (*stop != '\0' && strcmp (stop, ":") != 0 && strcmp (stop, "：") != 0)
            return -1;
          *rest = stop + strlen (stop);
          return h;
        }
      /* the content may follow on the same line: after 情况/措施/事项 */
      end = NULL;
      for (const char *const *w = (const char *const[]) { "事项", "措施", "情况", NULL }; *w; w++)
        {
          const char *at = g_strstr_len (start, (gssize) phrase_len, *w);

          if (at && (end == NULL || at + strlen (*w) < end))
            end = at + strlen (*w);
        }
      *rest = end ? end : stop;
      return h;
    }
  return -1;
}

static void
text_init (Text       *text,
           const char *prose)
{
  g_auto(GStrv) raw = g_strsplit (prose, "\n", -1);
  guint n = g_strv_length (raw);

  text->lines = g_new0 (char *, n + 1);
  text->n_lines = n;
  for (guint i = 0; i < n; i++)
    text->lines[i] = compact_line (raw[i]);
  for (int h = 0; h < N_HEADINGS; h++)
    {
      text->line_of[h] = -1;
      text->rest_of[h] = NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *rest = NULL;
      int h = heading_of (text->lines[i], &rest);

      if (h >= 0 && text->line_of[h] < 0)
        {
          text->line_of[h] = (int) i;
          text->rest_of[h] = rest;
        }
    }
}

static void
text_clear (Text *text)
{
  g_strfreev (text->lines);
}

/* Whether @line is the heading of a section after @h. */
static gboolean
is_later_heading (Text  *text,
                  guint  line,
                  int    h)
{
  const char *rest;

  return heading_of (text->lines[line], &rest) > h;
}

/* The text of section @h: the rest of its heading's line, then every line
 * up to the heading of a later section (or the end); a sub-item worded
 * like a heading (一、主要问题 in 五) does not end it. */
static char *
section_text (Text *text,
              int   h)
{
  GString *s = g_string_new (text->rest_of[h]);

  for (guint i = (guint) text->line_of[h] + 1; i < text->n_lines && !is_later_heading (text, i, h); i++)
    {
      if (s->len > 0 && text->lines[i][0] != '\0')
        g_string_append_c (s, '\n');
      g_string_append (s, text->lines[i]);
    }
  return g_string_free (s, FALSE);
}

/* "…" after the first @max characters */
static char *
quote (const char *text,
       glong       max)
{
  if (g_utf8_strlen (text, -1) <= max)
    return g_strdup (text);
  {
    const char *end = g_utf8_offset_to_pointer (text, max);

    return g_strdup_printf ("%.*s…", (int) (end - text), text);
  }
}

/* The sentences of @text: cut at 。 ； ; ! ！ ? ？ and line ends. */
static GStrv
split_sentences (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GString *s = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || c == 0x3002 || c == 0xFF1B || c == ';' || c == '!' || c == 0xFF01 ||
          c == '?' || c == 0xFF1F || c == '\n')
        {
          if (s->len > 0)
            g_strv_builder_add (builder, s->str);
          g_string_truncate (s, 0);
          if (c == 0)
            break;
          continue;
        }
      g_string_append_len (s, p, g_utf8_next_char (p) - p);
    }
  g_string_free (s, TRUE);
  return g_strv_builder_end (builder);
}

static GxFinding *
text_finding (const char *rule,
              GxSeverity  severity,
              const char *message)
{
  return gx_finding_new_without_cell (rule, severity, message);
}

/* Regular expressions, compiled once (shared by the reader threads) */
enum {
  RE_NO_FEE,
  RE_NO_FEE_ZERO,
  RE_FEE_AMOUNT,
  RE_PERIOD,
  N_RE
};

static GRegex **
regexes (void)
{
  static GRegex *re[N_RE];
  static gsize compiled = 0;

  if (g_once_init_enter (&compiled))
    {
      /* 无收取信息处理费情况 未收取任何费用 没有发生过收取信息处理费的情况 */
      re[RE_NO_FEE] = g_regex_new ("(?:未|无|没有|不存在)[^。;，,]{0,10}?(?:收取|收缴|收费)", G_REGEX_OPTIMIZE, 0, NULL);
      /* 实际收取的总金额均为0元 信息处理费0元 */
      re[RE_NO_FEE_ZERO] = g_regex_new ("(?:信息处理费|收取)[^。;]{0,16}?(?<![0-9.])0(?:\\.0+)?元", G_REGEX_OPTIMIZE, 0, NULL);
      /* 收取信息处理费300元 */
      re[RE_FEE_AMOUNT] = g_regex_new ("信息处理费[^。;]{0,20}?(?<![0-9.])(\\d+(?:\\.\\d+)?)(?:万元|元)", G_REGEX_OPTIMIZE, 0, NULL);
      /* 统计期限为2022年1月1日至2022年12月31日 */
      re[RE_PERIOD] = g_regex_new ("统计(?:期限|时限|周期|时间|区间|期间)[^0-9。;]{0,8}?(\\d{4})年"
                                   "(?:[^。;]{0,16}?至(\\d{4})年(?:\\d{1,2}月\\d{1,2}日)?)?", G_REGEX_OPTIMIZE, 0, NULL);
      for (guint i = 0; i < N_RE; i++)
        g_assert (re[i] != NULL);
      g_once_init_leave (&compiled, 1);
    }
  return re;
}

/* Rules ---------------------------------------------------------------------- */

static void
check_section_five (Text      *text,
                    GPtrArray *findings)
{
  g_autofree char *body = NULL;
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;

  if (text->line_of[4] < 0)
    return;
  body = section_text (text, 4);
  if (!says_nothing (body))
    return;
  shown = words_only (body);
  if (*shown == '\0')
    /* TRANSLATORS: section_missing_content; 五 and its heading stay Chinese */
    message = g_strdup_printf (_("Section 五 (%s) is empty: the national form asks for the main problems "
                                 "of the year and the measures taken to improve; write them"),
                               headings[4].words);
  else
    /* TRANSLATORS: section_missing_content: "… only says “无” …" */
    message = g_strdup_printf (_("Section 五 (%s) only says “%s”: the national form asks for the main "
                                 "problems of the year and the measures taken to improve; write them"),
                               headings[4].words, shown);
  g_ptr_array_add (findings, text_finding (GX_RULE_SECTION_MISSING_CONTENT, GX_SEVERITY_WARNING, message));
}

/* A sentence of @text that states a 信息处理费 collected (amount > 0), or NULL. */
static char *
find_fee_collected (const char *text)
{
  g_auto(GStrv) sentences = NULL;

  /* a sentence that names the fee is in a text that does */
  if (strstr (text, "信息处理费") == NULL)
    return NULL;
  sentences = split_sentences (text);

  for (guint i = 0; sentences[i]; i++)
    {
      const char *s = sentences[i];
      g_autoptr(GMatchInfo) match = NULL;

      if (strstr (s, "信息处理费") == NULL ||
          (strstr (s, "收取") == NULL && strstr (s, "收缴") == NULL && strstr (s, "共收") == NULL) ||
          strstr (s, "未") || strstr (s, "没有") || strstr (s, "无") || strstr (s, "不"))
        continue;
      if (!g_regex_match (regexes ()[RE_FEE_AMOUNT], s, 0, &match))
        continue;
      do
        {
          g_autofree char *number = g_match_info_fetch (match, 1);

          if (g_ascii_strtod (number, NULL) > 0)
            return g_strdup (s);
        }
      while (g_match_info_next (match, NULL));
    }
  return NULL;
}

static void
check_fees (Text      *text,
            GPtrArray *findings)
{
  g_autofree char *six = NULL;
  g_autofree char *none = NULL;     /* what 六 says */
  g_autofree char *collected = NULL;
  g_autofree char *message = NULL;
  g_autofree char *none_q = NULL;
  g_autofree char *collected_q = NULL;
  g_autoptr(GString) rest = g_string_new (NULL);

  if (text->line_of[5] < 0)
    return;
  six = section_text (text, 5);
  {
    g_auto(GStrv) lines = g_strsplit (six, "\n", -1);

    /* 六 is only "无": its first line */
    if (lines[0] && says_nothing (lines[0]) && *lines[0] != '\0')
      none = g_strdup (lines[0]);
  }
  if (none == NULL)
    {
      g_auto(GStrv) sentences = split_sentences (six);

      for (guint i = 0; sentences[i] && none == NULL; i++)
        if ((g_regex_match (regexes ()[RE_NO_FEE], sentences[i], 0, NULL) &&
             (strstr (sentences[i], "费") != NULL)) ||
            g_regex_match (regexes ()[RE_NO_FEE_ZERO], sentences[i], 0, NULL))
          none = g_strdup (sentences[i]);
    }
  if (none == NULL)
    return;

  /* a fee collected, stated anywhere in the text */
  for (guint i = 0; i < text->n_lines; i++)
    {
      g_string_append (rest, text->lines[i]);
      g_string_append_c (rest, '\n');
    }
  collected = find_fee_collected (rest->str);
  if (collected == NULL)
    return;

  none_q = quote (none, 40);
  collected_q = quote (collected, 60);
  /* TRANSLATORS: fee_contradiction: "Section 六 says “无收取信息处理费情况”,
   * but the text says “共收取信息处理费300元” …" */
  message = g_strdup_printf (_("Section 六 says “%s”, but the text says “%s”: correct the one that is wrong"),
                             none_q, collected_q);
  g_ptr_array_add (findings, text_finding (GX_RULE_FEE_CONTRADICTION, GX_SEVERITY_WARNING, message));
}

static void
check_period (GxReport  *report,
              Text      *text,
              GPtrArray *findings)
{
  int year = gx_report_get_year (report);

  if (year <= 0)
    return;
  for (guint i = 0; i < text->n_lines; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *stated = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *message = NULL;
      int y_from, y_to;

      if (strstr (text->lines[i], "统计") == NULL ||
          !g_regex_match (regexes ()[RE_PERIOD], text->lines[i], 0, &match))
        continue;
      from = g_match_info_fetch (match, 1);
      to = g_match_info_fetch (match, 2);
      y_from = (int) g_ascii_strtoll (from, NULL, 10);
      y_to = to && *to ? (int) g_ascii_strtoll (to, NULL, 10) : y_from;
      /* only the first statement of the period is read */
      if (y_from == year && y_to == year)
        return;
      stated = g_match_info_fetch (match, 0);
      shown = quote (stated, 50);
      /* TRANSLATORS: period_year: "The text gives the statistics period as
       * “统计期限为2022年1月1日至2022年12月31日”, but the report is for 2023; …" */
      message = g_strdup_printf (_("The text gives the statistics period as “%s”, but the report is for %d; "
                                   "correct the period (or the year of the report)"),
                                 shown, year);
      {
        GxFinding *f = text_finding (GX_RULE_PERIOD_YEAR, GX_SEVERITY_WARNING, message);

        gx_finding_set_values (f, (gint64) year * GX_VALUE_SCALE,
                               (gint64) (y_from != year ? y_from : y_to) * GX_VALUE_SCALE);
        g_ptr_array_add (findings, f);
      }
      return;
    }
}

static void
check_headings (Text      *text,
                GPtrArray *findings)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) order = g_string_new (NULL);
  gboolean any = FALSE, in_order = TRUE;
  guint n_missing = 0;
  int sorted[N_HEADINGS];
  guint n_sorted = 0;

  for (int h = 0; h < N_HEADINGS; h++)
    if (text->line_of[h] >= 0)
      any = TRUE;
  if (!any)
    return;

  /* 一, 五 and 六 are only text; 二–四 often went with their tables */
  for (int h = 0; h < N_HEADINGS; h++)
    if ((h == 0 || h == 4 || h == 5) && text->line_of[h] < 0)
      {
        if (n_missing++ > 0)
          g_string_append (missing, _(", "));
        g_string_append_printf (missing, "%s、%s", headings[h].number, headings[h].words);
      }

  /* the headings found, in the order of the text */
  for (int h = 0; h < N_HEADINGS; h++)
    if (text->line_of[h] >= 0)
      {
        guint k = n_sorted++;

        while (k > 0 && text->line_of[sorted[k - 1]] > text->line_of[h])
          {
            sorted[k] = sorted[k - 1];
            k--;
          }
        sorted[k] = h;
      }
  for (guint k = 0; k < n_sorted; k++)
    {
      if (k > 0 && sorted[k] < sorted[k - 1])
        in_order = FALSE;
      g_string_append (order, headings[sorted[k]].number);
      if (k + 1 < n_sorted)
        g_string_append (order, "、");
    }

  if (n_missing > 0)
    {
      g_autofree char *message =
        /* TRANSLATORS: section_headings: "The text has no heading for 五、存在的主要问题及改进情况: …" */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The text has no heading for %s: the national form asks for six sections in order; "
                                      "check that the section is there",
                                      "The text has no headings for %s: the national form asks for six sections in order; "
                                      "check that the sections are there", n_missing),
                         missing->str);

      g_ptr_array_add (findings, text_finding (GX_RULE_SECTION_HEADINGS, GX_SEVERITY_NOTE, message));
    }
  else if (!in_order)
    {
      g_autofree char *message =
        /* TRANSLATORS: section_headings: "The section headings come in the order 一、五、四…" */
        g_strdup_printf (_("The section headings come in the order %s: the national form puts them "
                           "in the order 一 to 六; check the structure of the text"),
                         order->str);

      g_ptr_array_add (findings, text_finding (GX_RULE_SECTION_HEADINGS, GX_SEVERITY_NOTE, message));
    }
}

/* Public API ----------------------------------------------------------------- */

gboolean
gx_sections_is_text_rule (const char *rule)
{
  return g_strcmp0 (rule, GX_RULE_SECTION_MISSING_CONTENT) == 0 ||
         g_strcmp0 (rule, GX_RULE_FEE_CONTRADICTION) == 0 ||
         g_strcmp0 (rule, GX_RULE_PERIOD_YEAR) == 0 ||
         g_strcmp0 (rule, GX_RULE_SECTION_HEADINGS) == 0;
}

GPtrArray *
gx_sections_check (GxReport *report)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  const char *prose;
  Text text = { 0 };

  g_return_val_if_fail (GX_IS_REPORT (report), findings);
  prose = gx_report_get_prose (report);
  if (prose == NULL || *prose == '\0')
    return findings;

  text_init (&text, prose);
  check_period (report, &text, findings);
  /* the sections themselves only in a text that has its headings */
  for (int h = 0; h < N_HEADINGS; h++)
    if (text.line_of[h] >= 0)
      {
        check_section_five (&text, findings);
        check_fees (&text, findings);
        check_headings (&text, findings);
        break;
      }
  text_clear (&text);
  return findings;
}
