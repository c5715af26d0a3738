/* test-json-scan.c: records read in place from JSON text (gr_record_scan)
 * are the records gr_record_from_json reads from the parsed text; what the
 * scanner does not read the same way it leaves to json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-demo.h"
#include "gr-json-scan.h"
#include "gr-json-writer.h"
#include "gr-record-store.h"
#include "test-util.h"

static char *
record_text (const GrRecord *record)
{
  GString *out = g_string_new (NULL);

  gr_record_append_json (record, out);
  return g_string_free (out, FALSE);
}

/* Reads text both ways; TRUE when the scanner read it. Whatever the
 * scanner reads, json-glib reads the same. */
static gboolean
read_both (const GrEntity *entity,
           const char     *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GrRecord) slow = node ? gr_record_from_json (entity, node, NULL) : NULL;
  g_autoptr(GrRecord) fast = NULL;
  GrJsonScan scan;

  gr_json_scan_init (&scan, text, strlen (text));
  fast = gr_record_scan (entity, &scan);
  /* (the text must end with the record) */
  if (fast != NULL && !gr_json_scan_at_end (&scan))
    g_clear_pointer (&fast, gr_record_free);
  if (fast != NULL)
    {
      g_autofree char *fast_text = record_text (fast);
      g_autofree char *slow_text = NULL;
      g_autofree char *fast_hash = gr_record_hash (fast);
      g_autofree char *slow_hash = NULL;

      if (slow == NULL)
        g_error ("the scanner read what json-glib refuses: %s", text);
      slow_text = record_text (slow);
      slow_hash = gr_record_hash (slow);
      g_assert_cmpstr (fast_text, ==, slow_text);
      g_assert_cmpstr (fast_hash, ==, slow_hash);
      g_assert_cmpint (fast->version, ==, slow->version);
      g_assert_cmpint (fast->deleted, ==, slow->deleted);
    }
  gr_json_scan_clear (&scan);
  return fast != NULL;
}

static void
test_values (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
    const char *as;       /* canonical text of the value read */
  } cases[] = {
    { "12", TRUE, "12" },
    { "-0", TRUE, "0" },
    { "-12.50", TRUE, "-12.5" },
    { "0.001", TRUE, "0.001" },
    { "\"a\\\"b\\\\c\\/d\\n\\t\"", TRUE, "\"a\\\"b\\\\c/d\\n\\t\"" },
    { "\"粮仓\"", TRUE, "\"粮仓\"" },
    { "true", TRUE, "true" },
    { "null", TRUE, "null" },
    { "[1, {\"a\": [true, null]}, \"x\"]", TRUE, "[1, {\"a\": [true, null]}, \"x\"]" },
    /* left to json-glib */
    { "1e5", FALSE, NULL },
    { "012", FALSE, NULL },
    { "1.", FALSE, NULL },
    { "1234567890123456789", FALSE, NULL },
    { "\"\\u4e2d\"", FALSE, NULL },
    { "\"tab\there\"", FALSE, NULL },
    { "nul", FALSE, NULL },
    { "truex", FALSE, NULL },
    { "{\"a\": 1, \"a\": 2}", FALSE, NULL },
    { "'single'", FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GrJsonScan scan;
      g_autoptr(JsonNode) node = NULL;

      gr_json_scan_init (&scan, cases[i].text, strlen (cases[i].text));
      node = gr_json_scan_node (&scan);
      if (node != NULL && !gr_json_scan_at_end (&scan))
        g_clear_pointer (&node, json_node_unref);
      g_assert_cmpint (node != NULL, ==, cases[i].ok);
      if (node != NULL)
        {
          g_autofree char *text = gr_json_node_to_text (node);

          g_assert_cmpstr (text, ==, cases[i].as);
        }
      gr_json_scan_clear (&scan);
    }

  {
    /* Not UTF-8: not read; UTF-8 after an escape is. */
    GrJsonScan scan;

    gr_json_scan_init (&scan, "\"a\xff\"", 4);
    g_assert_false (gr_json_scan_scalar (&scan));
    gr_json_scan_clear (&scan);
    gr_json_scan_init (&scan, "\"\\n\xe7\xb2\xae\"", 7);
    g_assert_true (gr_json_scan_scalar (&scan));
    g_assert_cmpstr (json_node_get_string (scan.value), ==, "\n粮");
    gr_json_scan_clear (&scan);
  }
}

/* Decimals are read as strtod reads them, bit for bit: the readings and
 * prices of the snapshot pages, and numbers at the edges of the fast way. */
static void
test_decimals (void)
{
  static const char * const edges[] = {
    "0.1", "0.2", "0.3", "-0.0", "1.7976931348623", "123456789012.345", "999999999999999.9",
    "0.000000000000000000001", "0.0000000000000000000001", "9007199254740993.5", "12345678901234567.5",
    "1.00000000000000000000000001", "2500.5", "21.4",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);

  for (guint i = 0; i < G_N_ELEMENTS (edges) + 200000; i++)
    {
      char text[64];
      GrJsonScan scan;

      if (i < G_N_ELEMENTS (edges))
        g_strlcpy (text, edges[i], sizeof text);
      else
        {
          /* up to 17 digits, the point anywhere among them */
          guint n = g_rand_int_range (rand, 2, 18);
          guint point = g_rand_int_range (rand, 1, n);
          guint at = 0;

          if (g_rand_boolean (rand))
            text[at++] = '-';
          for (guint d = 0; d < n; d++)
            {
              if (d == point)
                text[at++] = '.';
              text[at++] = (char) ('0' + (d == 0 && point > 1 ? g_rand_int_range (rand, 1, 10)
                                                              : g_rand_int_range (rand, 0, 10)));
            }
          text[at] = '\0';
        }
      gr_json_scan_init (&scan, text, strlen (text));
      g_assert_true (gr_json_scan_scalar (&scan));
      g_assert_true (gr_json_scan_at_end (&scan));
      g_assert_cmpint (json_node_get_value_type (scan.value), ==, G_TYPE_DOUBLE);
      if (json_node_get_double (scan.value) != g_ascii_strtod (text, NULL) ||
          signbit (json_node_get_double (scan.value)) != signbit (g_ascii_strtod (text, NULL)))
        g_error ("%s read as %.17g, strtod reads %.17g", text, json_node_get_double (scan.value),
                 g_ascii_strtod (text, NULL));
      gr_json_scan_clear (&scan);
    }
}

/* Every record of the city demo, as the server writes it. */
static void
test_demo_records (void)
{
  g_autoptr(GrStore) store = test_new_store ();
  g_autoptr(GError) error = NULL;
  const GrEntity * const *entities;
  guint n_entities;
  guint read = 0;

  g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, "2026-11-25", NULL, NULL, &error));
  g_assert_no_error (error);
  entities = gr_schema_entities (&n_entities);
  for (guint e = 0; e < n_entities; e++)
    {
      g_autoptr(GrRecordReader) reader = gr_record_reader_new (store, entities[e], &error);

      g_assert_no_error (error);
      for (;;)
        {
          g_autoptr(GrRecord) record = NULL;
          g_autofree char *text = NULL;

          g_assert_true (gr_record_reader_next (reader, &record, &error));
          g_assert_no_error (error);
          if (record == NULL)
            break;
          text = record_text (record);
          if (!read_both (entities[e], text))
            g_error ("the scanner left a plain record to json-glib: %s", text);
          read++;
        }
    }
  /* movements, lots, inspections, reports, … of the city */
  g_assert_cmpuint (read, >, 15000);
}

static void
test_records (void)
{
  const GrEntity *movement = gr_schema_lookup ("movement");
  const GrEntity *report = gr_schema_lookup ("monthly_report");
  const GrEntity *quality_test = gr_schema_lookup ("quality_test");

#define M(rest) "{\"id\": \"m-1\", \"lot\": \"lot-1\", \"date\": \"2026-01-05\", \"kind\": \"intake\"" rest "}"
  /* Read in place. */
  g_assert_true (read_both (movement, M (", \"quantity_t\": 12.5, \"version\": 3, \"updated_at\": \"2026-01-05T08:00:00Z\"")));
  g_assert_true (read_both (movement, M (", \"quantity_t\": 12, \"price_yuan_per_t\": 2500.5, \"note\": \"a\\\"b\\n\"")));
  g_assert_true (read_both (movement, M (", \"quantity_t\": 1, \"note\": null, \"corrects\": null")));
  g_assert_true (read_both (movement, "{\"version\": 2, \"quantity_t\": 3, \"kind\": \"loss\", \"date\": \"2026-01-05\","
                                      " \"lot\": \"lot-1\", \"id\": \"m-2\"}"));
  /* another time zone: GDateTime reads it */
  g_assert_true (read_both (movement, M (", \"quantity_t\": 1, \"updated_at\": \"2026-01-05T08:00:00+08:00\"")));
  /* a tombstone needs only its id */
  g_assert_true (read_both (movement, "{\"id\": \"m-9\", \"deleted\": true, \"version\": 4}"));
  g_assert_true (read_both (report, "{\"id\": \"mr-1\", \"enterprise\": \"ent-1\", \"month\": \"2026-01\","
                                    " \"filed_on\": \"2026-02-03\", \"rows\": [{\"depot\": \"dep-1\", \"variety\": \"wheat\","
                                    " \"opening_t\": 0, \"in_t\": 1748.5, \"out_t\": 0, \"closing_t\": 1748.5}], \"rotation\": []}"));

  /* Left to json-glib, which reads them. */
  g_assert_false (read_both (movement, M (", \"quantity_t\": 1, \"colour\": \"red\"")));
  g_assert_false (read_both (movement, M (", \"quantity_t\": 1, \"note\": \"\\u4e2d\"")));
  g_assert_false (read_both (movement, M (", \"quantity_t\": 1.25e1")));
  g_assert_false (read_both (movement, M (", \"quantity_t\": 1, \"note\": \"a\", \"note\": \"b\"")));
  g_assert_false (read_both (report, "{\"id\": \"mr-1\", \"enterprise\": \"ent-1\", \"month\": \"2026-01\","
                                     " \"rows\": [{\"depot\": \"dep-1\", \"variety\": \"wheat\", \"x\": 1}]}"));

  /* Refused both ways (DESIGN.md §7 checks). */
  g_assert_false (read_both (movement, M (", \"quantity_t\": 1, \"kind\": \"teleport\"")));
  g_assert_false (read_both (movement, "{\"id\": \"m-1\", \"lot\": \"lot-1\", \"date\": \"2026-02-30\", \"kind\": \"intake\","
                                       " \"quantity_t\": 1}"));
  g_assert_false (read_both (movement, M (", \"quantity_t\": -1")));
  g_assert_false (read_both (movement, M (", \"quantity_t\": 1.2345")));
  g_assert_false (read_both (movement, M (", \"quantity_t\": 0")));
  g_assert_false (read_both (movement, M ("")));
  g_assert_false (read_both (movement, M (", \"quantity_t\": 1, \"version\": -1")));
  g_assert_false (read_both (movement, M (", \"quantity_t\": 1, \"updated_at\": \"yesterday\"")));
  g_assert_false (read_both (movement, M (", \"quantity_t\": 1, \"deleted\": \"yes\"")));
  g_assert_false (read_both (movement, "{\"lot\": \"lot-1\", \"date\": \"2026-01-05\", \"kind\": \"intake\", \"quantity_t\": 1}"));
  g_assert_false (read_both (movement, "{\"id\": 5, \"lot\": \"lot-1\", \"date\": \"2026-01-05\", \"kind\": \"intake\","
                                       " \"quantity_t\": 1}"));
  g_assert_false (read_both (movement, M (", \"quantity_t\": 1, \"price_yuan_per_t\": \"cheap\"")));
  g_assert_false (read_both (movement, M (", \"quantity_t\": 1")  " trailing"));
  /* a share of the sample is at most 100 % (DESIGN.md §7 indicators) */
#define Q(indicators) "{\"id\": \"qt-1\", \"lot\": \"lot-1\", \"date\": \"2026-01-05\", \"lab\": \"广东省粮食质量监测中心\", \"standard\": \"GB 1350-2009\"," \
                      " \"indicators\": " indicators "}"
  g_assert_true (read_both (quality_test, Q ("{\"moisture_pct\": 13.5, \"color_odor\": \"normal\"}")));
  g_assert_false (read_both (quality_test, Q ("{\"moisture_pct\": 135, \"color_odor\": \"normal\"}")));
  g_assert_false (read_both (quality_test, Q ("{\"moisture_pct\": 13.5, \"color_odor\": \"sour\"}")));
#undef Q
#undef M
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-scan/values", test_values);
  g_test_add_func ("/json-scan/decimals", test_decimals);
  g_test_add_func ("/json-scan/records", test_records);
  g_test_add_func ("/json-scan/demo-records", test_demo_records);
  return g_test_run ();
}
