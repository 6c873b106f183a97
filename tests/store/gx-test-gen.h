/* gx-test-gen.h: many report files made from the five samples
 *
 * Shared by the crash test (tests/store) and the benchmark (bench/).  File
 * @i is a copy of sample i % 5 whose issuer is renamed with a made-up
 * place name unique to i / 5, so every file has its own content, issuer
 * and year, and the numbers of the sample it comes from.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The five samples in @data_dir (tests/data); writes @n files into
 * @out_dir (created) and returns their paths in order. */
GPtrArray *gx_test_generate_reports (const char *data_dir,
                                     const char *out_dir,
                                     guint       n,
                                     GError    **error);

/* The issuer that file @i names. */
char      *gx_test_generated_issuer (guint       i);

G_END_DECLS
