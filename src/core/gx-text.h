/* gx-text.h: text helpers shared by the readers
 *
 * Decoding of what government sites publish (UTF-8 with or without BOM,
 * UTF-16 with BOM, GB18030/GBK), and the normalisation used to compare a
 * cell of a real report with a label of the template.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Converts raw file content to UTF-8 with LF line ends.  Returns NULL and
 * sets @error (G_CONVERT_ERROR) for binary data or undecodable text.
 * @encoding_out receives the name of the encoding that was detected. */
char  *gx_text_decode           (const char  *data,
                                 gsize        len,
                                 const char **encoding_out,
                                 GError     **error);

/* Whether @len bytes of @text are valid UTF-8 and hold no NUL (what
 * g_utf8_validate_len() says, faster on CJK text). */
gboolean gx_text_utf8_valid     (const char  *text,
                                 gsize        len);

/* Full-width ASCII (Ｕ+FF01…FF5E) to ASCII, ideographic space to space,
 * 、 kept.  Returns a new string. */
char  *gx_text_fold_width       (const char  *text);

/* The form used to compare labels: width folded, every kind of white
 * space removed, the numbering prefix ("三、", "（七）", "2.", "(二)")
 * removed.  @had_prefix tells whether a prefix was there. */
char  *gx_text_label_key        (const char  *text,
                                 gboolean    *had_prefix);

/* Length in bytes of a leading numbering prefix, 0 if none. */
gsize  gx_text_numbering_prefix (const char  *text);

G_END_DECLS
