/* gx-test-fs.h: the temporary folders of the tests and benchmarks
 *
 * gx_test_remove_tree() removes a file or a folder with all it holds, as a
 * test's teardown does with the folder it made (g_dir_make_tmp()): a
 * symbolic link is removed, never followed, and a folder a test made
 * read-only is made writable first.
 */
#pragma once

#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

static inline void
gx_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  GStatBuf st;
  const char *name;

  if (g_lstat (path, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_remove (path);
      return;
    }
  g_chmod (path, 0755);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      gx_test_remove_tree (child);
    }
  g_rmdir (path);
}
