/* gx-test-gen.c: many report files made from the five samples */
#include <string.h>
#include <glib/gstdio.h>

#include "gx-test-gen.h"

typedef struct
{
  const char *file;
  const char *issuer;   /* as the file spells it */
  const char *prefix;   /* the part kept before the made-up name */
  const char *suffix;   /* … and after it */
} Sample;

static const Sample samples[] = {
  { "pinggu-2022.txt",          "北京市平谷区人民政府",       "北京市平谷", "区人民政府" },
  { "miyun-2021.txt",           "北京市密云区人民政府",       "北京市密云", "区人民政府" },
  { "beidaihe-2022-pipes.txt",  "北戴河区人民政府办公室",     "北戴河",     "区人民政府办公室" },
  { "anding-2022.txt",          "北京市大兴区安定镇人民政府", "北京市大兴区安定", "镇人民政府" },
  { "haidian-2022.txt",         "北京市海淀区人民政府",       "北京市海淀", "区人民政府" },
};

/* Ten characters that are neither digits nor numerals, so that no reader
 * takes part of a name for a year or a count. */
static const char *const letters[] = { "金", "木", "水", "火", "土", "山", "川", "林", "石", "田" };

static char *
made_up_name (guint k)
{
  GString *s = g_string_new (NULL);

  /* at least four letters: "金金金木" */
  for (guint d = 0; d < 4 || k > 0; d++)
    {
      g_string_prepend (s, letters[k % 10]);
      k /= 10;
    }
  return g_string_free (s, FALSE);
}

char *
gx_test_generated_issuer (guint i)
{
  const Sample *sample = &samples[i % G_N_ELEMENTS (samples)];
  g_autofree char *name = made_up_name (i / G_N_ELEMENTS (samples));

  return g_strconcat (sample->prefix, name, sample->suffix, NULL);
}

GPtrArray *
gx_test_generate_reports (const char  *data_dir,
                          const char  *out_dir,
                          guint        n,
                          GError     **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  char *texts[G_N_ELEMENTS (samples)] = { NULL };
  gboolean ok = TRUE;

  if (g_mkdir_with_parents (out_dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: cannot create", out_dir);
      return NULL;
    }
  for (guint s = 0; ok && s < G_N_ELEMENTS (samples); s++)
    {
      g_autofree char *path = g_build_filename (data_dir, samples[s].file, NULL);

      ok = g_file_get_contents (path, &texts[s], NULL, error);
    }

  for (guint i = 0; ok && i < n; i++)
    {
      guint s = i % G_N_ELEMENTS (samples);
      g_autofree char *issuer = gx_test_generated_issuer (i);
      g_autofree char *name = g_strdup_printf ("report-%05u-%s", i, samples[s].file);
      char *path = g_build_filename (out_dir, name, NULL);
      GString *text = g_string_new (texts[s]);

      g_string_replace (text, samples[s].issuer, issuer, 0);
      ok = g_file_set_contents (path, text->str, (gssize) text->len, error);
      g_string_free (text, TRUE);
      g_ptr_array_add (paths, path);
    }

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    g_free (texts[s]);
  return ok ? g_steal_pointer (&paths) : NULL;
}
