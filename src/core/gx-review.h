/* gx-review.h: a reviewer's judgement on a finding
 *
 * Contract shared by the workspace (gx-store.c), the main window, the
 * editor and the printer.  A decision is keyed by the report's issuer and
 * year and the finding's key, so it survives re-importing the same file,
 * replacing the report by a new version, and restarting.
 */
#pragma once

#include "gx-finding.h"
#include "gx-report.h"
#include "gx-store.h"

G_BEGIN_DECLS

typedef enum {
  GX_REVIEW_OPEN,        /* nobody has looked yet */
  GX_REVIEW_CONFIRMED,   /* right: the report must be corrected */
  GX_REVIEW_DISMISSED,   /* looked at and accepted as it is (hidden unless asked for) */
} GxReviewState;

/* "group_total/review_litigation.litigation_after_review.total",
 * "ambiguous_layout/applications.granted", "period_year" (a finding without
 * a cell: its rule): stable within a report. */
char          *gx_finding_dup_key          (GxFinding     *finding);

GxReviewState  gx_finding_get_review       (GxFinding     *finding);
const char    *gx_finding_get_review_note  (GxFinding     *finding);
void           gx_finding_set_review       (GxFinding     *finding,
                                            GxReviewState  state,
                                            const char    *note);

/* The findings of @report that are not dismissed, by severity
 * (counts[GX_SEVERITY_NOTE … GX_SEVERITY_ERROR]): what the list counts. */
void           gx_review_count_open        (GxReport      *report,
                                            guint          counts[3]);

const char    *gx_review_state_to_key      (GxReviewState  state);   /* "open", "confirmed", "dismissed" */
gboolean       gx_review_state_from_key    (const char    *key,
                                            GxReviewState *state);

/* Records (or, with GX_REVIEW_OPEN, forgets) the decision on @finding of
 * @report, and sets it on @finding. */
gboolean       gx_store_set_review         (GxStore       *self,
                                            GxReport      *report,
                                            GxFinding     *finding,
                                            GxReviewState  state,
                                            const char    *note,
                                            GError       **error);
/* Sets the stored decisions on the findings of @report (call after
 * gx_rules_check()). */
gboolean       gx_store_apply_reviews      (GxStore       *self,
                                            GxReport      *report,
                                            GError       **error);

G_END_DECLS
