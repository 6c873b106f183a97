/* gx-doc-reader.c: Word 97–2003 documents (.doc, or a file of another name in that format)
 *
 * The OLE container is read here (see "The container"); the document is its
 * "WordDocument" stream (the FIB at its start, the text, the property
 * pages) and its table stream ("0Table" or "1Table", as the FIB says).
 *
 * The text is found through the piece table (the Clx in the table
 * stream): pieces of 8-bit text (cp1252) or UTF-16LE.  The main document
 * (its first ccpText characters) is cut into paragraphs at 0x0D and 0x07;
 * field instructions (0x13 … 0x14) are left out and their results kept,
 * pictures and objects (0x01, 0x08) left out, tracked deletions and hidden
 * text left out (the character properties say which).
 *
 * Whether a paragraph is in a table, how deep, and whether it ends a cell
 * or a row, is said by its paragraph properties: each paragraph mark's
 * file offset is looked up in the PAPX pages (PlcBtePapx → FKP) and its
 * sprms read (sprmPFInTable, sprmPItap, sprmPFTtp, sprmPFInnerTableCell,
 * sprmPFInnerTTP).  A row's end carries sprmTDefTable: the edges of its
 * cells and their merges, from which the table's columns are worked out,
 * so that a cell wider than one column spans them as w:gridSpan does in
 * a .docx; a cell continuing a vertical merge is covered (w:vMerge).
 * A table holding another table is layout: its cells are read as running
 * text, as the .docx reader reads them.
 *
 * Nothing in the file is trusted: every offset and count is checked
 * against the stream it points into, every loop is bounded by the bytes
 * it reads, and the sizes are capped as the other readers cap them.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gx-doc-reader.h"
#include "gx-html-reader.h"
#include "gx-reader.h"

#define FKP_SIZE        512
#define MAX_FIELD_DEPTH 64
#define MAX_PARAGRAPHS  500000      /* a report has a few thousand */
#define MAX_TC          64          /* columns of a row (the format's own limit is 63) */
#define EDGE_TOLERANCE  15          /* twips: edges this close are one column edge */

typedef struct
{
  const guint8 *data;
  gsize len;
} Stream;

/* Bounds-checked little-endian reads: FALSE when @off + size is past the end. */
static gboolean
get_u8 (const Stream *s,
        gsize         off,
        guint8       *out)
{
  if (off >= s->len)
    return FALSE;
  *out = s->data[off];
  return TRUE;
}

static gboolean
get_u16 (const Stream *s,
         gsize         off,
         guint16      *out)
{
  if (off > s->len || s->len - off < 2)
    return FALSE;
  *out = (guint16) (s->data[off] | (s->data[off + 1] << 8));
  return TRUE;
}

static gboolean
get_u32 (const Stream *s,
         gsize         off,
         guint32       *out)
{
  if (off > s->len || s->len - off < 4)
    return FALSE;
  *out = (guint32) s->data[off] | ((guint32) s->data[off + 1] << 8) |
         ((guint32) s->data[off + 2] << 16) | ((guint32) s->data[off + 3] << 24);
  return TRUE;
}

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

/* The pieces of text, in character positions (CP) order. */
typedef struct
{
  guint32 cp_start, cp_end;
  guint32 offset;          /* byte offset in WordDocument */
  gboolean compressed;     /* 8-bit text */
} Piece;

/* A row's cells, from sprmTDefTable. */
typedef struct
{
  guint n;
  gint16 edges[MAX_TC + 1];
  guint8 hmerge[MAX_TC];   /* 0 none, 1 first of a merge, 2/3 merged into the previous */
  guint8 vmerge[MAX_TC];   /* 0 none, 1 continues the cell above, 3 starts a merge */
} TableDef;

typedef struct
{
  gboolean in_table;
  guint32 itap;
  gboolean itap_set;
  gboolean ttp, inner_cell, inner_ttp;
  TableDef *tdef;
} ParaProps;

typedef struct
{
  char *text;
  guint line;
  guint depth;        /* tables around it; 0: prose */
  gboolean cell_end;  /* ends a cell of the table at its depth */
  gboolean row_end;   /* ends a row (its mark is not a cell) */
  TableDef *tdef;
} Para;

typedef struct
{
  const char *source_name;
  Stream doc, table, data;   /* WordDocument, 0Table/1Table, Data */
  GArray *pieces;            /* of Piece */
  guint32 ccp_text;
  /* PlcBtePapx / PlcBteChpx in the table stream */
  gsize papx_off, papx_n, chpx_off, chpx_n;
  /* the run of the character last looked up */
  guint32 run_start, run_end;
  gboolean run_valid, run_dropped;
  GArray *paras;             /* of Para */
} DocRead;

static void
para_clear (gpointer data)
{
  Para *p = data;

  g_free (p->text);
  g_free (p->tdef);
}

/* Errors ------------------------------------------------------------------------ */

static void
set_damaged (GError    **error,
             const char *name,
             const char *what)
{
  /* TRANSLATORS: "a.doc: the Word document (.doc) is damaged: its piece table is cut short" */
  g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
               _("%s: the Word document (.doc) is damaged: %s"), name, what);
}

/* Sprms -------------------------------------------------------------------------- */

#define SPRM_P_F_IN_TABLE        0x2416
#define SPRM_P_F_TTP             0x2417
#define SPRM_P_F_INNER_CELL      0x244B
#define SPRM_P_F_INNER_TTP       0x244C
#define SPRM_P_ITAP              0x6649
#define SPRM_P_DTAP              0x664A
#define SPRM_P_HUGE_PAPX         0x6646
#define SPRM_T_DEF_TABLE         0xD608
#define SPRM_P_CHG_TABS          0xC615
#define SPRM_C_F_RMARK_DEL       0x0800
#define SPRM_C_F_VANISH          0x083C

/* The size of the operand of the sprm at @g[@pos] (@pos past the sprm
 * itself), or -1 if it does not fit in @len. */
static gssize
operand_size (const guint8 *g,
              gsize         len,
              gsize         pos,
              guint16       sprm)
{
  gsize size;

  switch (sprm >> 13)
    {
    case 0:
    case 1:
      size = 1;
      break;
    case 2:
    case 4:
    case 5:
      size = 2;
      break;
    case 3:
      size = 4;
      break;
    case 7:
      size = 3;
      break;
    case 6:
    default:
      if (sprm == SPRM_T_DEF_TABLE)
        {
          guint16 cb;

          if (pos + 2 > len)
            return -1;
          cb = le16 (g + pos);
          size = 2 + (cb > 0 ? cb - 1 : 0);
        }
      else if (sprm == SPRM_P_CHG_TABS && pos < len && g[pos] == 255)
        {
          /* PChgTabsOperand: deletions (2+2 bytes each), then additions (2+1) */
          guint8 n_del, n_add;

          if (pos + 2 > len)
            return -1;
          n_del = g[pos + 1];
          if (pos + 2 + n_del * 4u >= len)
            return -1;
          n_add = g[pos + 2 + n_del * 4u];
          size = 1 + 1 + n_del * 4u + 1 + n_add * 3u;
        }
      else
        {
          if (pos >= len)
            return -1;
          size = 1 + g[pos];
        }
      break;
    }
  if (pos > len || len - pos < size)
    return -1;
  return (gssize) size;
}

static void
read_tdef (const guint8 *op,
           gsize         size,
           ParaProps    *props)
{
  TableDef *t;
  guint n;
  gsize tc_off;

  /* op: cb (2), NumberOfColumns (1), rgdxaCenter (n+1 × 2), rgTc80 (≤ n × 20) */
  if (size < 3)
    return;
  n = op[2];
  if (n == 0 || n > MAX_TC || size < 3 + (n + 1) * 2u)
    return;
  t = g_new0 (TableDef, 1);
  t->n = n;
  for (guint i = 0; i <= n; i++)
    t->edges[i] = (gint16) le16 (op + 3 + i * 2);
  tc_off = 3 + (n + 1) * 2u;
  for (guint i = 0; i < n && tc_off + (i + 1) * 20u <= size; i++)
    {
      guint16 grf = le16 (op + tc_off + i * 20u);

      t->hmerge[i] = grf & 0x3;
      t->vmerge[i] = (grf >> 5) & 0x3;
    }
  g_free (props->tdef);
  props->tdef = t;
}

static void
read_papx_sprms (DocRead      *r,
                 const guint8 *g,
                 gsize         len,
                 ParaProps    *props,
                 gboolean      allow_huge)
{
  gsize pos = 0;

  while (pos + 2 <= len)
    {
      guint16 sprm = le16 (g + pos);
      gssize size;

      pos += 2;
      size = operand_size (g, len, pos, sprm);
      if (size < 0)
        break;
      switch (sprm)
        {
        case SPRM_P_F_IN_TABLE:
          props->in_table = g[pos] != 0;
          break;
        case SPRM_P_F_TTP:
          props->ttp = g[pos] != 0;
          break;
        case SPRM_P_F_INNER_CELL:
          props->inner_cell = g[pos] != 0;
          break;
        case SPRM_P_F_INNER_TTP:
          props->inner_ttp = g[pos] != 0;
          break;
        case SPRM_P_ITAP:
          props->itap = (guint32) g[pos] | ((guint32) g[pos + 1] << 8) |
                        ((guint32) g[pos + 2] << 16) | ((guint32) g[pos + 3] << 24);
          props->itap_set = TRUE;
          break;
        case SPRM_P_DTAP:
          {
            gint32 d = (gint32) ((guint32) g[pos] | ((guint32) g[pos + 1] << 8) |
                                 ((guint32) g[pos + 2] << 16) | ((guint32) g[pos + 3] << 24));
            gint64 itap = (gint64) props->itap + d;

            props->itap = (guint32) CLAMP (itap, 0, G_MAXINT32);
            props->itap_set = TRUE;
          }
          break;
        case SPRM_T_DEF_TABLE:
          read_tdef (g + pos, (gsize) size, props);
          break;
        case SPRM_P_HUGE_PAPX:
          /* the properties too large for the page: in the Data stream */
          if (allow_huge)
            {
              guint32 at = (guint32) g[pos] | ((guint32) g[pos + 1] << 8) |
                           ((guint32) g[pos + 2] << 16) | ((guint32) g[pos + 3] << 24);
              guint16 cb;

              if (get_u16 (&r->data, at, &cb) && r->data.len - at - 2 >= cb)
                read_papx_sprms (r, r->data.data + at + 2, cb, props, FALSE);
            }
          break;
        default:
          break;
        }
      pos += (gsize) size;
    }
}

/* Property pages ----------------------------------------------------------------- */

/* The page number of the FKP holding @fc, from the bin table at @off
 * (@n entries) in the table stream; -1 if none. */
static gssize
find_fkp (DocRead *r,
          gsize    off,
          gsize    n,
          guint32  fc)
{
  gsize lo = 0, hi = n;
  guint32 pn;

  if (n == 0)
    return -1;
  /* aFC[n+1], then n PnFkp: the last i with aFC[i] <= fc */
  while (hi - lo > 1)
    {
      gsize mid = lo + (hi - lo) / 2;
      guint32 v;

      if (!get_u32 (&r->table, off + mid * 4, &v))
        return -1;
      if (v <= fc)
        lo = mid;
      else
        hi = mid;
    }
  if (!get_u32 (&r->table, off + (n + 1) * 4 + lo * 4, &pn))
    return -1;
  pn &= 0x3FFFFF;
  if ((guint64) pn * FKP_SIZE + FKP_SIZE > r->doc.len)
    return -1;
  return (gssize) pn;
}

/* The paragraph properties of the paragraph whose mark is at @fc. */
static void
paragraph_props (DocRead   *r,
                 guint32    fc,
                 ParaProps *props)
{
  gssize pn = find_fkp (r, r->papx_off, r->papx_n, fc);
  const guint8 *page;
  guint crun;

  if (pn < 0)
    return;
  page = r->doc.data + (gsize) pn * FKP_SIZE;
  crun = page[FKP_SIZE - 1];
  /* rgfc[crun+1], rgbx[crun] of 13 bytes */
  if (crun == 0 || 4 * (crun + 1) + 13 * crun > FKP_SIZE - 1)
    return;
  for (guint i = 0; i < crun; i++)
    {
      guint32 start = (guint32) page[i * 4] | ((guint32) page[i * 4 + 1] << 8) |
                      ((guint32) page[i * 4 + 2] << 16) | ((guint32) page[i * 4 + 3] << 24);
      guint32 end = (guint32) page[i * 4 + 4] | ((guint32) page[i * 4 + 5] << 8) |
                    ((guint32) page[i * 4 + 6] << 16) | ((guint32) page[i * 4 + 7] << 24);
      gsize at, size;

      if (fc < start || fc >= end)
        continue;
      at = (gsize) page[4 * (crun + 1) + 13 * i] * 2;
      if (at == 0 || at >= FKP_SIZE - 1)
        return;   /* no PAPX: the default properties */
      /* PapxInFkp: cb, (cb' if cb is 0), then istd (2) and the grpprl */
      if (page[at] != 0)
        {
          size = (gsize) page[at] * 2 - 1;
          at += 1;
        }
      else
        {
          size = (gsize) page[at + 1] * 2;
          at += 2;
        }
      if (at + size > FKP_SIZE - 1 || size < 2)
        return;
      read_papx_sprms (r, page + at + 2, size - 2, props, TRUE);
      return;
    }
}

/* Whether the character at @fc is deleted (tracked) or hidden; the run
 * found is kept for the next characters. */
static gboolean
character_dropped (DocRead *r,
                   guint32  fc)
{
  gssize pn;
  const guint8 *page;
  guint crun;

  if (r->run_valid && fc >= r->run_start && fc < r->run_end)
    return r->run_dropped;
  r->run_valid = FALSE;
  pn = find_fkp (r, r->chpx_off, r->chpx_n, fc);
  if (pn < 0)
    return FALSE;
  page = r->doc.data + (gsize) pn * FKP_SIZE;
  crun = page[FKP_SIZE - 1];
  if (crun == 0 || 4 * (crun + 1) + crun > FKP_SIZE - 1)
    return FALSE;
  for (guint i = 0; i < crun; i++)
    {
      guint32 start = (guint32) page[i * 4] | ((guint32) page[i * 4 + 1] << 8) |
                      ((guint32) page[i * 4 + 2] << 16) | ((guint32) page[i * 4 + 3] << 24);
      guint32 end = (guint32) page[i * 4 + 4] | ((guint32) page[i * 4 + 5] << 8) |
                    ((guint32) page[i * 4 + 6] << 16) | ((guint32) page[i * 4 + 7] << 24);
      gsize at, size, pos = 0;
      gboolean dropped = FALSE;

      if (fc < start || fc >= end)
        continue;
      r->run_valid = TRUE;
      r->run_start = start;
      r->run_end = end;
      r->run_dropped = FALSE;
      at = (gsize) page[4 * (crun + 1) + i] * 2;
      if (at == 0 || at >= FKP_SIZE - 1)
        return FALSE;
      size = page[at];
      at++;
      if (at + size > FKP_SIZE - 1)
        return FALSE;
      while (pos + 2 <= size)
        {
          guint16 sprm = le16 (page + at + pos);
          gssize op;

          pos += 2;
          op = operand_size (page + at, size, pos, sprm);
          if (op < 0)
            break;
          /* toggles: 1 on, 0x81 the opposite of the style (taken as on) */
          if ((sprm == SPRM_C_F_RMARK_DEL || sprm == SPRM_C_F_VANISH) &&
              (page[at + pos] == 1 || page[at + pos] == 0x81))
            dropped = TRUE;
          pos += (gsize) op;
        }
      r->run_dropped = dropped;
      return dropped;
    }
  return FALSE;
}

/* The text ----------------------------------------------------------------------- */

/* cp1252 where it differs from Latin-1 */
static gunichar
cp1252 (guint8 b)
{
  static const guint16 high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  };

  return b >= 0x80 && b < 0xA0 ? high[b - 0x80] : b;
}

static gboolean
read_pieces (DocRead  *r,
             guint32   fc_clx,
             guint32   lcb_clx,
             GError  **error)
{
  gsize pos = fc_clx, end;
  guint32 lcb = 0;
  gsize n;
  guint32 last_cp = 0;

  if ((gsize) fc_clx > r->table.len || r->table.len - fc_clx < lcb_clx || lcb_clx == 0)
    {
      set_damaged (error, r->source_name, _("its piece table is missing or outside the file"));
      return FALSE;
    }
  end = pos + lcb_clx;
  /* Prc entries (0x01, cbGrpprl, grpprl), then the Pcdt (0x02) */
  for (;;)
    {
      guint8 clxt;
      guint16 cb;

      if (pos >= end || !get_u8 (&r->table, pos, &clxt))
        {
          set_damaged (error, r->source_name, _("its piece table is missing or outside the file"));
          return FALSE;
        }
      if (clxt == 0x02)
        break;
      if (clxt != 0x01 || !get_u16 (&r->table, pos + 1, &cb))
        {
          set_damaged (error, r->source_name, _("its piece table is not one"));
          return FALSE;
        }
      pos += 3 + (gsize) cb;
    }
  if (!get_u32 (&r->table, pos + 1, &lcb) || pos + 5 > end || lcb > end - (pos + 5) ||
      lcb < 4 || (lcb - 4) % 12 != 0)
    {
      set_damaged (error, r->source_name, _("its piece table is cut short"));
      return FALSE;
    }
  pos += 5;
  n = (lcb - 4) / 12;
  if (n == 0)
    {
      set_damaged (error, r->source_name, _("its piece table is empty"));
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      guint32 cp_start, cp_end, fc;
      Piece piece;
      guint64 bytes;

      /* lcb was checked: all of these are inside */
      get_u32 (&r->table, pos + i * 4, &cp_start);
      get_u32 (&r->table, pos + (i + 1) * 4, &cp_end);
      get_u32 (&r->table, pos + (n + 1) * 4 + i * 8 + 2, &fc);
      if (cp_end < cp_start || cp_start < last_cp)
        {
          set_damaged (error, r->source_name, _("its piece table is out of order"));
          return FALSE;
        }
      last_cp = cp_end;
      if (cp_start >= r->ccp_text)
        break;
      piece.cp_start = cp_start;
      piece.cp_end = MIN (cp_end, r->ccp_text);
      piece.compressed = (fc & 0x40000000) != 0;
      piece.offset = piece.compressed ? (fc & 0x3FFFFFFF) / 2 : fc;
      bytes = (guint64) (piece.cp_end - piece.cp_start) * (piece.compressed ? 1 : 2);
      if ((guint64) piece.offset + bytes > r->doc.len)
        {
          set_damaged (error, r->source_name, _("its text lies outside the file"));
          return FALSE;
        }
      if (piece.cp_end > piece.cp_start)
        g_array_append_val (r->pieces, piece);
    }
  return TRUE;
}

typedef struct
{
  GString *text;
  guint8 fields[MAX_FIELD_DEPTH];   /* 1: in the instruction part */
  guint field_depth, field_overflow;
} TextState;

static gboolean
in_instruction (TextState *t)
{
  if (t->field_overflow > 0)
    return TRUE;
  for (guint i = 0; i < t->field_depth; i++)
    if (t->fields[i])
      return TRUE;
  return FALSE;
}

static void
end_paragraph (DocRead   *r,
               TextState *t,
               guint32    fc,
               gunichar   mark)
{
  ParaProps props = { 0, };
  Para p = { 0, };
  guint depth;

  paragraph_props (r, fc, &props);
  if (props.itap_set)
    depth = props.itap;
  else
    depth = props.in_table ? 1 : 0;
  if (depth == 0 && mark == 0x07)
    depth = 1;   /* a cell mark outside a table: the properties are lost; still a cell */

  p.text = g_string_free (g_steal_pointer (&t->text), FALSE);
  t->text = g_string_new (NULL);
  p.line = r->paras->len + 1;
  p.depth = MIN (depth, GX_READER_MAX_TABLE_DEPTH + 1);
  if (depth == 1)
    {
      p.row_end = props.ttp;
      p.cell_end = mark == 0x07 && !props.ttp;
    }
  else if (depth > 1)
    {
      p.row_end = props.inner_ttp;
      p.cell_end = !props.inner_ttp && (props.inner_cell || mark == 0x07);
    }
  p.tdef = g_steal_pointer (&props.tdef);
  g_free (props.tdef);
  g_array_append_val (r->paras, p);
}

static void
add_char (DocRead   *r,
          TextState *t,
          gunichar   c,
          guint32    fc)
{
  switch (c)
    {
    case 0x0D:
    case 0x07:
      end_paragraph (r, t, fc, c);
      return;
    case 0x13:
      if (t->field_depth < MAX_FIELD_DEPTH)
        t->fields[t->field_depth++] = 1;
      else
        t->field_overflow++;
      return;
    case 0x14:
      if (t->field_overflow == 0 && t->field_depth > 0)
        t->fields[t->field_depth - 1] = 0;
      return;
    case 0x15:
      if (t->field_overflow > 0)
        t->field_overflow--;
      else if (t->field_depth > 0)
        t->field_depth--;
      return;
    default:
      break;
    }
  if (in_instruction (t) || character_dropped (r, fc))
    return;
  switch (c)
    {
    case 0x0B:   /* line break */
    case 0x0C:   /* page or section break */
      g_string_append_c (t->text, '\n');
      return;
    case 0x09:
      g_string_append_c (t->text, '\t');
      return;
    case 0x1E:   /* non-breaking hyphen */
      g_string_append_c (t->text, '-');
      return;
    default:
      break;
    }
  if (c < 0x20 || (c >= 0xD800 && c < 0xE000) || c == 0xFFFE || c == 0xFFFF || c > 0x10FFFF)
    return;   /* objects, pictures, footnote marks; broken surrogates */
  g_string_append_unichar (t->text, c);
}

static gboolean
read_text (DocRead  *r,
           GError  **error)
{
  TextState t = { g_string_new (NULL), { 0, }, 0, 0 };

  for (guint i = 0; i < r->pieces->len; i++)
    {
      Piece *piece = &g_array_index (r->pieces, Piece, i);
      guint32 n = piece->cp_end - piece->cp_start;
      const guint8 *bytes = r->doc.data + piece->offset;

      for (guint32 k = 0; k < n; k++)
        {
          if (piece->compressed)
            add_char (r, &t, cp1252 (bytes[k]), piece->offset + k);
          else
            {
              gunichar c = le16 (bytes + k * 2);
              guint32 fc = piece->offset + k * 2;

              if (c >= 0xD800 && c < 0xDC00 && k + 1 < n)
                {
                  gunichar low = le16 (bytes + (k + 1) * 2);

                  if (low >= 0xDC00 && low < 0xE000)
                    {
                      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                      k++;
                    }
                }
              add_char (r, &t, c, fc);
            }
          if (r->paras->len > MAX_PARAGRAPHS)
            {
              g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                           _("%s: the Word document has more than %u paragraphs (a report has a few thousand)"),
                           r->source_name, MAX_PARAGRAPHS);
              g_string_free (t.text, TRUE);
              return FALSE;
            }
        }
    }
  /* the last paragraph without its mark */
  if (t.text->len > 0)
    {
      Para p = { g_string_free (g_steal_pointer (&t.text), FALSE), r->paras->len + 1, 0, };

      g_array_append_val (r->paras, p);
    }
  if (t.text)
    g_string_free (t.text, TRUE);
  return TRUE;
}

/* Tables ------------------------------------------------------------------------- */

typedef struct _Table Table;

/* An item of a cell: a paragraph (index in paras) or a nested table. */
typedef struct
{
  guint para;
  Table *table;
} Item;

typedef struct
{
  GArray *items;     /* of Item */
} Cell;

typedef struct
{
  GArray *cells;     /* of Cell */
  TableDef *tdef;    /* borrowed from the row's end paragraph */
  guint line;
} Row;

struct _Table
{
  GArray *rows;      /* of Row */
  Row open;          /* the row being read */
  gboolean nested;   /* holds a table */
};

static void table_free (Table *t);

static void
cell_clear (gpointer data)
{
  Cell *c = data;

  for (guint i = 0; c->items && i < c->items->len; i++)
    table_free (g_array_index (c->items, Item, i).table);
  if (c->items)
    g_array_unref (c->items);
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  if (row->cells)
    g_array_unref (row->cells);
}

static void
row_init (Row *row)
{
  row->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (row->cells, cell_clear);
  row->tdef = NULL;
  row->line = 0;
}

static Table *
table_new (void)
{
  Table *t = g_new0 (Table, 1);

  t->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (t->rows, row_clear);
  row_init (&t->open);
  return t;
}

static void
table_free (Table *t)
{
  if (t == NULL)
    return;
  g_array_unref (t->rows);
  row_clear (&t->open);
  g_free (t);
}

/* The cell being filled in @t (one is opened if none is). */
static Cell *
open_cell (Table *t)
{
  Cell *c;

  if (t->open.cells->len == 0 ||
      g_array_index (t->open.cells, Cell, t->open.cells->len - 1).items == NULL)
    {
      Cell fresh = { g_array_new (FALSE, FALSE, sizeof (Item)) };

      if (t->open.cells->len > 0)
        g_array_index (t->open.cells, Cell, t->open.cells->len - 1) = fresh;
      else
        g_array_append_val (t->open.cells, fresh);
    }
  c = &g_array_index (t->open.cells, Cell, t->open.cells->len - 1);
  return c;
}

static void
close_cell (Table *t)
{
  Cell closed = { NULL };

  open_cell (t);
  /* a slot with no items yet: the next cell */
  g_array_append_val (t->open.cells, closed);
}

static void
close_row (Table    *t,
           TableDef *tdef,
           guint     line)
{
  Row row;

  /* drop the empty slot after the last cell */
  if (t->open.cells->len > 0 &&
      g_array_index (t->open.cells, Cell, t->open.cells->len - 1).items == NULL)
    g_array_set_size (t->open.cells, t->open.cells->len - 1);
  if (t->open.cells->len == 0)
    return;
  row = t->open;
  row.tdef = tdef;
  if (row.line == 0)
    row.line = line;
  g_array_append_val (t->rows, row);
  row_init (&t->open);
}

/* The paragraphs, as a tree of tables. */
static Table *
build_tree (DocRead  *r,
            GError  **error)
{
  Table *root = table_new ();
  Table *stack[GX_READER_MAX_TABLE_DEPTH + 2];
  guint depth = 0;

  stack[0] = root;
  for (guint i = 0; i < r->paras->len; i++)
    {
      Para *p = &g_array_index (r->paras, Para, i);
      Item item = { i, NULL };
      Cell *cell;

      if (p->depth > GX_READER_MAX_TABLE_DEPTH)
        {
          g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                       _("%s: the document nests tables more than %u deep"),
                       r->source_name, GX_READER_MAX_TABLE_DEPTH);
          table_free (root);
          return NULL;
        }
      /* tables deeper than this paragraph have ended */
      while (depth > p->depth)
        {
          close_row (stack[depth], NULL, p->line);
          depth--;
        }
      /* tables opened by it */
      while (depth < p->depth)
        {
          Table *inner = table_new ();
          Item nested = { 0, inner };

          if (depth > 0)
            {
              cell = open_cell (stack[depth]);
              stack[depth]->nested = TRUE;
              if (stack[depth]->open.line == 0)
                stack[depth]->open.line = p->line;
            }
          else
            cell = open_cell (root);
          g_array_append_val (cell->items, nested);
          stack[++depth] = inner;
        }
      if (depth == 0)
        {
          cell = open_cell (root);
          g_array_append_val (cell->items, item);
          continue;
        }
      if (p->row_end)
        {
          close_row (stack[depth], p->tdef, p->line);
          continue;
        }
      if (stack[depth]->open.line == 0)
        stack[depth]->open.line = p->line;
      cell = open_cell (stack[depth]);
      g_array_append_val (cell->items, item);
      if (p->cell_end)
        close_cell (stack[depth]);
    }
  while (depth > 0)
    {
      close_row (stack[depth], NULL, 0);
      depth--;
    }
  return root;
}

/* Output ------------------------------------------------------------------------- */

static void
add_lines (GxFlow     *flow,
           const char *text,
           guint       line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    gx_flow_add_line (flow, lines[i], line, FALSE);
}

static void emit_table (DocRead *r, GxFlow *flow, Table *t);

/* A cell read as running text. */
static void
emit_items (DocRead *r,
            GxFlow  *flow,
            GArray  *items)
{
  for (guint i = 0; items && i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      if (item->table)
        emit_table (r, flow, item->table);
      else
        {
          Para *p = &g_array_index (r->paras, Para, item->para);

          add_lines (flow, p->text, p->line);
        }
    }
}

static char *
cell_text (DocRead *r,
           Cell    *c)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; c->items && i < c->items->len; i++)
    {
      Item *item = &g_array_index (c->items, Item, i);
      Para *p;

      if (item->table)
        continue;
      p = &g_array_index (r->paras, Para, item->para);
      if (s->len > 0 && *p->text)
        g_string_append_c (s, ' ');
      g_string_append (s, p->text);
    }
  return g_string_free (s, FALSE);
}

static guint
cell_first_line (DocRead *r,
                 Cell    *c,
                 guint    fallback)
{
  for (guint i = 0; c->items && i < c->items->len; i++)
    {
      Item *item = &g_array_index (c->items, Item, i);

      if (item->table == NULL)
        return g_array_index (r->paras, Para, item->para).line;
    }
  return fallback;
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/* The index of the column edge at @x among @edges (sorted, merged). */
static guint
edge_index (GArray *edges,
            int     x)
{
  guint best = 0;
  int best_d = G_MAXINT;

  for (guint i = 0; i < edges->len; i++)
    {
      int d = ABS (g_array_index (edges, int, i) - x);

      if (d < best_d)
        {
          best_d = d;
          best = i;
        }
    }
  return best;
}

static void
emit_grid (DocRead *r,
           GxFlow  *flow,
           Table   *t)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (int));
  GxGrid *grid;

  /* the table's column edges: every row's cell edges, close ones merged */
  for (guint i = 0; i < t->rows->len; i++)
    {
      Row *row = &g_array_index (t->rows, Row, i);

      if (row->tdef == NULL)
        continue;
      for (guint k = 0; k <= row->tdef->n; k++)
        {
          int x = row->tdef->edges[k];

          g_array_append_val (all, x);
        }
    }
  g_array_sort (all, compare_int);
  for (guint i = 0; i < all->len; i++)
    {
      int x = g_array_index (all, int, i);

      if (edges->len == 0 || x - g_array_index (edges, int, edges->len - 1) > EDGE_TOLERANCE)
        g_array_append_val (edges, x);
    }

  grid = gx_flow_begin_table (flow);
  for (guint i = 0; i < t->rows->len; i++)
    {
      Row *row = &g_array_index (t->rows, Row, i);
      TableDef *tdef = row->tdef;
      guint n = row->cells->len;

      gx_grid_begin_row (grid, row->line);
      /* the row's cells agree with its definition: spans from the edges */
      if (tdef != NULL && tdef->n == n && edges->len >= 2)
        {
          guint before = edge_index (edges, tdef->edges[0]);

          if (before > 0)
            gx_grid_add_covered (grid, MIN (before, GX_READER_MAX_COLUMNS));
          for (guint k = 0; k < n; k++)
            {
              Cell *c = &g_array_index (row->cells, Cell, k);
              guint left = edge_index (edges, tdef->edges[k]);
              guint right = edge_index (edges, tdef->edges[k + 1]);
              guint span = right > left ? right - left : 1;
              g_autofree char *text = NULL;
              guint line = cell_first_line (r, c, row->line);

              /* a cell continuing the merge of the one before, or of the
               * cell above: covered */
              if (tdef->hmerge[k] >= 2 || tdef->vmerge[k] == 1)
                {
                  gx_grid_add_covered (grid, CLAMP (span, 1, GX_READER_MAX_COLUMNS));
                  continue;
                }
              text = cell_text (r, c);
              /* the first of old horizontal merges: the cells merged into
               * it give their width (and text, if any) */
              if (tdef->hmerge[k] == 1)
                while (k + 1 < n && tdef->hmerge[k + 1] >= 2)
                  {
                    Cell *next = &g_array_index (row->cells, Cell, k + 1);
                    g_autofree char *more = cell_text (r, next);
                    guint next_right = edge_index (edges, tdef->edges[k + 2]);

                    if (*more)
                      {
                        char *joined = *text ? g_strconcat (text, " ", more, NULL) : g_strdup (more);

                        g_free (text);
                        text = joined;
                      }
                    if (next_right > left)
                      span = next_right - left;
                    k++;
                  }
              span = CLAMP (span, 1, GX_READER_MAX_COLUMNS);
              gx_grid_add_cell (grid, text, line, span, 1);
            }
        }
      else
        for (guint k = 0; k < n; k++)
          {
            Cell *c = &g_array_index (row->cells, Cell, k);
            g_autofree char *text = cell_text (r, c);

            gx_grid_add_cell (grid, text, cell_first_line (r, c, row->line), 1, 1);
          }
    }
  gx_flow_end_table (flow, grid);
}

static void
emit_table (DocRead *r,
            GxFlow  *flow,
            Table   *t)
{
  if (!t->nested)
    {
      emit_grid (r, flow, t);
      return;
    }
  /* layout: the cells in reading order */
  for (guint i = 0; i < t->rows->len; i++)
    {
      Row *row = &g_array_index (t->rows, Row, i);

      for (guint k = 0; k < row->cells->len; k++)
        emit_items (r, flow, g_array_index (row->cells, Cell, k).items);
    }
}

/* The container ------------------------------------------------------------------
 *
 * An OLE compound file (MS-CFB) is read here rather than with libgsf's
 * GsfInfileMSOle: that one walks the directory tree recursively without a
 * bound (a crafted cycle of entries overflows the stack) and reports
 * damage with g_return_if_fail() criticals.  Only what the reader needs:
 * the streams at the top of the root storage, each read whole.  Every
 * sector number is checked against the file, every chain is walked at
 * most as many steps as the allocation table has entries.
 */

#define CFB_HEADER       512
#define CFB_END_OF_CHAIN 0xFFFFFFFEu
#define CFB_FREE         0xFFFFFFFFu
#define CFB_NO_STREAM    0xFFFFFFFFu
#define CFB_DIR_ENTRY    128

typedef struct
{
  Stream file;
  guint32 sector_size;       /* 512 or 4096 */
  guint32 n_sectors;         /* sectors that start inside the file */
  guint32 *fat;
  guint32 n_fat;
  guint32 mini_cutoff;
  guint32 first_minifat;
  guint8 *dir;               /* the directory stream */
  gsize dir_len;
  GBytes *ministream;        /* read when first needed */
  guint32 *minifat;
  guint32 n_minifat;
  gboolean mini_read;
} Ole;

static void
ole_clear (Ole *ole)
{
  g_free (ole->fat);
  g_free (ole->dir);
  g_free (ole->minifat);
  if (ole->ministream)
    g_bytes_unref (ole->ministream);
}

/* Appends sector @sector of the file to @out (a sector cut short by the
 * end of the file gives what there is); FALSE if it is not in the file. */
static gboolean
ole_append_sector (Ole        *ole,
                   guint32     sector,
                   GByteArray *out)
{
  guint64 start;
  gsize n;

  if (sector >= ole->n_sectors)
    return FALSE;
  start = ((guint64) sector + 1) * ole->sector_size;
  n = (gsize) MIN ((guint64) ole->sector_size, ole->file.len - start);
  g_byte_array_append (out, ole->file.data + start, (guint) n);
  return TRUE;
}

/* The chain from @first in @fat (@n entries) of sectors of @sector_size,
 * @size bytes of it (all of it if @size is G_MAXSIZE), read by @read_one.
 * NULL if the chain leaves the table or is cut short. */
typedef gboolean (*OleReadSector) (Ole *ole, guint32 sector, GByteArray *out);

static GByteArray *
ole_read_chain (Ole           *ole,
                const guint32 *fat,
                guint32        n,
                guint32        first,
                gsize          size,
                gsize          cap,
                OleReadSector  read_one)
{
  GByteArray *out = g_byte_array_new ();
  guint32 sector = first;

  for (guint32 steps = 0; out->len < size; steps++)
    {
      if (sector == CFB_END_OF_CHAIN && size == G_MAXSIZE)
        break;
      if (sector >= n || steps >= n || out->len > cap || !read_one (ole, sector, out))
        {
          g_byte_array_unref (out);
          return NULL;
        }
      sector = fat[sector];
    }
  if (size != G_MAXSIZE)
    g_byte_array_set_size (out, (guint) size);
  return out;
}

static gboolean
ole_append_mini_sector (Ole        *ole,
                        guint32     sector,
                        GByteArray *out)
{
  gsize len;
  const guint8 *mini = g_bytes_get_data (ole->ministream, &len);
  guint64 start = (guint64) sector * 64;

  if (start >= len)
    return FALSE;
  g_byte_array_append (out, mini + start, (guint) MIN ((guint64) 64, len - start));
  return TRUE;
}

static gboolean
ole_open (Ole          *ole,
          const guint8 *data,
          gsize         len)
{
  g_autoptr(GArray) fat_sectors = g_array_new (FALSE, FALSE, sizeof (guint32));
  Stream h = { data, len };
  guint16 major, shift, mini_shift;
  guint32 n_fat_sectors, first_dir, first_difat, n_difat, per_sector;
  GByteArray *fat, *dir;

  memset (ole, 0, sizeof *ole);
  ole->file = h;
  if (len < CFB_HEADER || !get_u16 (&h, 0x1A, &major) || !get_u16 (&h, 0x1E, &shift) ||
      !get_u16 (&h, 0x20, &mini_shift))
    return FALSE;
  if (!((major == 3 && shift == 9) || (major == 4 && shift == 12)) || mini_shift != 6)
    return FALSE;
  ole->sector_size = 1u << shift;
  if (len <= ole->sector_size)
    return FALSE;
  /* the header is sector -1: sector i starts at (i + 1) × size */
  ole->n_sectors = (guint32) MIN ((len - 1) / ole->sector_size, (gsize) G_MAXUINT32);
  get_u32 (&h, 0x2C, &n_fat_sectors);
  get_u32 (&h, 0x30, &first_dir);
  get_u32 (&h, 0x38, &ole->mini_cutoff);
  get_u32 (&h, 0x3C, &ole->first_minifat);
  get_u32 (&h, 0x44, &first_difat);
  get_u32 (&h, 0x48, &n_difat);
  if (n_fat_sectors == 0 || n_fat_sectors > ole->n_sectors)
    return FALSE;

  /* the FAT's sectors: 109 in the header, the rest in the DIFAT chain */
  for (guint i = 0; i < 109 && fat_sectors->len < n_fat_sectors; i++)
    {
      guint32 s;

      get_u32 (&h, 0x4C + i * 4, &s);
      g_array_append_val (fat_sectors, s);
    }
  per_sector = ole->sector_size / 4 - 1;
  for (guint32 d = 0, sector = first_difat;
       d < n_difat && fat_sectors->len < n_fat_sectors; d++)
    {
      Stream sec;

      if (sector >= ole->n_sectors || d > ole->n_sectors)
        return FALSE;
      sec.data = data + ((gsize) sector + 1) * ole->sector_size;
      sec.len = MIN ((gsize) ole->sector_size, len - ((gsize) sector + 1) * ole->sector_size);
      for (guint32 i = 0; i < per_sector && fat_sectors->len < n_fat_sectors; i++)
        {
          guint32 s;

          if (!get_u32 (&sec, i * 4, &s))
            return FALSE;
          g_array_append_val (fat_sectors, s);
        }
      if (!get_u32 (&sec, per_sector * 4, &sector))
        return FALSE;
    }
  if (fat_sectors->len < n_fat_sectors)
    return FALSE;

  fat = g_byte_array_new ();
  for (guint i = 0; i < fat_sectors->len; i++)
    if (!ole_append_sector (ole, g_array_index (fat_sectors, guint32, i), fat))
      {
        g_byte_array_unref (fat);
        return FALSE;
      }
  ole->n_fat = fat->len / 4;
  ole->fat = g_new (guint32, MAX (ole->n_fat, 1));
  for (guint32 i = 0; i < ole->n_fat; i++)
    ole->fat[i] = le16 (fat->data + i * 4) | ((guint32) le16 (fat->data + i * 4 + 2) << 16);
  g_byte_array_unref (fat);

  dir = ole_read_chain (ole, ole->fat, ole->n_fat, first_dir, G_MAXSIZE,
                        GX_READER_MAX_EXPANDED_SIZE, ole_append_sector);
  if (dir == NULL || dir->len < CFB_DIR_ENTRY)
    {
      if (dir)
        g_byte_array_unref (dir);
      return FALSE;
    }
  ole->dir_len = dir->len / CFB_DIR_ENTRY * CFB_DIR_ENTRY;
  ole->dir = g_byte_array_free (dir, FALSE);
  /* entry 0 is the root storage */
  return ole->dir[0x42] == 5;
}

/* The entry of the stream @name at the top of the root storage, or -1.
 * The root's children are a tree of left/right/child links: walked with a
 * stack, each entry visited once. */
static gssize
ole_find (Ole        *ole,
          const char *name)
{
  guint32 n = (guint32) (ole->dir_len / CFB_DIR_ENTRY);
  g_autofree guint8 *seen = g_malloc0 (n);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  Stream root = { ole->dir, ole->dir_len };
  guint32 child;
  gsize name_len = strlen (name);

  get_u32 (&root, 0x4C, &child);
  g_array_append_val (stack, child);
  while (stack->len > 0)
    {
      guint32 e = g_array_index (stack, guint32, stack->len - 1);
      const guint8 *entry;
      guint16 bytes;
      gboolean match;

      g_array_set_size (stack, stack->len - 1);
      if (e >= n || seen[e])
        continue;
      seen[e] = 1;
      entry = ole->dir + (gsize) e * CFB_DIR_ENTRY;
      bytes = le16 (entry + 0x40);
      match = entry[0x42] == 2 && bytes == (name_len + 1) * 2 && bytes <= 64;
      for (gsize i = 0; match && i < name_len; i++)
        match = g_ascii_tolower (entry[i * 2]) == g_ascii_tolower (name[i]) && entry[i * 2 + 1] == 0;
      if (match)
        return (gssize) e;
      for (guint k = 0; k < 2; k++)
        {
          Stream s = { entry, CFB_DIR_ENTRY };
          guint32 next;

          get_u32 (&s, 0x44 + k * 4, &next);
          if (next != CFB_NO_STREAM)
            g_array_append_val (stack, next);
        }
    }
  return -1;
}

static gboolean
ole_has (Ole        *ole,
         const char *name)
{
  return ole_find (ole, name) >= 0;
}

typedef enum { OLE_OK, OLE_MISSING, OLE_TOO_LARGE, OLE_DAMAGED } OleStatus;

static OleStatus
ole_read (Ole         *ole,
          const char  *name,
          GBytes     **out)
{
  gssize e = ole_find (ole, name);
  Stream entry;
  guint32 start, size, size_high;
  GByteArray *bytes;

  *out = NULL;
  if (e < 0)
    return OLE_MISSING;
  entry.data = ole->dir + (gsize) e * CFB_DIR_ENTRY;
  entry.len = CFB_DIR_ENTRY;
  get_u32 (&entry, 0x74, &start);
  get_u32 (&entry, 0x78, &size);
  get_u32 (&entry, 0x7C, &size_high);
  if (ole->sector_size == 512)
    size_high = 0;   /* version 3: the high half is not used */
  if (size_high != 0 || size > GX_READER_MAX_EXPANDED_SIZE)
    return OLE_TOO_LARGE;
  if (size > ole->file.len)
    return OLE_DAMAGED;

  if (size < ole->mini_cutoff)
    {
      if (!ole->mini_read)
        {
          Stream root = { ole->dir, CFB_DIR_ENTRY };
          guint32 root_start, root_size;
          GByteArray *minifat, *mini;

          ole->mini_read = TRUE;
          get_u32 (&root, 0x74, &root_start);
          get_u32 (&root, 0x78, &root_size);
          if (root_size > ole->file.len)
            return OLE_DAMAGED;
          mini = ole_read_chain (ole, ole->fat, ole->n_fat, root_start, root_size,
                                 ole->file.len, ole_append_sector);
          minifat = ole_read_chain (ole, ole->fat, ole->n_fat, ole->first_minifat, G_MAXSIZE,
                                    ole->file.len, ole_append_sector);
          if (mini == NULL || minifat == NULL)
            {
              if (mini)
                g_byte_array_unref (mini);
              if (minifat)
                g_byte_array_unref (minifat);
              return OLE_DAMAGED;
            }
          ole->ministream = g_byte_array_free_to_bytes (mini);
          ole->n_minifat = minifat->len / 4;
          ole->minifat = g_new (guint32, MAX (ole->n_minifat, 1));
          for (guint32 i = 0; i < ole->n_minifat; i++)
            ole->minifat[i] = le16 (minifat->data + i * 4) |
                              ((guint32) le16 (minifat->data + i * 4 + 2) << 16);
          g_byte_array_unref (minifat);
        }
      if (ole->ministream == NULL)
        return OLE_DAMAGED;
      bytes = ole_read_chain (ole, ole->minifat, ole->n_minifat, start, size,
                              ole->file.len, ole_append_mini_sector);
    }
  else
    bytes = ole_read_chain (ole, ole->fat, ole->n_fat, start, size,
                            ole->file.len, ole_append_sector);
  if (bytes == NULL)
    return OLE_DAMAGED;
  *out = g_byte_array_free_to_bytes (bytes);
  return OLE_OK;
}

static gboolean
read_stream (Ole         *ole,
             const char  *name,
             GBytes     **out,
             const char  *source_name,
             GError     **error)
{
  switch (ole_read (ole, name, out))
    {
    case OLE_TOO_LARGE:
      {
        g_autofree char *limit = g_format_size_full (GX_READER_MAX_EXPANDED_SIZE, G_FORMAT_SIZE_IEC_UNITS);

        g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                     _("%s: a part of the Word document is larger than %s; it was not read"),
                     source_name, limit);
        return FALSE;
      }
    case OLE_DAMAGED:
      set_damaged (error, source_name, _("a part of it is cut short"));
      return FALSE;
    case OLE_OK:
    case OLE_MISSING:
    default:
      return TRUE;
    }
}

/* An OLE file that is not a Word document: say what it is. */
static void
set_other_ole_error (Ole         *ole,
                     const char  *name,
                     GError     **error)
{
  if (ole_has (ole, "EncryptedPackage"))
    g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_ENCRYPTED,
                 _("%s: a password-protected Office document; open it, save it without a password and import that"),
                 name);
  else if (ole_has (ole, "Workbook") || ole_has (ole, "Book"))
    g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_UNSUPPORTED,
                 _("%s: an Excel 97–2003 workbook (.xls), not a report; save the report as .docx, .doc or PDF and import that"),
                 name);
  else if (ole_has (ole, "PowerPoint Document"))
    g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_UNSUPPORTED,
                 _("%s: a PowerPoint 97–2003 presentation (.ppt), not a report; save the report as .docx, .doc or PDF and import that"),
                 name);
  else
    g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_UNSUPPORTED,
                 _("%s: an old Office file (OLE compound file) that is not a Word document; save the report as .docx, .doc or PDF and import that"),
                 name);
}

/* The FIB: where the text and the properties are. */
static gboolean
read_fib (DocRead   *r,
          Ole       *ole,
          GBytes   **table_bytes,
          GBytes   **data_bytes,
          guint32   *fc_clx,
          guint32   *lcb_clx,
          GError   **error)
{
  const Stream *s = &r->doc;
  guint16 ident = 0, nfib = 0, flags = 0, csw = 0, cslw = 0, cb_fclcb = 0;
  guint32 ccp_text = 0, fc, lcb;
  gsize off;

  if (!get_u16 (s, 0, &ident) || !get_u16 (s, 2, &nfib) || !get_u16 (s, 0x0A, &flags) ||
      ident != 0xA5EC)
    {
      set_damaged (error, r->source_name, _("its header (FIB) is not one"));
      return FALSE;
    }
  if (flags & 0x0100)   /* fEncrypted */
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_ENCRYPTED,
                   _("%s: the Word document is password-protected; open it, save it without a password and import that"),
                   r->source_name);
      return FALSE;
    }
  if (nfib < 0x00C0)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_UNSUPPORTED,
                   _("%s: a Word 6 or Word 95 document, older than this program reads; save it as .docx or PDF and import that"),
                   r->source_name);
      return FALSE;
    }
  /* FibBase (32), csw + fibRgW, cslw + fibRgLw, cbRgFcLcb + fibRgFcLcbBlob */
  off = 32;
  if (!get_u16 (s, off, &csw))
    goto short_fib;
  off += 2 + (gsize) csw * 2;
  if (!get_u16 (s, off, &cslw) || cslw < 4 || !get_u32 (s, off + 2 + 3 * 4, &ccp_text))
    goto short_fib;
  off += 2 + (gsize) cslw * 4;
  if (!get_u16 (s, off, &cb_fclcb) || cb_fclcb < 34)
    goto short_fib;
  off += 2;
  /* fcClx / lcbClx: pair 33; fcPlcfBteChpx: 12; fcPlcfBtePapx: 13 */
  if (!get_u32 (s, off + 33 * 8, fc_clx) || !get_u32 (s, off + 33 * 8 + 4, lcb_clx))
    goto short_fib;

  if (!read_stream (ole, (flags & 0x0200) ? "1Table" : "0Table", table_bytes, r->source_name, error))
    return FALSE;
  if (*table_bytes == NULL)
    {
      set_damaged (error, r->source_name, _("its table stream is missing"));
      return FALSE;
    }
  r->table.data = g_bytes_get_data (*table_bytes, &r->table.len);
  if (r->table.data == NULL)
    r->table.data = (const guint8 *) "";
  if (!read_stream (ole, "Data", data_bytes, r->source_name, error))
    return FALSE;
  if (*data_bytes != NULL)
    r->data.data = g_bytes_get_data (*data_bytes, &r->data.len);
  if (r->data.data == NULL)
    r->data.data = (const guint8 *) "";

  /* more characters than the stream could hold: a damaged count */
  if ((guint64) ccp_text > r->doc.len)
    {
      set_damaged (error, r->source_name, _("its text lies outside the file"));
      return FALSE;
    }
  r->ccp_text = ccp_text;

  if (get_u32 (s, off + 12 * 8, &fc) && get_u32 (s, off + 12 * 8 + 4, &lcb) &&
      (gsize) fc <= r->table.len && r->table.len - fc >= lcb && lcb >= 12 && (lcb - 4) % 8 == 0)
    {
      r->chpx_off = fc;
      r->chpx_n = (lcb - 4) / 8;
    }
  if (get_u32 (s, off + 13 * 8, &fc) && get_u32 (s, off + 13 * 8 + 4, &lcb) &&
      (gsize) fc <= r->table.len && r->table.len - fc >= lcb && lcb >= 12 && (lcb - 4) % 8 == 0)
    {
      r->papx_off = fc;
      r->papx_n = (lcb - 4) / 8;
    }
  return TRUE;

short_fib:
  set_damaged (error, r->source_name, _("its header (FIB) is cut short"));
  return FALSE;
}

GxDocument *
gx_doc_reader_parse (const char  *data,
                     gsize        len,
                     const char  *source_name,
                     GError     **error)
{
  g_autoptr(GBytes) doc_bytes = NULL;
  g_autoptr(GBytes) table_bytes = NULL;
  g_autoptr(GBytes) data_bytes = NULL;
  g_autoptr(GxFlow) flow = NULL;
  Ole ole;
  DocRead r = { 0, };
  Table *tree;
  guint32 fc_clx = 0, lcb_clx = 0;
  gboolean ok = FALSE;

  gx_reader_init ();
  if (source_name == NULL)
    source_name = "?";
  r.source_name = source_name;

  if (!ole_open (&ole, (const guint8 *) data, len))
    {
      ole_clear (&ole);
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                   _("%s: a damaged or truncated Office file (OLE compound file); a Word document (.doc) cannot be read from it"),
                   source_name);
      return NULL;
    }
  if (!ole_has (&ole, "WordDocument"))
    {
      set_other_ole_error (&ole, source_name, error);
      ole_clear (&ole);
      return NULL;
    }
  if (!read_stream (&ole, "WordDocument", &doc_bytes, source_name, error))
    {
      ole_clear (&ole);
      return NULL;
    }
  r.doc.data = g_bytes_get_data (doc_bytes, &r.doc.len);
  if (r.doc.data == NULL)
    r.doc.data = (const guint8 *) "";
  r.pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  r.paras = g_array_new (FALSE, TRUE, sizeof (Para));
  g_array_set_clear_func (r.paras, para_clear);

  if (read_fib (&r, &ole, &table_bytes, &data_bytes, &fc_clx, &lcb_clx, error) &&
      read_pieces (&r, fc_clx, lcb_clx, error))
    ok = TRUE;
  ole_clear (&ole);

  if (ok)
    {
      tree = read_text (&r, error) ? build_tree (&r, error) : NULL;
      if (tree != NULL)
        {
          flow = gx_flow_new (source_name);
          emit_items (&r, flow, tree->open.cells->len > 0
                                ? g_array_index (tree->open.cells, Cell, 0).items : NULL);
          table_free (tree);
        }
      else
        ok = FALSE;
    }

  g_array_unref (r.pieces);
  g_array_unref (r.paras);
  if (!ok)
    return NULL;
  /* (which checks the flow's limits first) */
  return gx_flow_to_document (flow, error);
}
