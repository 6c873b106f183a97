/* fuzz-common.h: what every libFuzzer target of fuzz/ shares
 *
 * One target per entry point (see fuzz/meson.build and README, "Fuzzing").
 * Whatever the bytes, a reader gives a report or a GError whose message
 * starts with the file's name: never a crash, a hang, undefined behaviour,
 * a leak or a GLib critical (made fatal here).  A report that comes back
 * must also survive the rules, the prose checks and the JSON writer.
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gx-assembler.h"
#include "gx-core.h"
#include "gx-json.h"
#include "gx-prose.h"
#include "gx-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* A g_return_if_fail() that fails, or a g_critical() or g_warning(), is
 * a bug: abort (GLib's own fatal log stops on SIGTRAP, which libFuzzer
 * does not catch) so that libFuzzer saves the input. */
static void
fuzz_log_cb (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

static inline void
fuzz_init (void)
{
  g_log_set_default_handler (fuzz_log_cb, NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gx_reader_init ();
}

/* A refusal says which file. */
static inline void
fuzz_assert_refusal (const GError *error,
                     const char   *name)
{
  g_assert_nonnull (error);
  if (g_getenv ("GX_FUZZ_VERBOSE") != NULL)
    g_printerr ("refused: %s\n", error->message);
  g_assert_true (g_str_has_prefix (error->message, name));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* JSON of @reports, which must be UTF-8. */
static inline char *
fuzz_json (GxReport *report,
           gboolean  with_findings)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new ();
  char *json;

  g_ptr_array_add (reports, report);
  json = gx_json_write_reports (reports, with_findings);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  return json;
}

/* The checks a read report goes through in `check --json`: the rules, the
 * prose and its sections, the JSON writer.  The findings the rules return
 * are the report's. */
static inline void
fuzz_check_report (GxReport *report)
{
  g_autoptr(GPtrArray) findings = gx_rules_check (report);
  g_autoptr(GPtrArray) prose = NULL;
  g_autofree char *json = NULL;

  if (g_getenv ("GX_FUZZ_VERBOSE") != NULL)
    g_printerr ("read: %s %d, %u findings\n", gx_report_get_issuer (report),
                gx_report_get_year (report), findings->len);
  g_assert_cmpuint (findings->len, ==, gx_report_get_findings (report)->len);
  prose = gx_prose_check (report);
  /* (a finding of the prose whose key the report has already is not added
   * again: gx_crosscheck_add_findings()) */
  g_assert_cmpuint (gx_report_get_findings (report)->len, <=, findings->len + prose->len);
  g_assert_cmpuint (gx_report_get_findings (report)->len, >=, findings->len);
  json = fuzz_json (report, TRUE);
}

/* A document from a reader: assembled into a report, or refused. */
static inline void
fuzz_assemble (GxDocument *doc,
               GError     *error,
               const char *name)
{
  g_autoptr(GxReport) report = NULL;
  g_autoptr(GError) assemble_error = NULL;

  if (doc == NULL)
    {
      fuzz_assert_refusal (error, name);
      return;
    }
  g_assert_null (error);
  report = gx_document_assemble (doc, &assemble_error);
  if (report == NULL)
    {
      fuzz_assert_refusal (assemble_error, name);
      return;
    }
  fuzz_check_report (report);
}
