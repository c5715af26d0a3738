/* gr-error.h: the error domain of the core library
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GR_ERROR (gr_error_quark ())

typedef enum {
  GR_ERROR_FAILED,      /* anything else */
  GR_ERROR_INVALID,     /* bad input: a parser, a form, a CLI argument */
  GR_ERROR_NOT_FOUND,   /* a referenced record or file does not exist */
  GR_ERROR_CONFLICT,    /* the data would contradict what is stored */
  GR_ERROR_NEGATIVE,    /* a balance would fall below zero */
  GR_ERROR_DATABASE,    /* SQLite failed */
  GR_ERROR_SCHEMA,      /* the database is newer than this program */
  GR_ERROR_PERMISSION,  /* the role may not do this (DESIGN.md §6) */
} GrErrorCode;

GQuark gr_error_quark (void);

G_END_DECLS
