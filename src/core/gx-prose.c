/* gx-prose.c: prose_mismatch */
#include "gx-config.h"

#include <glib/gi18n-lib.h>

#include "gx-prose.h"
#include "gx-crosscheck.h"
#include "gx-rules.h"

GPtrArray *
gx_prose_check (GxReport *report)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GX_IS_REPORT (report), findings);
  gx_crosscheck_add_findings (report, findings);
  return findings;
}
