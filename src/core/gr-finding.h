/* gr-finding.h: one result of the compliance engine (DESIGN.md §4)
 *
 * A finding says which rule a subject breaks (or will break), by when, in
 * a Chinese sentence with the numbers that matter, and which article says
 * so. The JSON form is the one `granary-cli check --format json` prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  GR_SEVERITY_VIOLATION,  /* broken */
  GR_SEVERITY_WARNING,    /* falls due within the horizon or before the period ends */
  GR_SEVERITY_INFO,
} GrSeverity;

typedef struct {
  char       *rule;           /* "stock.min_ratio" */
  GrSeverity  severity;
  char       *subject_type;   /* "lot", "plan", "bin", "enterprise", "release" */
  char       *subject_id;
  char       *due;            /* YYYY-MM-DD or NULL */
  char       *message;
  char       *document;       /* citation; NULL: none */
  char       *article;

  /* For lists and filters (not part of the JSON form): a name people
   * know the subject by, and where it is. Any may be NULL. */
  char       *subject_name;
  char       *enterprise;     /* enterprise id */
  char       *depot;          /* depot id */
  char       *variety;        /* variety code */
} GrFinding;

GrFinding  *gr_finding_new            (const char       *rule,
                                       GrSeverity        severity,
                                       const char       *subject_type,
                                       const char       *subject_id);
void        gr_finding_free           (GrFinding        *finding);
/* Severity, rule, subject id, due (none last), then message. */
int         gr_finding_compare        (const GrFinding  *a,
                                       const GrFinding  *b);
void        gr_findings_sort          (GPtrArray        *findings);

const char *gr_severity_to_string     (GrSeverity        severity);
/* Translated, for people: 违规, 警告, 提示 */
const char *gr_severity_name          (GrSeverity        severity);

/* {"rule", "severity", "subject": {"type", "id"}, "due", "message", "citation"} */
JsonNode   *gr_finding_to_json        (const GrFinding  *finding);
/* A JSON array of findings. */
JsonNode   *gr_findings_to_json       (GPtrArray        *findings);
/* The same array as text, written directly: fast for many findings. */
char       *gr_findings_to_json_string (GPtrArray   *findings,
                                        gboolean     pretty);
/* Grouped by severity, one finding a line with its citation and due date. */
char       *gr_findings_to_text       (GPtrArray        *findings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrFinding, gr_finding_free)

G_END_DECLS
