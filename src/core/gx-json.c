/* gx-json.c: the JSON interchange format of ../shared/report-schema.md
 *
 * Output is written by hand rather than through JsonGenerator: json-glib
 * prints doubles with 17 significant digits (19656.383600000001), and the
 * fee must come out exactly as the fixed-point value says (19656.3836).  The
 * writer below is small, always emits keys in the order of the schema tables
 * and so gives the same bytes for the same reports.
 *
 * Representation of a cell:
 *   blank           null
 *   a number        a JSON number: whole values as integers, fees with up to
 *                   six decimals ("19656.3836", "5949.088667")
 *   invalid text    a JSON string holding the raw text as read ("一百", "5件")
 *
 * The INFERRED flag of a cell and the source line are not part of the
 * interchange format.  Import restores the flag approximately from the
 * "ambiguous_layout" findings of the object (every value of such a row is
 * marked inferred), so that exporting an imported file gives the same
 * findings, and so the same bytes.
 *
 * Input is read with JsonParser; anything that does not match the shape is
 * refused with a message naming the report and the key.
 */
#include "gx-config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gx-json.h"
#include "gx-review.h"
#include "gx-rules.h"

G_DEFINE_QUARK (gx-json-error-quark, gx_json_error)

/* Writing -------------------------------------------------------------------- */

static void
append_string (GString    *out,
               const char *text)
{
  g_autofree char *valid = NULL;
  const char *p;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_fixed (GString *out,
              gint64   fixed)
{
  g_autofree char *text = gx_value_format (fixed);

  g_string_append (out, text);
}

static void
append_cell (GString  *out,
             GxReport *report,
             guint     cell)
{
  gint64 value;

  switch (gx_report_get_cell (report, cell, &value))
    {
    case GX_CELL_VALUE:
      append_fixed (out, value);
      break;
    case GX_CELL_INVALID:
      append_string (out, gx_report_get_raw (report, cell));
      break;
    case GX_CELL_BLANK:
    default:
      g_string_append (out, "null");
      break;
    }
}

static void
append_finding (GString   *out,
                GxFinding *finding)
{
  const char *column = gx_finding_get_column_key (finding);

  g_string_append (out, "{\"rule\": ");
  append_string (out, gx_finding_get_rule (finding));
  g_string_append (out, ", \"severity\": ");
  append_string (out, gx_severity_to_key (gx_finding_get_severity (finding)));
  g_string_append (out, ", \"section\": ");
  append_string (out, gx_finding_get_section_key (finding));
  g_string_append (out, ", \"row\": ");
  append_string (out, gx_finding_get_row_key (finding));
  g_string_append (out, ", \"column\": ");
  append_string (out, column);
  g_string_append (out, ", \"expected\": ");
  if (gx_finding_has_values (finding))
    append_fixed (out, gx_finding_get_expected (finding));
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"actual\": ");
  if (gx_finding_has_values (finding))
    append_fixed (out, gx_finding_get_actual (finding));
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"message\": ");
  append_string (out, gx_finding_get_message (finding));
  /* a decision recorded in the workspace (gx-review.h), on decided
   * findings only: the JSON of a report alone is unchanged */
  if (gx_finding_get_review (finding) != GX_REVIEW_OPEN)
    {
      g_string_append (out, ", \"review\": ");
      append_string (out, gx_review_state_to_key (gx_finding_get_review (finding)));
      g_string_append (out, ", \"review_note\": ");
      if (gx_finding_get_review_note (finding) != NULL)
        append_string (out, gx_finding_get_review_note (finding));
      else
        g_string_append (out, "null");
    }
  g_string_append_c (out, '}');
}

/* One report object, indented by two spaces (it sits in the array). */
static void
append_report (GString  *out,
               GxReport *report,
               gboolean  with_findings)
{
  int year = gx_report_get_year (report);

  g_string_append (out, "  {\n    \"issuer\": ");
  append_string (out, gx_report_get_issuer (report));
  g_string_append (out, ",\n    \"year\": ");
  if (year > 0)
    g_string_append_printf (out, "%d", year);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\n    \"source\": ");
  append_string (out, gx_report_get_source (report));
  g_string_append (out, ",\n    \"format_version\": ");
  append_string (out, gx_report_get_format_version (report));

  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      const GxSchemaSection *section = gx_schema_section (s);

      GxFormat format = gx_report_get_format (report);
      gboolean first_row = TRUE;

      g_string_append (out, ",\n    ");
      append_string (out, section->key);
      g_string_append (out, ": {");
      for (guint r = 0; r < section->n_rows; r++)
        {
          const GxSchemaRow *row = gx_schema_row (section->first_row + r);
          guint columns[16];
          guint n_columns = gx_schema_row_format_columns (row, format, columns);

          if (n_columns == 0)
            continue;   /* a row of the other form */
          g_string_append (out, first_row ? "\n      " : ",\n      ");
          first_row = FALSE;
          append_string (out, row->key);
          g_string_append (out, ": {");
          for (guint c = 0; c < n_columns; c++)
            {
              if (c > 0)
                g_string_append (out, ", ");
              append_string (out, row->columns[columns[c]].key);
              g_string_append (out, ": ");
              append_cell (out, report, row->first_cell + columns[c]);
            }
          g_string_append_c (out, '}');
        }
      g_string_append (out, "\n    }");
    }

  if (with_findings)
    {
      GPtrArray *findings = gx_report_get_findings (report);

      g_string_append (out, ",\n    \"findings\": [");
      for (guint i = 0; i < findings->len; i++)
        {
          g_string_append (out, i == 0 ? "\n      " : ",\n      ");
          append_finding (out, g_ptr_array_index (findings, i));
        }
      g_string_append (out, findings->len > 0 ? "\n    ]" : "]");
    }
  g_string_append (out, "\n  }");
}

char *
gx_json_write_reports (GPtrArray *reports,
                       gboolean   with_findings)
{
  GString *out;

  g_return_val_if_fail (reports != NULL, NULL);

  out = g_string_sized_new (8192 * (reports->len + 1));
  g_string_append_c (out, '[');
  for (guint i = 0; i < reports->len; i++)
    {
      g_string_append (out, i == 0 ? "\n" : ",\n");
      append_report (out, g_ptr_array_index (reports, i), with_findings);
    }
  g_string_append (out, reports->len > 0 ? "\n]\n" : "]\n");
  return g_string_free (out, FALSE);
}

/* JsonNode form, for callers that embed a report in their own JSON.  Fees
 * are doubles here (json-glib has no decimal type); use
 * gx_json_write_reports() for exact text. */

static void
add_fixed_value (JsonBuilder *builder,
                 gint64       fixed)
{
  if (gx_value_is_whole (fixed))
    json_builder_add_int_value (builder, fixed / GX_VALUE_SCALE);
  else
    json_builder_add_double_value (builder, (double) fixed / (double) GX_VALUE_SCALE);
}

JsonNode *
gx_json_from_report (GxReport *report,
                     gboolean  with_findings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int year;

  g_return_val_if_fail (GX_IS_REPORT (report), NULL);

  year = gx_report_get_year (report);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "issuer");
  json_builder_add_string_value (builder, gx_report_get_issuer (report));
  json_builder_set_member_name (builder, "year");
  if (year > 0)
    json_builder_add_int_value (builder, year);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, gx_report_get_source (report));
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_string_value (builder, gx_report_get_format_version (report));

  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      const GxSchemaSection *section = gx_schema_section (s);

      json_builder_set_member_name (builder, section->key);
      json_builder_begin_object (builder);
      for (guint r = 0; r < section->n_rows; r++)
        {
          const GxSchemaRow *row = gx_schema_row (section->first_row + r);
          guint columns[16];
          guint n_columns = gx_schema_row_format_columns (row, gx_report_get_format (report), columns);

          if (n_columns == 0)
            continue;
          json_builder_set_member_name (builder, row->key);
          json_builder_begin_object (builder);
          for (guint c = 0; c < n_columns; c++)
            {
              guint cell = row->first_cell + columns[c];
              gint64 value;

              json_builder_set_member_name (builder, row->columns[columns[c]].key);
              switch (gx_report_get_cell (report, cell, &value))
                {
                case GX_CELL_VALUE:
                  add_fixed_value (builder, value);
                  break;
                case GX_CELL_INVALID:
                  json_builder_add_string_value (builder, gx_report_get_raw (report, cell));
                  break;
                case GX_CELL_BLANK:
                default:
                  json_builder_add_null_value (builder);
                }
            }
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }

  if (with_findings)
    {
      GPtrArray *findings = gx_report_get_findings (report);

      json_builder_set_member_name (builder, "findings");
      json_builder_begin_array (builder);
      for (guint i = 0; i < findings->len; i++)
        {
          GxFinding *f = g_ptr_array_index (findings, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "rule");
          json_builder_add_string_value (builder, gx_finding_get_rule (f));
          json_builder_set_member_name (builder, "severity");
          json_builder_add_string_value (builder, gx_severity_to_key (gx_finding_get_severity (f)));
          /* a finding about the text has no cell: section and row null */
          json_builder_set_member_name (builder, "section");
          if (gx_finding_has_cell (f))
            json_builder_add_string_value (builder, gx_finding_get_section_key (f));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "row");
          if (gx_finding_has_cell (f))
            json_builder_add_string_value (builder, gx_finding_get_row_key (f));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "column");
          if (gx_finding_get_column_key (f))
            json_builder_add_string_value (builder, gx_finding_get_column_key (f));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "expected");
          if (gx_finding_has_values (f))
            add_fixed_value (builder, gx_finding_get_expected (f));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "actual");
          if (gx_finding_has_values (f))
            add_fixed_value (builder, gx_finding_get_actual (f));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, gx_finding_get_message (f));
          /* a decision recorded in the workspace (gx-review.h): only on
           * decided findings, so files of reports alone are unchanged */
          if (gx_finding_get_review (f) != GX_REVIEW_OPEN)
            {
              json_builder_set_member_name (builder, "review");
              json_builder_add_string_value (builder, gx_review_state_to_key (gx_finding_get_review (f)));
              json_builder_set_member_name (builder, "review_note");
              if (gx_finding_get_review_note (f) != NULL)
                json_builder_add_string_value (builder, gx_finding_get_review_note (f));
              else
                json_builder_add_null_value (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Reading -------------------------------------------------------------------- */

typedef struct
{
  const char *source_name;
  guint report_number;    /* 1-based, for messages */
} ReadContext;

static gboolean G_GNUC_PRINTF (4, 5)
shape_error (ReadContext *ctx,
             GError     **error,
             const char  *key,
             const char  *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: "reports.json: report 3: applications.granted.total: expected a number" */
  g_set_error (error, GX_JSON_ERROR, GX_JSON_ERROR_SHAPE, _("%s: report %u: %s: %s"),
               ctx->source_name, ctx->report_number, key, what);
  return FALSE;
}

/* json-glib lets a lone surrogate escape ("\ud800") through as bytes
 * that are no UTF-8: such text is refused, never kept. */
static gboolean
check_unicode (ReadContext *ctx,
               GError     **error,
               const char  *key,
               const char  *text)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;
  return shape_error (ctx, error, key, "%s",
                      _("not valid Unicode text (a \\u escape of half a surrogate pair?)"));
}

/* A JSON number as fixed point: GX_VALUE_PARSE_TOO_PRECISE if it has more
 * than six decimals, _TOO_LARGE beyond GX_VALUE_MAX.  json-glib keeps a
 * double, not the text: the shortest of "%.0f" … "%.6f" that gives the
 * same double back is the text the file held (15 significant digits at
 * most, which a double keeps exactly). */
static GxValueParse
number_to_fixed (JsonNode *node,
                 gint64   *fixed)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (v > GX_VALUE_MAX_WHOLE || v < -GX_VALUE_MAX_WHOLE)
        return GX_VALUE_PARSE_TOO_LARGE;
      *fixed = v * GX_VALUE_SCALE;
      return GX_VALUE_PARSE_OK;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (!isfinite (d) || fabs (d) > (double) (GX_VALUE_MAX_WHOLE + 1))
        return GX_VALUE_PARSE_TOO_LARGE;
      for (int decimals = 0; decimals <= GX_VALUE_DECIMALS; decimals++)
        {
          char format[8];

          g_snprintf (format, sizeof format, "%%.%df", decimals);
          g_ascii_formatd (buf, sizeof buf, format, d);
          if (g_ascii_strtod (buf, NULL) == d)
            return gx_value_parse_full (buf, fixed);
        }
      return GX_VALUE_PARSE_TOO_PRECISE;
    }
  return GX_VALUE_PARSE_NOT_NUMBER;
}

static gboolean
read_cell (ReadContext  *ctx,
           GxReport     *report,
           guint         cell,
           JsonNode     *node,
           GError      **error)
{
  const char *path = gx_schema_cell (cell)->path;
  gint64 fixed;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      gx_report_set_blank (report, cell);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return shape_error (ctx, error, path, _("expected a number, null or text"));

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (!check_unicode (ctx, error, path, json_node_get_string (node)))
        return FALSE;
      gx_report_set_invalid (report, cell, json_node_get_string (node));
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return shape_error (ctx, error, path, _("expected a number, null or text"));
  switch (number_to_fixed (node, &fixed))
    {
    case GX_VALUE_PARSE_OK:
      break;
    case GX_VALUE_PARSE_TOO_LARGE:
      {
        g_autofree char *what = g_strdup_printf (_("too large: at most %s"), "999999999");

        G_STATIC_ASSERT (GX_VALUE_MAX_WHOLE == 999999999);
        return shape_error (ctx, error, path, "%s", what);
      }
    default:
      return shape_error (ctx, error, path, _("not a number with at most 6 decimals"));
    }
  gx_report_set_value (report, cell, fixed);
  return TRUE;
}

/* Checks that @object has exactly the keys of @keys (NULL-terminated count
 * @n_keys), and maybe those of @optional (separated by spaces), naming the
 * first one missing or unexpected. */
static gboolean
check_keys (ReadContext  *ctx,
            JsonObject   *object,
            const char   *prefix,
            const char  **keys,
            guint         n_keys,
            const char   *optional,
            GError      **error)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_auto(GStrv) optionals = optional ? g_strsplit (optional, " ", -1) : NULL;

  for (guint i = 0; i < n_keys; i++)
    if (!json_object_has_member (object, keys[i]))
      {
        g_autofree char *key = prefix ? g_strconcat (prefix, ".", keys[i], NULL) : g_strdup (keys[i]);
        return shape_error (ctx, error, key, _("missing"));
      }

  for (GList *l = members; l; l = l->next)
    {
      gboolean known = optionals != NULL && g_strv_contains ((const char *const *) optionals, l->data);

      for (guint i = 0; !known && i < n_keys; i++)
        known = strcmp (l->data, keys[i]) == 0;
      if (!known)
        {
          g_autofree char *key = prefix ? g_strconcat (prefix, ".", (char *) l->data, NULL)
                                        : g_strdup (l->data);
          return shape_error (ctx, error, key, _("unknown key"));
        }
    }
  return TRUE;
}

/* the 2019 form's （六）其他处理 in exports made before workspace version 4 */
#define LEGACY_OTHER_ROW "other_handling"

static gboolean
read_section (ReadContext            *ctx,
              GxReport               *report,
              const GxSchemaSection  *section,
              JsonNode               *node,
              GError                **error)
{
  GxFormat format = gx_report_get_format (report);
  JsonObject *object;
  g_autofree const char **row_keys = NULL;
  guint n_rows = 0;
  gboolean legacy_other;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return shape_error (ctx, error, section->key, _("expected an object"));
  object = json_node_get_object (node);

  /* A 2019 report exported before workspace version 4 gives （六）其他处理
   * as the row other_handling, without other_no_correction, other_no_fee
   * and other_misc: its values go to other_misc, as they do now. */
  legacy_other = format == GX_FORMAT_2019 && section->id == GX_SECTION_APPLICATIONS &&
                 json_object_has_member (object, LEGACY_OTHER_ROW) &&
                 !json_object_has_member (object, "other_misc");

  /* the rows of the report's form */
  row_keys = g_new0 (const char *, section->n_rows + 1);
  for (guint r = 0; r < section->n_rows; r++)
    {
      const GxSchemaRow *row = gx_schema_row (section->first_row + r);

      if (!gx_schema_row_in_format (row, format))
        continue;
      if (legacy_other && ((row->flags & GX_ROW_FLAG_BLANK_IN_2019) || strcmp (row->key, "other_misc") == 0))
        continue;
      row_keys[n_rows++] = row->key;
    }
  if (!check_keys (ctx, object, section->key, row_keys, n_rows,
                   legacy_other ? LEGACY_OTHER_ROW : NULL, error))
    return FALSE;

  for (guint r = 0; r < section->n_rows; r++)
    {
      const GxSchemaRow *row = gx_schema_row (section->first_row + r);
      const char *key = row->key;
      JsonNode *row_node;
      g_autofree char *prefix = NULL;
      g_autofree const char **column_keys = NULL;
      JsonObject *row_object;
      guint columns[16];
      guint n_columns = gx_schema_row_format_columns (row, format, columns);

      if (n_columns == 0)
        continue;
      if (legacy_other && (row->flags & GX_ROW_FLAG_BLANK_IN_2019))
        continue;   /* blank */
      if (legacy_other && strcmp (row->key, "other_misc") == 0)
        key = LEGACY_OTHER_ROW;
      row_node = json_object_get_member (object, key);
      prefix = g_strconcat (section->key, ".", key, NULL);
      if (!JSON_NODE_HOLDS_OBJECT (row_node))
        return shape_error (ctx, error, prefix, _("expected an object"));
      row_object = json_node_get_object (row_node);

      column_keys = g_new0 (const char *, n_columns + 1);
      for (guint c = 0; c < n_columns; c++)
        column_keys[c] = row->columns[columns[c]].key;
      if (!check_keys (ctx, row_object, prefix, column_keys, n_columns, NULL, error))
        return FALSE;

      for (guint c = 0; c < n_columns; c++)
        if (!read_cell (ctx, report, row->first_cell + columns[c],
                        json_object_get_member (row_object, row->columns[columns[c]].key), error))
          return FALSE;
    }
  return TRUE;
}

static const char *
member_string (JsonObject *object,
               const char *key,
               gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, key);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  *ok = FALSE;
  return NULL;
}

/* Findings are recomputed from the values, never taken as truth; they are
 * only checked for shape, and the ambiguous_layout ones give back the
 * INFERRED flag the interchange format has no place for. */
static gboolean
read_findings (ReadContext  *ctx,
               GxReport     *report,
               JsonNode     *node,
               GError      **error)
{
  static const char *keys[] = { "rule", "severity", "section", "row", "column",
                                "expected", "actual", "message" };
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return shape_error (ctx, error, "findings", _("expected an array"));
  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *prefix = g_strdup_printf ("findings[%u]", i);
      JsonObject *object;
      const char *rule, *section_key, *row_key, *severity;
      gboolean ok_rule, ok_section, ok_row, ok_severity;
      const GxSchemaRow *row;
      GxSeverity sev;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return shape_error (ctx, error, prefix, _("expected an object"));
      object = json_node_get_object (item);
      /* review and review_note, on a finding decided in the workspace it
       * was exported from: read past (decisions live in a workspace) */
      if (!check_keys (ctx, object, prefix, keys, G_N_ELEMENTS (keys), "review review_note", error))
        return FALSE;

      rule = member_string (object, "rule", &ok_rule);
      severity = member_string (object, "severity", &ok_severity);
      section_key = member_string (object, "section", &ok_section);
      row_key = member_string (object, "row", &ok_row);
      if (!ok_rule || rule == NULL)
        {
          g_autofree char *key = g_strconcat (prefix, ".rule", NULL);
          return shape_error (ctx, error, key, _("expected text"));
        }
      if (!ok_severity || !gx_severity_from_key (severity, &sev))
        {
          g_autofree char *key = g_strconcat (prefix, ".severity", NULL);
          return shape_error (ctx, error, key, _("expected “error”, “warning” or “note”"));
        }
      if (!ok_section || !ok_row)
        {
          g_autofree char *key = g_strconcat (prefix, ok_section ? ".row" : ".section", NULL);
          return shape_error (ctx, error, key, _("expected text"));
        }

      if (strcmp (rule, GX_RULE_AMBIGUOUS_LAYOUT) != 0 &&
          strcmp (rule, GX_RULE_UNREAD) != 0 && strcmp (rule, GX_RULE_FORM_VARIANT) != 0)
        continue;
      row = gx_schema_find_row (gx_schema_section_from_key (section_key), row_key);
      if (row != NULL && strcmp (row->key, LEGACY_OTHER_ROW) == 0)
        row = gx_schema_find_row (GX_SECTION_APPLICATIONS, "other_misc");
      if (row == NULL)
        {
          g_autofree char *key = g_strconcat (prefix, ".row", NULL);
          return shape_error (ctx, error, key, _("no such row in the template"));
        }
      /* what the reader said of a row stays with it: an unread row keeps
       * the report from being clean */
      if (strcmp (rule, GX_RULE_AMBIGUOUS_LAYOUT) != 0)
        {
          guint columns[16];
          guint n_columns = gx_schema_row_format_columns (row, gx_report_get_format (report), columns);
          GxCellFlags flag = strcmp (rule, GX_RULE_UNREAD) == 0 ? GX_CELL_FLAG_UNREAD : GX_CELL_FLAG_VARIANT;

          if (n_columns > 0)
            gx_report_set_cell_flags (report, row->first_cell + columns[0],
                                      gx_report_get_cell_flags (report, row->first_cell + columns[0]) | flag);
          continue;
        }
      /* The values of the row were the ones placed by inference. */
      {
        gboolean any = FALSE;

        guint columns[16];
        guint n_columns = gx_schema_row_format_columns (row, gx_report_get_format (report), columns);

        for (guint c = 0; c < n_columns; c++)
          if (!gx_report_is_blank (report, row->first_cell + columns[c]))
            {
              gx_report_set_cell_flags (report, row->first_cell + columns[c], GX_CELL_FLAG_INFERRED);
              any = TRUE;
            }
        if (!any && n_columns > 0)
          gx_report_set_cell_flags (report, row->first_cell + columns[0], GX_CELL_FLAG_INFERRED);
      }
    }
  return TRUE;
}

static GxReport *
read_report (ReadContext  *ctx,
             JsonNode     *node,
             GError      **error)
{
  static const char *keys[] = { "issuer", "year", "source", "format_version",
                                "disclosure", "applications", "review_litigation" };
  g_autoptr(GxReport) report = gx_report_new ();
  JsonObject *object;
  JsonNode *year_node;
  const char *text;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      shape_error (ctx, error, _("(report)"), _("expected an object"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!check_keys (ctx, object, NULL, keys, G_N_ELEMENTS (keys), "findings", error))
    return NULL;

  text = member_string (object, "issuer", &ok);
  if (!ok)
    {
      shape_error (ctx, error, "issuer", _("expected text or null"));
      return NULL;
    }
  if (!check_unicode (ctx, error, "issuer", text))
    return NULL;
  gx_report_set_issuer (report, text);

  year_node = json_object_get_member (object, "year");
  if (!JSON_NODE_HOLDS_NULL (year_node))
    {
      gint64 year;

      if (!JSON_NODE_HOLDS_VALUE (year_node) ||
          json_node_get_value_type (year_node) != G_TYPE_INT64 ||
          (year = json_node_get_int (year_node)) < 1 || year > 9999)
        {
          shape_error (ctx, error, "year", _("expected a year such as 2022, or null"));
          return NULL;
        }
      gx_report_set_year (report, (int) year);
    }

  text = member_string (object, "source", &ok);
  if (!ok)
    {
      shape_error (ctx, error, "source", _("expected text or null"));
      return NULL;
    }
  if (!check_unicode (ctx, error, "source", text))
    return NULL;
  gx_report_set_source (report, text);

  text = member_string (object, "format_version", &ok);
  if (!ok || text == NULL)
    {
      shape_error (ctx, error, "format_version", _("expected text"));
      return NULL;
    }
  if (strcmp (text, GX_REPORT_FORMAT_2021) != 0 && strcmp (text, GX_REPORT_FORMAT_2019) != 0)
    {
      shape_error (ctx, error, "format_version", _("unknown format “%s”"), text);
      return NULL;
    }
  gx_report_set_format_version (report, text);

  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      const GxSchemaSection *section = gx_schema_section (s);

      if (!read_section (ctx, report, section,
                         json_object_get_member (object, section->key), error))
        return NULL;
    }

  if (json_object_has_member (object, "findings") &&
      !read_findings (ctx, report, json_object_get_member (object, "findings"), error))
    return NULL;

  g_ptr_array_unref (gx_rules_check (report));
  return g_steal_pointer (&report);
}

/* Hostile input ------------------------------------------------------------- */

/* JsonParser recurses once a level (100,000 "[" overflow the stack) and
 * builds the whole tree first (a 64 MiB file took 2.7 GB).  So the bytes
 * are scanned first, cheaply: text or not, the nesting outside strings, and
 * where each element of the top-level array starts and ends; each report
 * is then parsed alone, so memory holds one report's tree at a time. */

typedef struct
{
  gsize start, end;       /* byte offsets of one top-level element */
  guint line;             /* where it starts, 1-based */
} Span;

static gboolean G_GNUC_PRINTF (4, 5)
syntax_error (GError     **error,
              const char  *source_name,
              guint        line,
              const char  *format,
              ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "reports.json: line 3: not valid JSON: a “,” with nothing before it" */
  g_set_error (error, GX_JSON_ERROR, GX_JSON_ERROR_SYNTAX, _("%s: line %u: not valid JSON: %s"),
               source_name, line, what);
  return FALSE;
}

/* The line of byte @offset: only counted for messages. */
static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    line += data[i] == '\n';
  return line;
}

/* Refuses what is not text: a NUL byte or invalid UTF-8 (the interchange
 * format is UTF-8). */
static gboolean
check_text (const char  *data,
            gsize        length,
            const char  *source_name,
            GError     **error)
{
  const char *bad = NULL;

  if (!g_utf8_validate_len (data, length, &bad))
    {
      g_set_error (error, GX_JSON_ERROR, GX_JSON_ERROR_SYNTAX,
                   /* TRANSLATORS: "x.json: line 1: not text (binary data, or not UTF-8): not a file of reports" */
                   _("%s: line %u: not text (binary data, or not UTF-8): not a file of reports"),
                   source_name, line_at (data, (gsize) (bad - data)));
      return FALSE;
    }
  return TRUE;
}

typedef gboolean (*SpanFunc) (const Span *span,
                              gboolean    in_array,
                              gpointer    user_data,
                              GError    **error);

/* Scans @data (text, without a BOM): the nesting must stay within
 * GX_JSON_MAX_DEPTH; hands each element of a top-level array to @func as
 * soon as it ends (so that nothing is kept of the elements but what @func
 * keeps), or the whole value when it is not an array. */
static gboolean
scan_json (const char  *data,
           gsize        length,
           const char  *source_name,
           SpanFunc     func,
           gpointer     user_data,
           GError     **error)
{
  gboolean array;
  gboolean *is_array = &array;
  guint depth = 0;
  guint line = 1;
  gboolean in_string = FALSE;
  gboolean in_element = FALSE;
  gboolean closed = FALSE;
  Span span = { 0, 0, 0 };
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    line += data[i++] == '\n';
  *is_array = i < length && data[i] == '[';
  if (!*is_array)
    {
      span.start = i;
      span.line = line;
    }

  for (; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\' && i + 1 < length && data[i + 1] != '\n')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (closed)
        {
          if (!g_ascii_isspace (c))
            return syntax_error (error, source_name, line, _("text after the end of the array"));
          continue;
        }

      /* an element of the top-level array begins */
      if (*is_array && depth == 1 && !in_element && !g_ascii_isspace (c) && c != ']')
        {
          if (c == ',')
            return syntax_error (error, source_name, line, _("a “,” with nothing before it"));
          in_element = TRUE;
          span.start = i;
          span.line = line;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > GX_JSON_MAX_DEPTH)
            {
              g_set_error (error, GX_JSON_ERROR, GX_JSON_ERROR_SYNTAX,
                           /* TRANSLATORS: "x.json: line 1: nested more than 64 levels deep: not a file of reports" */
                           _("%s: line %u: nested more than %d levels deep: not a file of reports"),
                           source_name, line, GX_JSON_MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth == 0)
            return syntax_error (error, source_name, line, _("“%c” closes nothing"), c);
          depth--;
          if (*is_array && depth == 0)
            {
              if (in_element)
                {
                  span.end = i;
                  if (!func (&span, TRUE, user_data, error))
                    return FALSE;
                }
              in_element = FALSE;
              closed = TRUE;
            }
          break;
        case ',':
          if (*is_array && depth == 1)
            {
              span.end = i;
              if (!func (&span, TRUE, user_data, error))
                return FALSE;
              in_element = FALSE;
            }
          break;
        default:
          break;
        }
    }

  if (*is_array)
    {
      if (!closed)
        return syntax_error (error, source_name, line, _("the file ends before the array is closed"));
    }
  else
    {
      span.end = length;
      return func (&span, FALSE, user_data, error);
    }
  return TRUE;
}

/* Parses one report (or the one value of a file that is no array). */
static GxReport *
read_span (ReadContext  *ctx,
           const char   *data,
           const Span   *span,
           gboolean      in_array,
           GError      **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (span->end - span->start > GX_JSON_MAX_REPORT_SIZE)
    {
      g_autofree char *size = g_format_size_full (span->end - span->start, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (GX_JSON_MAX_REPORT_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, GX_JSON_ERROR, GX_JSON_ERROR_SHAPE,
                   /* TRANSLATORS: "x.json: report 1 (line 2): 63.0 MiB of JSON; a report takes at most 1.0 MiB" */
                   _("%s: report %u (line %u): %s of JSON; a report takes at most %s"),
                   ctx->source_name, ctx->report_number, span->line, size, limit);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data + span->start, (gssize) (span->end - span->start),
                                   &local_error))
    {
      /* json-glib quotes the text it stopped at, which may be no UTF-8 */
      g_autofree char *what = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, GX_JSON_ERROR, GX_JSON_ERROR_SYNTAX,
                   /* TRANSLATORS: "x.json: report 2 (line 40): not valid JSON: <data>:3:5: …" */
                   _("%s: report %u (line %u): not valid JSON: %s"),
                   ctx->source_name, ctx->report_number, span->line, what);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL && in_array)
    {
      /* "[}]": the scanner closed the array on a bracket of another kind,
       * leaving an element of nothing */
      g_set_error (error, GX_JSON_ERROR, GX_JSON_ERROR_SYNTAX,
                   _("%s: report %u (line %u): not valid JSON: %s"),
                   ctx->source_name, ctx->report_number, span->line, _("no value"));
      return NULL;
    }
  if (!in_array && (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)))
    {
      g_set_error (error, GX_JSON_ERROR, GX_JSON_ERROR_SHAPE,
                   _("%s: expected an array of reports or one report object"), ctx->source_name);
      return NULL;
    }
  return read_report (ctx, root, error);
}

typedef struct
{
  ReadContext ctx;
  const char *data;
  GPtrArray *reports;
} ReadAll;

static gboolean
read_one (const Span  *span,
          gboolean     in_array,
          gpointer     user_data,
          GError     **error)
{
  ReadAll *all = user_data;
  GxReport *report;

  all->ctx.report_number = all->reports->len + 1;
  report = read_span (&all->ctx, all->data, span, in_array, error);
  if (report == NULL)
    return FALSE;
  g_ptr_array_add (all->reports, report);
  return TRUE;
}

GPtrArray *
gx_json_read_reports (const char  *data,
                      gssize       length,
                      const char  *source_name,
                      GError     **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  ReadAll all = { { source_name ? source_name : "JSON", 0 }, NULL, reports };
  gsize len;

  g_return_val_if_fail (data != NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  all.data = data;
  if (!check_text (data, len, all.ctx.source_name, error) ||
      !scan_json (data, len, all.ctx.source_name, read_one, &all, error))
    return NULL;
  return g_steal_pointer (&reports);
}
